package io.github.email2fa.it;

import static io.github.email2fa.it.support.WebClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.AxeAudit;
import io.github.email2fa.it.support.HeadlessChromium;
import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.ServerLog;
import io.github.email2fa.it.support.TestArchives;
import io.github.email2fa.it.support.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The limits an attacker meets and what operators see, on a real Payara Micro: per-account
 * lockouts across sessions and resends, send quotas, spoofed client addresses, a flooded cache,
 * audit events through CDI, the JMX counters, the support API and the admin page.
 *
 * <p>Every test uses accounts of its own (the test login accepts any name), so the per-account
 * limits of one test never leak into another. All requests come from one client address; the
 * per-address quota test runs last.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseResistanceIT {

    static final int PER_IP = 60;
    static Mailbox mailbox;
    static final AtomicInteger XFF = new AtomicInteger(1);
    /** One Chromium for the tests that look at pages, started by the first of them. */
    static ChromeDriver browser;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        mailbox = Mailbox.start();
        Map<String, String> settings = TestArchives.exampleSettings(mailbox.port());
        settings.put("email2fa.email.resolver", "io.github.email2fa.it.support.NameAtExampleResolver");
        settings.put("email2fa.resend.cooldown", "1s");
        settings.put("email2fa.cache.maximumSize", "10000");
        settings.put("email2fa.send.perIp", String.valueOf(PER_IP));
        settings.put("email2fa.trustedProxies", "203.0.113.250/32");
        settings.put("email2fa.admin.role", "support");
        settings.remove("email2fa.mail.checkOnStartup");
        return TestArchives.abuseApp("abuse", settings);
    }

    @AfterAll
    static void stopMailboxAndBrowser() {
        mailbox.stop();
        if (browser != null) {
            browser.quit();
        }
    }

    static ChromeDriver browser() throws IOException {
        if (browser == null) {
            browser = HeadlessChromium.start();
        }
        return browser;
    }

    /**
     * Signs the browser in through the test login, which takes any name (the example's login form
     * knows two users only), and waits for the challenge page.
     */
    void browserSignIn(String user) throws IOException {
        WebClient site = new WebClient(base);
        browser().get(site.url("login"));
        browser().executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const name = document.createElement('input');
                name.name = 'username';
                name.value = arguments[1];
                form.append(name);
                document.body.append(form);
                form.submit();
                """, site.url("public/test-login"), user);
        new WebDriverWait(browser(), Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/email2fa/challenge"));
    }

    /** Waits until the browser's page has an element {@code id} that says {@code text}. */
    static void awaitText(String id, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    /** Logs a test account in and opens the challenge page; returns the mailed code. */
    String signIn(WebClient client, String user) {
        int seen = mailbox.count(user + "@example.com");
        assertEquals(302, client.post("public/test-login", form("username", user)).statusCode());
        assertEquals(303, client.get("account").statusCode());
        assertEquals(200, client.get("email2fa/challenge").statusCode());
        return mailbox.awaitCode(user + "@example.com", seen);
    }

    /** Waits out the 1 s resend cooldown and asks for a new code; returns it. */
    String resend(WebClient client, String user) {
        SecondFactorFlowIT.pause(Duration.ofMillis(1100));
        int seen = mailbox.count(user + "@example.com");
        HttpResponse<String> resent = client.post("email2fa/resend", form("csrf", client.csrf()), "X-Forwarded-For", nextFakeIp());
        assertEquals(303, resent.statusCode(), resent.body());
        return mailbox.awaitCode(user + "@example.com", seen);
    }

    HttpResponse<String> wrong(WebClient client, String code) {
        return client.submitCode(SecondFactorFlowIT.otherCode(code));
    }

    Map<String, String> probe(String what) {
        Map<String, String> values = new HashMap<>();
        for (String line : new WebClient(base).get("public/probe/" + what).body().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    long jmx(String attribute) {
        return Long.parseLong(probe("jmx").get(attribute));
    }

    static String nextFakeIp() {
        int n = XFF.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    @Test
    @Order(1)
    void failuresWhenSpreadOverThreeSessionsAndTwoResendsThenAccountLocksAndOnlyUnlockHelps() throws Exception {
        String user = "spread";
        WebClient first = new WebClient(base);
        String code = signIn(first, user);
        for (int i = 0; i < 4; i++) {
            assertEquals(200, wrong(first, code).statusCode());
        }
        code = resend(first, user);
        for (int i = 0; i < 2; i++) {
            assertEquals(200, wrong(first, code).statusCode());
        }
        WebClient second = new WebClient(base);
        String secondsCode = signIn(second, user);
        for (int i = 0; i < 2; i++) {
            assertEquals(200, wrong(second, secondsCode).statusCode());
        }
        WebClient third = new WebClient(base);
        code = signIn(third, user);
        assertEquals(200, wrong(third, code).statusCode());
        String newest = resend(third, user);
        assertEquals("9", probe("status?subject=" + user).get("failuresInWindow"), "nine failures in three sessions");

        HttpResponse<String> locking = wrong(third, newest);
        assertEquals(429, locking.statusCode(), "the tenth failure locks");
        assertTrue(locking.body().contains("sign-in with a code is paused, and the codes already sent no longer work"), locking.body());
        assertTrue(locking.body().matches("(?s).*You can request a new code <time datetime=\"[^\"]+Z\" title=\"[^\"]+ UTC\">"
                + "\\d+ minutes? from now</time>\\..*"), "the wait is relative, with its end in UTC: " + locking.body());
        assertTrue(locking.headers().firstValue("Retry-After").isPresent());

        HttpResponse<String> right = third.submitCode(newest);
        assertEquals(429, right.statusCode(), "the right code is refused while locked");
        assertFalse(right.body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
        assertEquals("true", probe("status?subject=" + user).get("locked"));
        assertEquals("10", probe("status?subject=" + user).get("consecutiveFailures"), "failures while locked cost nothing");

        WebClient fourth = new WebClient(base);
        fourth.post("public/test-login", form("username", user));
        fourth.get("account");
        HttpResponse<String> page = fourth.get("email2fa/challenge");
        assertTrue(page.body().contains("sign-in with a code is paused"), "a new session sees the lock too");
        String secondsPage = second.get("email2fa/challenge").body();
        assertTrue(secondsPage.contains("sign-in with a code is paused"), "and so do the old ones");
        assertTrue(secondsPage.contains("The code we sent stopped working when sign-in with a code was paused"), secondsPage);

        MimeMessage notice = lastMailWithSubject(user + "@example.com", "Wrong codes were entered");
        String text = Mailbox.textOf(notice, "text/plain");
        assertTrue(text.contains("IP address"), text);
        assertTrue(text.contains("request a new code: the codes sent before the pause no longer work"), text);
        for (String issued : mailbox.allCodes()) {
            assertFalse(text.contains(issued) || Mailbox.textOf(notice, "text/html").contains(issued), "the notice holds no code");
        }

        assertEquals("true", new WebClient(base).post("public/probe/unlock", form("subject", user)).body().strip());
        assertEquals("false", probe("status?subject=" + user).get("locked"));
        HttpResponse<String> voided = second.submitCode(secondsCode);
        assertEquals(200, voided.statusCode());
        assertTrue(voided.body().contains("The code we sent stopped working when sign-in with a code was paused after too many wrong"
                + " codes. Request a new code."), "the code in the mail is dead, and the page says why: " + voided.body());
        String fresh = resend(second, user);
        HttpResponse<String> verified = second.submitCode(fresh);
        assertEquals(303, verified.statusCode(), "unlocking through the API restores access");
        assertTrue(second.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
    }

    @Test
    @Order(2)
    void twoHundredParallelWrongCodesWhenSubmittedThenEveryOneIsCountedNoneSucceedsAndAccountLocks() {
        String user = "parallel";
        WebClient client = new WebClient(base);
        String code = signIn(client, user);
        String csrf = client.csrf();
        long failuresBefore = jmx("Failures");
        long lockoutsBefore = jmx("Lockouts");
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pending.add(client.postAsync("email2fa/verify", form("csrf", csrf, "code", SecondFactorFlowIT.otherCode(code))));
        }
        List<HttpResponse<String>> responses = pending.stream().map(CompletableFuture::join).toList();
        assertEquals(200, responses.size());
        assertTrue(responses.stream().noneMatch(r -> r.statusCode() == 303), "no success");
        assertEquals(200, jmx("Failures") - failuresBefore, "every processed request is recorded as one failure");
        assertEquals(1, jmx("Lockouts") - lockoutsBefore, "exactly one lockout");

        HttpResponse<String> right = client.submitCode(code);
        assertEquals(429, right.statusCode(), "the right code afterwards meets the lock");
        assertEquals("true", probe("status?subject=" + user).get("locked"));
    }

    @Test
    @Order(3)
    void resendFloodWhenQuotaIsUsedThenLimitedAndOnlyNewestCodeWorks() {
        String user = "flood";
        WebClient client = new WebClient(base);
        List<String> codes = new ArrayList<>();
        codes.add(signIn(client, user));
        for (int i = 0; i < 4; i++) {
            codes.add(resend(client, user));
        }
        SecondFactorFlowIT.pause(Duration.ofMillis(1100));
        int seen = mailbox.count(user + "@example.com");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> limited = client.post("email2fa/resend", form("csrf", client.csrf()), "X-Forwarded-For", nextFakeIp());
            assertEquals(429, limited.statusCode());
            assertTrue(limited.body().contains("Too many codes were requested"), limited.body());
            assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) > 60);
        }
        SecondFactorFlowIT.pause(Duration.ofMillis(300));
        assertEquals(seen, mailbox.count(user + "@example.com"), "no mail after the quota");
        String newest = codes.get(codes.size() - 1);
        String replaced = codes.get(codes.size() - 2);
        for (String old : codes.subList(0, codes.size() - 2)) {
            if (!old.equals(newest) && !old.equals(replaced)) {
                assertTrue(client.submitCode(old).body().contains(SecondFactorFlowIT.GENERIC_ERROR), "an older code is dead");
            }
        }
        if (!replaced.equals(newest)) {
            assertTrue(client.submitCode(replaced).body().contains("a newer code replaced it"), "the code the last resend replaced says so");
        }
        assertEquals(303, client.submitCode(codes.get(codes.size() - 1)).statusCode());
    }

    @Test
    @Order(4)
    void cacheWhenFilledWithFiftyThousandOtherChallengesThenAccountCounterSurvives() {
        String user = "survivor";
        WebClient client = new WebClient(base);
        String code = signIn(client, user);
        for (int i = 0; i < 3; i++) {
            wrong(client, code);
        }
        assertEquals("3", probe("status?subject=" + user).get("failuresInWindow"));
        HttpResponse<String> filled = new WebClient(base).post("public/probe/fill?count=50000", Map.of());
        assertEquals(200, filled.statusCode());
        assertTrue(jmx("PendingChallenges") <= 11_000, "the challenge cache stays bounded");
        assertEquals("3", probe("status?subject=" + user).get("failuresInWindow"), "the failure counter was not evicted");
        assertEquals("3", probe("status?subject=" + user).get("consecutiveFailures"));
    }

    @Test
    @Order(5)
    void cdiObserverWhenFlowRunsThenReceivesTheEvents() {
        String user = "observed";
        WebClient client = new WebClient(base);
        String code = signIn(client, user);
        wrong(client, code);
        assertEquals(303, client.submitCode(code).statusCode());
        String events = new WebClient(base).get("public/probe/events").body();
        List<String> mine = events.lines().filter(l -> l.contains("subject=" + user)).toList();
        for (String type : List.of("challenge_issued", "code_sent", "verify_failed", "verified")) {
            assertTrue(mine.stream().anyMatch(l -> l.startsWith("event=" + type + " ")), type + " missing in:\n" + events);
        }
        String verified = mine.stream().filter(l -> l.startsWith("event=verified ")).findFirst().orElseThrow();
        assertTrue(verified.contains("email=o•••@example.com"));
        assertTrue(verified.matches(".*ip=\\S+ .*session=[0-9a-f]{12} .*sinceSentMs=\\d+.*"), verified);
        assertFalse(events.contains(code), "no event carries a code");
        assertFalse(events.contains(user + "@example.com"), "no event carries the full address");
    }

    @Test
    @Order(6)
    void jmxCountersWhenFlowRunsThenMoveByExactlyWhatHappened() {
        Map<String, String> before = probe("jmx");
        String user = "counted";
        WebClient client = new WebClient(base);
        String code = signIn(client, user);
        awaitJmx("Sent", Long.parseLong(before.get("Sent")) + 1);
        wrong(client, code);
        wrong(client, code);
        assertEquals(303, client.submitCode(code).statusCode());
        Map<String, String> after = probe("jmx");
        assertEquals(1, delta(before, after, "Issued"));
        assertEquals(1, delta(before, after, "Sent"));
        assertEquals(0, delta(before, after, "SendFailures"));
        assertEquals(2, delta(before, after, "Failures"));
        assertEquals(1, delta(before, after, "Verified"));
        assertEquals(0, delta(before, after, "Lockouts"));
        assertTrue(Long.parseLong(after.get("P95SendToVerifyMillis")) >= Long.parseLong(after.get("MedianSendToVerifyMillis")));
        assertTrue(after.containsKey("PendingChallenges"));
    }

    /**
     * In Chromium, checked by axe-core against WCAG 2.1 A and AA: the challenge page of a locked
     * account, and the admin page, looking the account up and after a test email.
     */
    @Test
    @Order(7)
    void browserWhenAccountIsLockedThenChallengeAndAdminPagesPassAxe() throws Exception {
        browserSignIn("parallel");
        awaitText("error", "sign-in with a code is paused");
        AxeAudit.assertNoViolations(browser, "the challenge page of a locked account");

        int seen = mailbox.count("helpdesk@example.com");
        browserSignIn("helpdesk");
        SecondFactorFlowIT.typeCode(browser, mailbox.awaitCode("helpdesk@example.com", seen));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/account"));
        browser.get(new WebClient(base).url("admin/email2fa?subject=parallel"));
        assertTrue(browser.findElement(By.id("status")).getText().contains("yes, for"), "still locked");
        AxeAudit.assertNoViolations(browser, "the admin page showing a locked account");

        int toOps = mailbox.count("ops@example.com");
        browser.findElement(By.id("address")).sendKeys("ops@example.com" + Keys.ENTER);
        awaitText("result", "Test email sent");
        assertEquals("status", browser.findElement(By.id("result")).getAttribute("role"));
        assertTrue(mailbox.awaitMessage("ops@example.com", toOps) != null);
        AxeAudit.assertNoViolations(browser, "the admin page after a test email");
    }

    @Test
    @Order(8)
    void adminPageWhenUserLacksRoleThenRefusedAndWithRoleThenUnlocksAndSendsTestMail() {
        assertEquals(403, new WebClient(base).get("admin/email2fa").statusCode(), "anonymous");
        WebClient plain = new WebClient(base);
        assertEquals(303, plain.submitCode(signIn(plain, "plainuser")).statusCode());
        HttpResponse<String> refused = plain.get("admin/email2fa?subject=parallel");
        assertEquals(403, refused.statusCode(), "a verified user without the role");
        assertFalse(refused.body().contains("Wrong codes"));
        assertEquals(403, plain.post("admin/email2fa", form("csrf", "any", "action", "unlock", "subject", "parallel")).statusCode());
        assertEquals("true", probe("status?subject=parallel").get("locked"), "the refused unlock changed nothing");

        WebClient helpdesk = new WebClient(base);
        HttpResponse<String> halfSignedIn;
        String code = signIn(helpdesk, "helpdesk");
        halfSignedIn = helpdesk.get("admin/email2fa");
        assertEquals(303, halfSignedIn.statusCode(), "the role does not skip the second factor");
        assertEquals(303, helpdesk.submitCode(code).statusCode());
        HttpResponse<String> page = helpdesk.get("admin/email2fa?subject=parallel");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("yes, for"), page.body());
        String csrf = WebClient.csrfOf(page.body());
        assertEquals(403, helpdesk.post("admin/email2fa", form("action", "unlock", "subject", "parallel")).statusCode(), "no CSRF token");
        HttpResponse<String> unlocked = helpdesk.post("admin/email2fa", form("csrf", csrf, "action", "unlock", "subject", "parallel"));
        assertTrue(unlocked.body().contains("Unlocked parallel"), unlocked.body());
        assertEquals("false", probe("status?subject=parallel").get("locked"));

        int seen = mailbox.count("ops@example.com");
        HttpResponse<String> test = helpdesk.post("admin/email2fa", form("csrf", csrf, "action", "testEmail", "address", "ops@example.com"));
        assertTrue(test.body().contains("Test email sent"), test.body());
        assertTrue(mailbox.awaitMessage("ops@example.com", seen) != null);
    }

    @Test
    @Order(100)
    void clientAddressWhenXForwardedForChangesEveryRequestThenPerAddressQuotaStillHolds() throws Exception {
        int refusedAt = -1;
        for (int i = 0; i <= PER_IP && refusedAt < 0; i++) {
            WebClient client = new WebClient(base);
            client.post("public/test-login", form("username", "ip-" + i));
            client.get("account", "X-Forwarded-For", nextFakeIp());
            HttpResponse<String> page = client.get("email2fa/challenge", "X-Forwarded-For", nextFakeIp());
            if (page.body().contains("Too many codes were requested")) {
                refusedAt = i;
            }
        }
        assertTrue(refusedAt >= 0, "the per-address quota of " + PER_IP + " was never reached despite fresh accounts");
        WebClient another = new WebClient(base);
        another.post("public/test-login", form("username", "ip-late"));
        another.get("account", "X-Forwarded-For", "203.0.113.77");
        HttpResponse<String> late = another.get("email2fa/challenge", "X-Forwarded-For", "203.0.113.77");
        assertTrue(late.body().contains("Too many codes were requested"), "a spoofed header from an untrusted peer changes nothing");

        browserSignIn("ip-browser");
        awaitText("error", "Too many codes were requested");
        AxeAudit.assertNoViolations(browser, "the challenge page when too many codes were requested");
    }

    @Test
    @Order(9)
    void malformedCodesWhenTwelvePostedThenNothingCountedAndTheRightCodeInArabicIndicDigitsVerifies() {
        String user = "digits";
        WebClient client = new WebClient(base);
        String code = signIn(client, user);

        for (int i = 0; i < 12; i++) {
            HttpResponse<String> refused = client.submitCode(code.substring(1));
            assertEquals(200, refused.statusCode());
            assertTrue(refused.body().contains("Enter the 6 digits from the email."), refused.body());
        }
        Map<String, String> status = probe("status?subject=" + user);
        assertEquals("false", status.get("locked"));
        assertEquals("0", status.get("failuresInWindow"), "malformed input is no guess");

        StringBuilder arabicIndic = new StringBuilder();
        code.chars().forEach(c -> arabicIndic.append((char) ('\u0660' + c - '0')));
        HttpResponse<String> verified = client.submitCode(arabicIndic.toString());
        assertEquals(303, verified.statusCode(), "the right code typed in Arabic-Indic digits, after twelve malformed posts");
        assertTrue(client.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
    }

    @Test
    @Order(10)
    void mailSelfTestWhenDeployedThenLoggedItsResultWithoutSendingMail() throws Exception {
        String log = ServerLog.text();
        assertTrue(log.contains("mail self-test passed"), "the start-up check ran and passed");
        assertFalse(log.contains("mail self-test FAILED"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void serverLogWhenAllTestsRanThenHoldsNoIssuedCode() throws Exception {
        ServerLog.assertHoldsNone(mailbox.allCodes());
    }

    private MimeMessage lastMailWithSubject(String address, String subjectStart) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<MimeMessage> messages = mailbox.messagesFor(address);
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).getSubject().startsWith(subjectStart)) {
                    return messages.get(i);
                }
            }
            SecondFactorFlowIT.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("no mail '" + subjectStart + "' to " + address);
    }

    private void awaitJmx(String attribute, long atLeast) {
        for (int attempt = 0; attempt < 100 && jmx(attribute) < atLeast; attempt++) {
            SecondFactorFlowIT.pause(Duration.ofMillis(100));
        }
        assertNotEquals(-1, atLeast);
    }

    private static long delta(Map<String, String> before, Map<String, String> after, String key) {
        return Long.parseLong(after.get(key)) - Long.parseLong(before.get(key));
    }
}
