package io.github.email2fa.it.containers;

import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole flow of the example application on one container, over HTTP, with real SMTP
 * (GreenMail in the test JVM): the offer and enrolment with a mailed code, a sign-in with a code
 * that lands on the page first asked for, the JSON 401, a backup-code sign-in with its result
 * page, a remembered device, step-up on {@code /account/delete}, a second user who skips the
 * offer, and "Cancel and sign out".
 *
 * <p>A subclass per container (and sign-in variant) starts the server in {@link #startServer}
 * with the example deployed, mail going to the given mailbox, and returns the example's root
 * URL; {@link #stopServer} stops it (also called when the start failed). The steps run in
 * order on one server, since the example knows only alice and bob, who must start unenrolled
 * (a fresh database). A subclass may add its own {@code @Test}s with {@code @Order(100)} and up,
 * after the scenario.
 *
 * <p>What the deployment must provide: the example's settings (policy {@code recommended},
 * step-up on {@code /account/delete}, the default send quota of 5 codes per account in 15
 * minutes, which the scenario uses up for alice exactly), mail to the mailbox (JVM properties
 * {@code email2fa.smtp.host=127.0.0.1} and {@code email2fa.smtp.port=<mailbox.port()>}, or a
 * JNDI mail session named by {@code email2fa.mail.session}), and a database on disk that starts
 * empty. With {@link SignIn#CONTAINER_FORM}: a WAR from {@link ExampleWar#containerLogin} and
 * the users alice/alice and bob/bob in the container's realm (any role: the WAR admits every
 * authenticated user with {@code **}). The context path may be anything.
 *
 * <pre>{@code
 * class TomcatIT extends FlowScenario {
 *     ServerProcess server;
 *     protected SignIn signIn() { return SignIn.SESSION_ATTRIBUTE; }
 *     protected URL startServer(Mailbox mailbox) { ...; return new URL("http://127.0.0.1:" + port + "/"); }
 *     protected void stopServer() { if (server != null) server.close(); }
 * }
 * }</pre>
 *
 * Each class's seconds (start to stop) are appended to {@code target/containers/seconds.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class FlowScenario {

    /** How users pass the application's (first) login. */
    public enum SignIn {
        /** The example's own login servlet: {@code POST /login} puts the user into the session ({@code session:user}). */
        SESSION_ATTRIBUTE,
        /** Container FORM login: {@code j_username}/{@code j_password} to {@code j_security_check} ({@code container}). */
        CONTAINER_FORM
    }

    public static final String DEVICE_COOKIE = "email2fa-device";
    private static final Pattern BACKUP_CODE = Pattern.compile("<code>([a-z0-9]{5}-[a-z0-9]{5})</code>");

    /** The test SMTP server the deployed example must send to. */
    protected Mailbox mailbox;
    /** The example's root URL, as {@link #startServer} returned it. */
    protected URL base;

    private long startNanos;
    private List<String> backupCodes = List.of();
    private String deviceToken;

    /** How users sign in on this deployment. */
    protected abstract SignIn signIn();

    /**
     * Starts the container with the example deployed, sending mail to {@code mailbox}, and
     * returns when it answers.
     *
     * @return the example's root URL, e.g. {@code http://127.0.0.1:41234/}
     */
    protected abstract URL startServer(Mailbox mailbox) throws Exception;

    /** Stops the container; called after the tests, and also after a failed start. */
    protected abstract void stopServer() throws Exception;

    @BeforeAll
    final void startContainer() throws Exception {
        startNanos = System.nanoTime();
        mailbox = Mailbox.start();
        try {
            base = startServer(mailbox);
        } catch (Throwable e) {
            stopQuietly();
            throw e;
        }
    }

    @AfterAll
    final void stopContainer() {
        stopQuietly();
        recordSeconds(getClass().getSimpleName(), startNanos);
    }

    private void stopQuietly() {
        try {
            stopServer();
        } catch (Exception e) {
            System.err.println("could not stop the server of " + getClass().getSimpleName() + ": " + e);
        } finally {
            if (mailbox != null) {
                mailbox.stop();
            }
        }
    }

    @Test
    @Order(1)
    void offerThenEnrolmentOnTheSettingsPageWithAMailedCodeThenBackupCodes() {
        WebClient alice = signIn("alice");
        HttpResponse<String> offer = alice.get("account");
        assertEquals(303, offer.statusCode(), "not enrolled yet: the offer");
        assertEquals(alice.contextPath() + "/email2fa/recommend", locationPath(offer));
        assertTrue(alice.get("email2fa/recommend").body().contains("Protect your account"));

        HttpResponse<String> settings = alice.get("email2fa/settings");
        assertEquals(alice.contextPath() + "/email2fa/challenge", locationPath(settings), "the settings page needs a fresh code");
        HttpResponse<String> verified = alice.submitCode(codeFromChallenge(alice, "alice"));
        assertEquals(alice.contextPath() + "/email2fa/settings", locationPath(verified), "back to the settings page");

        HttpResponse<String> page = alice.get("email2fa/settings");
        assertTrue(page.body().contains("Sign-in codes are off"), page.body());
        HttpResponse<String> enabled = alice.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "enable"));
        assertEquals(200, enabled.statusCode(), enabled.body());
        assertTrue(enabled.body().contains("Sign-in codes are on"), enabled.body());

        HttpResponse<String> made = alice.post("email2fa/settings",
                form("csrf", WebClient.csrfOf(alice.get("email2fa/settings").body()), "action", "regenerate"));
        List<String> codes = new ArrayList<>();
        Matcher matcher = BACKUP_CODE.matcher(made.body());
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        assertEquals(10, codes.size(), made.body());
        backupCodes = codes;
    }

    @Test
    @Order(2)
    void signInWithTheMailedCodeLandsOnTheTargetAndAFreshCodeOpensStepUp() {
        WebClient alice = signIn("alice");
        HttpResponse<String> challenge = alice.get("account");
        assertEquals(303, challenge.statusCode());
        assertEquals(alice.contextPath() + "/email2fa/challenge", locationPath(challenge), "enrolled: the code is required");
        HttpResponse<String> verified = alice.submitCode(codeFromChallenge(alice, "alice"));
        assertEquals(303, verified.statusCode(), verified.body());
        assertEquals(alice.contextPath() + "/account", locationPath(verified), "back to the page first asked for");
        List<String> sessionCookies = verified.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
        assertEquals(1, sessionCookies.size(), "the code renews the session ID: " + verified.headers().allValues("Set-Cookie"));
        assertTrue(sessionCookies.get(0).toLowerCase(Locale.ROOT).contains("samesite=lax"),
                "the session cookie keeps the example's SameSite=Lax: " + sessionCookies.get(0));
        assertSignedIn(alice, "alice");
        HttpResponse<String> delete = alice.get("account/delete");
        assertEquals(200, delete.statusCode(), "a code entered just now is fresh enough for step-up");
        assertTrue(delete.body().contains("confirm-delete"));
    }

    @Test
    @Order(3)
    void jsonClientOfASessionThatOwesItsCodeGets401() {
        WebClient alice = signIn("alice");
        HttpResponse<String> json = alice.get("account", "Accept", "application/json");
        assertEquals(401, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(json.body().contains("\"error\":\"second_factor_required\""), json.body());
        assertEquals(303, alice.get("account").statusCode(), "a browser is sent to the challenge instead");
    }

    @Test
    @Order(4)
    void backupCodeSignInShowsItsResultPageThenTheTarget() {
        assertEquals(10, backupCodes.size(), "needs the backup codes of the enrolment step");
        WebClient alice = signIn("alice");
        assertEquals(303, alice.get("account").statusCode());
        assertEquals(200, alice.get("email2fa/challenge").statusCode());
        HttpResponse<String> used = alice.post("email2fa/backup", form("csrf", alice.csrf(), "backupCode", backupCodes.get(0)));
        assertEquals(200, used.statusCode(), used.body());
        assertTrue(used.body().contains("Backup codes left: 9"), used.body());
        assertTrue(used.body().contains("id=\"continue\""), used.body());
        assertSignedIn(alice, "alice");
    }

    @Test
    @Order(5)
    void rememberedDeviceSkipsTheCodeOnTheNextSignIn() {
        WebClient alice = signIn("alice");
        assertEquals(303, alice.get("account").statusCode());
        String code = codeFromChallenge(alice, "alice");
        HttpResponse<String> verified = alice.post("email2fa/verify", form("csrf", alice.csrf(), "code", code, "remember", "1"));
        assertEquals(303, verified.statusCode(), verified.body());
        deviceToken = alice.cookie(DEVICE_COOKIE);
        assertNotNull(deviceToken, "the device cookie was set");

        WebClient later = signIn("alice", deviceToken);
        HttpResponse<String> account = later.get("account");
        assertEquals(200, account.statusCode(), "the remembered device skips the challenge");
        assertTrue(account.body().contains("Signed in as <strong>alice</strong>"), account.body());
        String rotated = later.cookie(DEVICE_COOKIE);
        assertNotNull(rotated);
        assertNotEquals(deviceToken, rotated, "the token rotates on use");
        deviceToken = rotated;
    }

    @Test
    @Order(6)
    void stepUpAfterARememberedDeviceAsksForAFreshCodeThenOpensThePage() {
        assertNotNull(deviceToken, "needs the device of the previous step");
        WebClient alice = signIn("alice", deviceToken);
        assertEquals(200, alice.get("account").statusCode());
        HttpResponse<String> stepUp = alice.get("account/delete");
        assertEquals(303, stepUp.statusCode());
        assertEquals(alice.contextPath() + "/email2fa/challenge", locationPath(stepUp), "a remembered device is no fresh code");
        HttpResponse<String> verified = alice.submitCode(codeFromChallenge(alice, "alice"));
        assertEquals(alice.contextPath() + "/account/delete", locationPath(verified), "back to the critical page");
        HttpResponse<String> delete = alice.get("account/delete");
        assertEquals(200, delete.statusCode());
        assertTrue(delete.body().contains("confirm-delete"), delete.body());
    }

    @Test
    @Order(7)
    void secondUserSkipsTheOfferAndReachesTheAccount() {
        WebClient bob = signIn("bob");
        HttpResponse<String> offer = bob.get("account");
        assertEquals(bob.contextPath() + "/email2fa/recommend", locationPath(offer));
        HttpResponse<String> page = bob.get("email2fa/recommend");
        HttpResponse<String> skipped = bob.post("email2fa/recommend", form("csrf", WebClient.csrfOf(page.body())));
        assertEquals(bob.contextPath() + "/account", locationPath(skipped));
        assertSignedIn(bob, "bob");
    }

    @Test
    @Order(8)
    void cancelAndSignOutEndsTheLogin() {
        // bob: alice has used the five codes per 15 minutes that the default send quota allows.
        WebClient bob = signIn("bob");
        codeFromChallenge(bob, "bob");
        HttpResponse<String> cancelled = bob.post("email2fa/cancel", form("csrf", bob.csrf()));
        assertEquals(303, cancelled.statusCode(), cancelled.body());
        assertAsksForLogin(bob, bob.get("account"));
        assertAsksForLogin(bob, bob.get("email2fa/challenge"));
    }

    // ---- helpers for subclasses ----

    /**
     * A new client that has passed the first login (not the code) as {@code user} (password =
     * user name). With container FORM login it has also followed the container's redirect back
     * to {@code /account}, as a browser does: the container replays the saved request there.
     */
    protected WebClient signIn(String user) {
        return signIn(user, null);
    }

    /** {@link #signIn(String)} on a browser that holds this remembered-device token (if not {@code null}). */
    protected WebClient signIn(String user, String deviceToken) {
        WebClient client = new WebClient(base);
        if (deviceToken != null) {
            client.setHostCookie(DEVICE_COOKIE, deviceToken);
        }
        if (signIn() == SignIn.SESSION_ATTRIBUTE) {
            return client.login(user);
        }
        HttpResponse<String> page = client.get("account");
        if (page.statusCode() == 302 || page.statusCode() == 303) {
            page = client.get(page.uri().resolve(page.headers().firstValue("Location").orElseThrow()).toString());
        }
        assertTrue(page.body().contains("j_security_check"), "the container's login form:\n" + page.body());
        HttpResponse<String> login = client.post("j_security_check", form("j_username", user, "j_password", user));
        assertTrue(login.statusCode() == 302 || login.statusCode() == 303, "j_security_check for " + user + ": " + login.statusCode());
        assertTrue(locationPath(login).endsWith("/account"), "back to the page asked for: " + locationPath(login));
        client.get(login.uri().resolve(login.headers().firstValue("Location").orElseThrow()).toString());
        return client;
    }

    /** Opens the challenge page (which mails a code) and returns the code from the mail. */
    protected String codeFromChallenge(WebClient client, String user) {
        int seen = mailbox.count(user + "@example.com");
        HttpResponse<String> page = client.get("email2fa/challenge");
        assertEquals(200, page.statusCode(), page.body());
        return mailbox.awaitCode(user + "@example.com", seen);
    }

    /** Fails unless the account page answers 200 for this user. */
    protected static void assertSignedIn(WebClient client, String user) {
        HttpResponse<String> account = client.get("account");
        assertEquals(200, account.statusCode(), "the account page");
        assertTrue(account.body().contains("Signed in as <strong>" + user + "</strong>"), account.body());
    }

    /** Fails unless the response asks for the first login again (not for a code). */
    protected void assertAsksForLogin(WebClient client, HttpResponse<String> response) {
        if (signIn() == SignIn.SESSION_ATTRIBUTE) {
            assertTrue(response.statusCode() == 302 || response.statusCode() == 303, response.statusCode() + " " + response.body());
            assertEquals(client.contextPath() + "/login", locationPath(response));
            return;
        }
        if (response.statusCode() == 302 || response.statusCode() == 303) {
            assertTrue(locationPath(response).contains("/static/login.html"), "to the container's login page: " + locationPath(response));
        } else {
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("j_security_check"), "the container's login form:\n" + response.body());
        }
    }

    /** Appends {@code <name> <seconds>} to {@code target/containers/seconds.txt} and prints it. */
    public static void recordSeconds(String name, long startNanos) {
        long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
        String line = name + " " + seconds + "s\n";
        System.out.print("[containers] " + line);
        try {
            Files.writeString(Distributions.containersDir().resolve("seconds.txt"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
