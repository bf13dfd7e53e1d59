package io.github.email2fa.it;

import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.accounts.OutageSimulatingAccountStore;
import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.PayaraProcess;
import io.github.email2fa.it.support.TestArchives;
import io.github.email2fa.it.support.WebClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code email2fa.policy=optional} on Payara Micro: users who did not turn codes on are never
 * asked, not even once; users who did are asked at every sign-in. The same deployment runs
 * {@code email2fa.stepUp.factor=backup-code}: its critical page takes backup codes only. Its
 * per-user state lives in an account store of the application's own, named in
 * {@code email2fa.accountStore}, which can play a database outage. A verified session lasts
 * {@code email2fa.verified.maxAge=3s}: every other test here uses its verification within a
 * moment, so only the test of that age waits it out. Its {@code web.xml} gives the session cookie
 * {@code SameSite=Strict} of its own, which the module must keep.
 */
class OptionalPolicyIT {

    static Mailbox mailbox;
    static PayaraProcess payara;

    @BeforeAll
    static void start() throws Exception {
        mailbox = Mailbox.start();
        Map<String, String> settings = TestArchives.relaxedLimits(mailbox.port());
        settings.put("email2fa.email.resolver", "io.github.email2fa.it.support.NameAtExampleResolver");
        settings.put("email2fa.policy", "optional");
        settings.put("email2fa.stepUp.paths", "/account/delete");
        settings.put("email2fa.stepUp.factor", "backup-code");
        settings.put("email2fa.verified.maxAge", "3s");
        // The application's own account store, named by class (it passes the store contract test).
        settings.put("email2fa.accountStore", OutageSimulatingAccountStore.class.getName());
        payara = PayaraProcess.start(TestArchives.withOwnSameSite(TestArchives.abuseApp("optional", settings), "Strict"), "optional",
                false);
    }

    @AfterAll
    static void stop() throws Exception {
        payara.close();
        mailbox.stop();
    }

    /** A client without a session. */
    static WebClient client() throws Exception {
        return new WebClient(new URL("http://127.0.0.1:" + payara.httpPort() + "/optional/"));
    }

    static WebClient login(String user) throws Exception {
        WebClient client = client();
        assertEquals(302, client.post("public/test-login", form("username", user)).statusCode());
        return client;
    }

    /** Opens the challenge page (which mails the code) and returns the code. */
    static String codeFromChallenge(WebClient client, String user) {
        int seen = mailbox.count(user + "@example.com");
        assertEquals(200, client.get("email2fa/challenge").statusCode());
        return mailbox.awaitCode(user + "@example.com", seen);
    }

    /** Signs an enrolled user in through the challenge; returns the verified client. */
    static WebClient signIn(String user) throws Exception {
        WebClient client = login(user);
        assertEquals(303, client.get("account").statusCode());
        assertEquals(303, client.submitCode(codeFromChallenge(client, user)).statusCode());
        return client;
    }

    /** Turns codes on for a new user through the settings page, after the code it asks for. */
    static void enrol(String user) throws Exception {
        WebClient client = login(user);
        assertEquals(303, client.get("email2fa/settings").statusCode());
        assertEquals(303, client.submitCode(codeFromChallenge(client, user)).statusCode());
        HttpResponse<String> page = client.get("email2fa/settings");
        HttpResponse<String> enabled = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "enable"));
        assertTrue(enabled.body().contains("Sign-in codes are on"), enabled.body());
    }

    @Test
    void optionalPolicyWhenUserDidNotEnrolThenNeverAsked() throws Exception {
        WebClient client = login("casual");
        HttpResponse<String> account = client.get("account");
        assertEquals(200, account.statusCode(), "no challenge and no recommendation page");
        assertTrue(account.body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
    }

    @Test
    void optionalPolicyWhenUserEnrolledThenAskedAtEverySignIn() throws Exception {
        enrol("careful");

        WebClient later = login("careful");
        HttpResponse<String> redirect = later.get("account");
        assertEquals(later.contextPath() + "/email2fa/challenge", locationPath(redirect));
    }

    @Test
    void stepUpWhenFactorIsBackupCodeThenNoEmailIsSentAndOnlyABackupCodeOpensThePage() throws Exception {
        WebClient client = login("strict");
        assertEquals(303, client.get("email2fa/settings").statusCode(), "the settings page still confirms by email");
        int seen = mailbox.count("strict@example.com");
        client.get("email2fa/challenge");
        assertEquals(303, client.submitCode(mailbox.awaitCode("strict@example.com", seen)).statusCode());
        HttpResponse<String> settings = client.get("email2fa/settings");
        HttpResponse<String> made = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(settings.body()), "action", "regenerate"));
        java.util.regex.Matcher codes = java.util.regex.Pattern.compile("<code>([a-z0-9]{5}-[a-z0-9]{5})</code>").matcher(made.body());
        assertTrue(codes.find(), made.body());
        String backupCode = codes.group(1);

        awaitSubject("strict@example.com", "New backup codes");
        HttpResponse<String> critical = client.get("account/delete");
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(critical));
        int before = mailbox.count("strict@example.com");
        HttpResponse<String> page = client.get("email2fa/challenge");
        assertTrue(page.body().contains("needs one of your backup codes"), page.body());
        assertTrue(page.body().contains("<form id=\"verify\" method=\"post\" action=\"/optional/email2fa/verify\" hidden>"), "no email-code form");
        SecondFactorFlowIT.pause(java.time.Duration.ofMillis(500));
        assertEquals(before, mailbox.count("strict@example.com"), "no email is sent for this step-up");
        assertEquals(403, client.post("email2fa/verify", form("csrf", WebClient.csrfOf(page.body()), "code", "123456")).statusCode());

        HttpResponse<String> used = client.post("email2fa/backup", form("csrf", WebClient.csrfOf(page.body()), "backupCode", backupCode));
        assertEquals(200, used.statusCode());
        assertTrue(used.body().contains("/optional/account/delete"), "continues to the critical page");
        assertTrue(client.get("account/delete").body().contains("confirm-delete"));
    }

    @Test
    void accountStoreWhenDatabaseIsDownThenTryAgainPageAndTheSessionCarriesOnOnceItIsBack() throws Exception {
        WebClient client = login("weathered");
        String sessionId = client.sessionId();
        try {
            assertEquals(204, client.post("public/store-outage", form("down", "true")).statusCode());

            HttpResponse<String> account = client.get("account");

            assertEquals(503, account.statusCode(), "the store is asked for the policy, and is down");
            assertEquals("30", account.headers().firstValue("Retry-After").orElse(null));
            assertTrue(account.body().startsWith("Something went wrong on our side. Please try again in a moment."), account.body());
            assertFalse(account.body().contains("Exception"), "no stack trace reaches the user");
            HttpResponse<String> json = client.get("account", "Accept", "application/json");
            assertEquals(503, json.statusCode());
            assertEquals("{\"error\":\"try_again\"}", json.body());
            HttpResponse<String> settings = client.get("email2fa/settings");
            assertEquals(503, settings.statusCode(), "the module's own pages answer the same way");
        } finally {
            client.post("public/store-outage", form("down", "false"));
        }
        HttpResponse<String> again = client.get("account");
        assertEquals(200, again.statusCode(), "the same sign-in carries on");
        assertTrue(again.body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
        assertEquals(sessionId, client.sessionId(), "the session survived the outage");
        // Payara's --logtofile writes through a JUL FileHandler, which adds the generation number.
        String log = Files.readString(Path.of(System.getProperty("it.buildDir", "target"), "payara-optional.log.0"));
        assertTrue(log.contains("email2fa could not answer GET /optional/account; the user was asked to try again"), log);
        assertTrue(log.contains("The application's user database is down (simulated outage)"), "the cause is logged");
    }

    @Test
    void rememberDeviceWhenStoringTheDeviceFailsThenTheSignInStillSucceedsWithoutTheDevice() throws Exception {
        enrol("hopeful");

        WebClient later = login("hopeful");
        assertEquals(303, later.get("account").statusCode());
        int seen = mailbox.count("hopeful@example.com");
        later.get("email2fa/challenge");
        String code = mailbox.awaitCode("hopeful@example.com", seen);
        try {
            assertEquals(204, later.post("public/store-outage", form("deviceWritesDown", "true")).statusCode());
            HttpResponse<String> verified = later.post("email2fa/verify", form("csrf", later.csrf(), "code", code, "remember", "1"));

            assertEquals(303, verified.statusCode(), "the code is spent: the sign-in goes on, never to an error page");
            assertEquals(later.contextPath() + "/account", locationPath(verified));
            assertEquals(null, WebClient.setCookieValue(verified, "email2fa-device"), "only the device is not remembered");
        } finally {
            later.post("public/store-outage", form("deviceWritesDown", "false"));
        }
        assertEquals(200, later.get("account").statusCode());
    }

    @Test
    void verifiedSessionWhenOlderThanVerifiedMaxAgeThenBrowserIsAskedForTheCodeAndScriptGets401() throws Exception {
        enrol("aging");
        WebClient browser = signIn("aging");
        assertEquals(200, browser.get("account").statusCode());
        WebClient script = signIn("aging");
        assertEquals(200, script.get("account", "Accept", "application/json").statusCode());

        SecondFactorFlowIT.pause(java.time.Duration.ofMillis(3300));

        HttpResponse<String> asked = browser.get("account?tab=orders");
        assertEquals(browser.contextPath() + "/email2fa/challenge", locationPath(asked), "older than the maximum age");
        HttpResponse<String> json = script.get("account", "Accept", "application/json");
        assertEquals(401, json.statusCode());
        assertTrue(json.body().startsWith("{\"error\":\"second_factor_required\""), json.body());
        HttpResponse<String> verified = browser.submitCode(codeFromChallenge(browser, "aging"));
        assertEquals(browser.contextPath() + "/account?tab=orders", locationPath(verified), "back to the page asked for");
        assertTrue(browser.get("account?tab=orders").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
        List<String> reasons = client().get("public/probe/events").body().lines()
                .filter(line -> line.startsWith("event=reverification_required subject=aging "))
                .map(line -> line.replaceAll(".* reason=(\\S+).*", "$1")).toList();
        assertEquals(List.of("max_age", "max_age"), reasons, "one event for each of the two sessions");
    }

    @Test
    void sessionCookieWhenApplicationSetsItsOwnSameSiteThenModuleKeepsIt() throws Exception {
        assertEquals("SameSite=Strict", client().get("public/probe/session-cookie").body().strip());
    }

    @Test
    void sessionCookieWhenApplicationSetsItsOwnSameSiteThenSetCookieCarriesIt() throws Exception {
        HttpResponse<String> login = client().post("public/test-login", form("username", "cookie"));
        assertEquals(302, login.statusCode());
        String cookie = WebClient.setCookieHeader(login, "JSESSIONID");
        assertTrue(cookie != null && cookie.contains("SameSite=Strict"), "the application's own value: " + cookie);
        assertFalse(cookie.contains("SameSite=Lax"), cookie);
    }

    /** Waits until a mail with this subject has arrived, so later counts are not disturbed by it. */
    private static void awaitSubject(String address, String subjectStart) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            for (var message : mailbox.messagesFor(address)) {
                if (message.getSubject().startsWith(subjectStart)) {
                    return;
                }
            }
            SecondFactorFlowIT.pause(java.time.Duration.ofMillis(100));
        }
        throw new AssertionError("no mail '" + subjectStart + "' to " + address);
    }
}
