package io.github.email2fa.it;

import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
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
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole second-factor flow on a real Payara Micro, driven over HTTP like a browser, with
 * codes read from the mail the application sent to GreenMail.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecondFactorFlowIT {

    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final String PROTECTED_CONTENT = "id=\"signed-in\"";
    static final String GENERIC_ERROR = "That code is not valid";

    static Mailbox mailbox;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        mailbox = Mailbox.start();
        return TestArchives.exampleApp("flow", TestArchives.relaxedLimits(mailbox.port()));
    }

    @AfterAll
    static void stopMailbox() {
        mailbox.stop();
    }

    /** Logs in, asks for a protected page, opens the challenge page and returns the code from the mail. */
    String startFlow(WebClient client, String user, String address, String protectedPath) {
        client.login(user);
        int seen = mailbox.count(address);
        HttpResponse<String> redirect = client.get(protectedPath);
        assertEquals(303, redirect.statusCode());
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(redirect));
        assertEquals(200, client.get("email2fa/challenge").statusCode());
        return mailbox.awaitCode(address, seen);
    }

    @Test
    void fullFlowWhenCodeFromMailIsEnteredThenLandsOnRequestedPageWithNewSessionId() {
        WebClient alice = new WebClient(base);
        String code = startFlow(alice, "alice", ALICE, "account?tab=security&x=%2Fy");
        String sessionBefore = alice.sessionId();

        HttpResponse<String> page = alice.get("email2fa/challenge");
        assertTrue(page.body().contains("a•••@example.com"), page.body());
        assertFalse(page.body().contains(ALICE), "the full address is never shown");
        assertFalse(page.body().contains(code), "the code is never in a page");

        HttpResponse<String> verified = alice.submitCode(code);
        assertEquals(303, verified.statusCode());
        assertEquals(alice.contextPath() + "/account?tab=security&x=%2Fy", locationPath(verified));
        assertNotEquals(sessionBefore, alice.sessionId(), "the session id changes after the second factor");

        HttpResponse<String> account = alice.get("account");
        assertEquals(200, account.statusCode());
        assertTrue(account.body().contains("Signed in as <strong>alice</strong>"));
    }

    @Test
    void startPageWhenAnonymousThenServedAndWhenHalfSignedInThenRedirected() {
        WebClient visitor = new WebClient(base);
        HttpResponse<String> home = visitor.get("");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("email2fa example"));
        visitor.login("bob");
        HttpResponse<String> halfSignedIn = visitor.get("");
        assertEquals(303, halfSignedIn.statusCode());
        assertEquals(visitor.contextPath() + "/email2fa/challenge", locationPath(halfSignedIn));
    }

    @Test
    void challengePageWhenShownThenHasCodeFieldAttributesNoStoreAndARelativeSendTimeWithItsUtcInstant() {
        WebClient alice = new WebClient(base);
        startFlow(alice, "alice", ALICE, "account");
        HttpResponse<String> page = awaitStatus(alice, "We emailed a code to <bdi>a•••@example.com</bdi>");
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        String body = page.body();
        assertTrue(body.contains("name=\"code\""));
        assertTrue(body.contains("autocomplete=\"one-time-code\""));
        assertTrue(body.contains("inputmode=\"numeric\""));
        // Never a clock time in the server's zone ("at 6:42 AM"): words that are true in every zone, and the instant in UTC.
        assertTrue(body.matches("(?s).*<bdi>a•••@example\\.com</bdi> <time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\" "
                + "title=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\">(moments|1 minute) ago</time>\\..*"), body);
        assertFalse(body.matches("(?s).*\\bat \\d{1,2}:\\d{2}.*"), "no clock time without a zone");
    }

    @Test
    void challengePageWhenLoadedAgainThenSendsNoFurtherMail() {
        WebClient alice = new WebClient(base);
        startFlow(alice, "alice", ALICE, "account");
        int count = mailbox.count(ALICE);
        for (int i = 0; i < 3; i++) {
            alice.get("email2fa/challenge");
            alice.get("account");
        }
        pause(Duration.ofMillis(500));
        assertEquals(count, mailbox.count(ALICE));
    }

    @Test
    void wrongCodeWhenSubmittedThenGenericMessageAndRightCodeStillWorks() {
        WebClient alice = new WebClient(base);
        String code = startFlow(alice, "alice", ALICE, "account");
        HttpResponse<String> wrong = alice.submitCode(otherCode(code));
        assertEquals(200, wrong.statusCode());
        assertTrue(wrong.body().contains(GENERIC_ERROR));
        assertEquals(303, alice.get("account").statusCode(), "still not verified");
        assertEquals(303, alice.submitCode(code).statusCode());
    }

    @Test
    void attemptLimitWhenReachedThenChallengeEndsAndRightCodeFails() {
        WebClient alice = new WebClient(base);
        String code = startFlow(alice, "alice", ALICE, "account");
        for (int i = 1; i <= 4; i++) {
            assertTrue(alice.submitCode(otherCode(code)).body().contains(GENERIC_ERROR));
        }
        assertTrue(alice.submitCode(otherCode(code)).body().contains("Too many wrong codes"));
        HttpResponse<String> late = alice.submitCode(code);
        assertEquals(200, late.statusCode());
        assertFalse(late.body().contains(PROTECTED_CONTENT));
        assertEquals(303, alice.get("account").statusCode());
    }

    @Test
    void usedCodeWhenReplayedInALaterSessionThenRejected() {
        WebClient first = new WebClient(base);
        String used = startFlow(first, "alice", ALICE, "account");
        assertEquals(303, first.submitCode(used).statusCode());

        WebClient second = new WebClient(base);
        String fresh = startFlow(second, "alice", ALICE, "account");
        assertTrue(second.submitCode(used).body().contains(GENERIC_ERROR));
        assertEquals(303, second.submitCode(fresh).statusCode());
    }

    @Test
    void codeFromFirstSessionWhenUsedInSecondSessionThenRejected() {
        WebClient first = new WebClient(base);
        String firstCode = startFlow(first, "alice", ALICE, "account");
        WebClient second = new WebClient(base);
        startFlow(second, "alice", ALICE, "account");
        HttpResponse<String> response = second.submitCode(firstCode);
        assertTrue(response.body().contains(GENERIC_ERROR));
        assertEquals(303, second.get("account").statusCode());
    }

    @Test
    void aliceCodeWhenEnteredInBobSessionThenRejected() {
        WebClient alice = new WebClient(base);
        String aliceCode = startFlow(alice, "alice", ALICE, "account");
        WebClient bob = new WebClient(base);
        startFlow(bob, "bob", BOB, "account");
        assertTrue(bob.submitCode(aliceCode).body().contains(GENERIC_ERROR));
        assertEquals(303, bob.get("account").statusCode());
        assertEquals(303, alice.submitCode(aliceCode).statusCode(), "alice's code still works for alice");
    }

    @Test
    void twentyParallelSubmissionsWhenCodeIsRightThenExactlyOneSucceeds() {
        WebClient alice = new WebClient(base);
        String code = startFlow(alice, "alice", ALICE, "account");
        String csrf = alice.csrf();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(alice.postAsync("email2fa/verify", form("csrf", csrf, "code", code)));
        }
        long successes = pending.stream().map(CompletableFuture::join)
                .filter(r -> r.statusCode() == 303 && locationPath(r).endsWith("/account")).count();
        assertEquals(1, successes);
    }

    @Test
    void protectedPageWhenReachedByPathTricksThenNeverServed() {
        WebClient alice = new WebClient(base);
        startFlow(alice, "alice", ALICE, "account");
        List<String> tricks = List.of(
                "account", "account;x=y", "account;jsessionid=abc", "account/", "account//", "./account",
                "login/..;/account", "login/../account", "login;/../account", "static/..;/account", "static/%2e%2e/account",
                "%61ccount", "acc%6Funt", "login%2F..%2Faccount", "static%2F..%2Faccount", "ACCOUNT", "Account",
                "account%3Bx", "account%00", "public/../account", "public/..;/account", "public%2Faccount",
                "login/", "LOGIN", "public/forward?to=/account", "public/include?to=/account",
                "public/forward?to=/public/../account", "public/forward?to=/account;x");
        for (String trick : tricks) {
            HttpResponse<String> response = alice.get(trick);
            assertFalse(response.body().contains(PROTECTED_CONTENT), trick + " served protected content");
        }
        for (String method : List.of("HEAD", "PUT", "OPTIONS", "DELETE", "POST", "PATCH", "TRACE")) {
            HttpResponse<String> response = alice.method(method, "account");
            assertFalse(response.body().contains(PROTECTED_CONTENT), method);
            assertTrue(response.statusCode() == 401 || response.statusCode() == 405, method + " gave " + response.statusCode());
        }
    }

    @Test
    void postWhenCsrfTokenIsMissingOrWrongThenForbidden() {
        WebClient alice = new WebClient(base);
        String code = startFlow(alice, "alice", ALICE, "account");
        for (String action : List.of("verify", "resend", "cancel")) {
            assertEquals(403, alice.post("email2fa/" + action, form("code", code)).statusCode(), action);
            assertEquals(403, alice.post("email2fa/" + action, form("code", code, "csrf", "forged")).statusCode(), action);
        }
        assertEquals(303, alice.get("account").statusCode(), "the code did not verify without a token");
        HttpResponse<String> stranger = new WebClient(base).post("email2fa/verify", form("code", code, "csrf", alice.csrf()));
        assertEquals(403, stranger.statusCode(), "another session's token is worthless");
    }

    @Test
    void successWhenRequestCarriesRedirectParametersThenGoesOnlyToSavedTarget() {
        WebClient alice = new WebClient(base);
        alice.login("alice");
        int seen = mailbox.count(ALICE);
        alice.get("account?continue=1");
        String evil = "https://evil.example/phish";
        alice.get("email2fa/challenge?next=" + evil + "&redirect=//evil.example&returnTo=" + evil + "&target=" + evil + "&url=" + evil);
        String code = mailbox.awaitCode(ALICE, seen);
        HttpResponse<String> verified = alice.post("email2fa/verify?next=" + evil + "&redirect_uri=" + evil,
                form("csrf", alice.csrf(), "code", code, "next", evil, "target", evil, "redirect", "//evil.example",
                        "returnTo", evil, "url", evil), "Referer", evil);
        assertEquals(303, verified.statusCode());
        String location = verified.headers().firstValue("Location").orElseThrow();
        assertEquals(alice.contextPath() + "/account?continue=1", location);
    }

    @Test
    void flowWhenStartedOnSchemeRelativePathThenLandsOnSameSite() {
        WebClient bob = new WebClient(base);
        bob.login("bob");
        int seen = mailbox.count(BOB);
        HttpResponse<String> start = bob.get(bob.url("") + "/evil.example/account");
        assertEquals(303, start.statusCode());
        bob.get("email2fa/challenge");
        String code = mailbox.awaitCode(BOB, seen);
        String location = bob.submitCode(code).headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/") && !location.startsWith("//") && !location.contains("\\"), location);
    }

    @Test
    void nonBrowserClientWhenNotVerifiedThenGets401() {
        WebClient alice = new WebClient(base);
        startFlow(alice, "alice", ALICE, "account");
        HttpResponse<String> json = alice.get("account", "Accept", "application/json");
        assertEquals(401, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(json.body().contains("\"error\":\"second_factor_required\""));
        HttpResponse<String> xhr = alice.get("account", "X-Requested-With", "XMLHttpRequest");
        assertEquals(401, xhr.statusCode());
        assertFalse(xhr.body().contains(PROTECTED_CONTENT));
    }

    @Test
    void resendWhenCooldownRunsThenLimitedAndAfterwardsOnlyNewestCodeWorks() {
        WebClient bob = new WebClient(base);
        String first = startFlow(bob, "bob", BOB, "account");
        HttpResponse<String> tooSoon = bob.post("email2fa/resend", form("csrf", bob.csrf()));
        assertEquals(429, tooSoon.statusCode());
        assertTrue(tooSoon.headers().firstValue("Retry-After").isPresent());
        assertTrue(tooSoon.body().contains("Please wait"));

        pause(Duration.ofMillis(3200));
        int seen = mailbox.count(BOB);
        HttpResponse<String> resent = bob.post("email2fa/resend", form("csrf", bob.csrf()));
        assertEquals(303, resent.statusCode());
        String second = mailbox.awaitCode(BOB, seen);
        assertTrue(awaitStatus(bob, "We emailed a new code to <bdi>b•••@example.com</bdi>").body()
                .contains("The codes we sent before it no longer work."), "the page says the older code stopped working");
        if (!first.equals(second)) {
            HttpResponse<String> older = bob.submitCode(first);
            assertTrue(older.body().contains("That code no longer works: a newer code replaced it."), older.body());
            assertFalse(older.body().contains(GENERIC_ERROR), "not the message for a wrong code");
        }
        assertEquals(303, bob.submitCode(second).statusCode());
    }

    @Test
    void cancelWhenPostedThenSessionEndsAndLoginPageFollows() {
        WebClient bob = new WebClient(base);
        startFlow(bob, "bob", BOB, "account");
        HttpResponse<String> cancelled = bob.post("email2fa/cancel", form("csrf", bob.csrf()));
        assertEquals(303, cancelled.statusCode());
        assertEquals(bob.contextPath() + "/login", locationPath(cancelled));
        HttpResponse<String> after = bob.get("account");
        assertEquals(302, after.statusCode(), "the application's own login is gone too");
        assertTrue(locationPath(after).endsWith("/login"));
    }

    @Test
    void pagesAndMailWhenBrowserPrefersGermanOrFrenchThenUseThatLanguage() throws Exception {
        WebClient german = new WebClient(base).language("de-DE,de;q=0.9");
        german.login("bob");
        int seen = mailbox.count(BOB);
        german.get("account");
        assertTrue(german.get("email2fa/challenge").body().contains("Prüfen Sie Ihre E-Mails"));
        MimeMessage mail = mailbox.awaitMessage(BOB, seen);
        assertTrue(mail.getSubject().contains("Bestätigungscode"), mail.getSubject());

        WebClient french = new WebClient(base).language("fr-FR");
        french.login("bob");
        french.get("account");
        assertTrue(french.get("email2fa/challenge").body().contains("Consultez vos e-mails"));
    }

    @Test
    void smtpOutageWhenCodeIsSentThenFriendlyPageAndSessionSurvivesForRetry() {
        WebClient bob = new WebClient(base);
        bob.login("bob");
        mailbox.stop();
        try {
            assertEquals(303, bob.get("account").statusCode());
            HttpResponse<String> failed = awaitStatus(bob, "We could not send the code");
            assertEquals(200, failed.statusCode());
            assertFalse(failed.body().contains("Exception"));
            assertFalse(failed.body().contains("at io.github"));
        } finally {
            mailbox.restart();
        }
        int seen = mailbox.count(BOB);
        HttpResponse<String> retry = bob.post("email2fa/resend", form("csrf", bob.csrf()));
        assertEquals(303, retry.statusCode(), "a failed send does not start the cooldown");
        String code = mailbox.awaitCode(BOB, seen);
        assertEquals(303, bob.submitCode(code).statusCode());
        assertTrue(bob.get("account").body().contains("Signed in as <strong>bob</strong>"));
    }

    /**
     * A real Chromium through the whole flow; axe-core checks each page it meets (the fresh challenge
     * page, after a wrong and after a malformed code, and a problem page) against WCAG 2.1 A and AA.
     */
    @Test
    void browserWhenUserSignsInAndTypesMailedCodeThenLandsOnAccount() throws Exception {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            int seen = mailbox.count(ALICE);
            browser.get(new WebClient(base).url("login"));
            browser.findElement(By.name("username")).sendKeys("alice");
            browser.findElement(By.name("password")).sendKeys("alice");
            HeadlessChromium.screenshot(browser, "1-login");
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            wait.until(ExpectedConditions.urlContains("/email2fa/challenge"));
            assertEquals("code", focusedId(browser), "focus lands on the code field");
            AxeAudit.assertNoViolations(browser, "the fresh challenge page, "
                    + (browser.findElement(By.id("check-again")).isDisplayed() ? "its email on the way" : "its email sent"));
            String code = mailbox.awaitCode(ALICE, seen);
            awaitSent(browser, wait);

            typeCode(browser, otherCode(code));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), GENERIC_ERROR));
            assertEquals("alert", browser.findElement(By.id("error")).getAttribute("role"), "the error is announced");
            assertEquals("code", focusedId(browser), "back in the code field");
            AxeAudit.assertNoViolations(browser, "the challenge page after a wrong code");
            typeCode(browser, "12");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "Enter the 6 digits"));
            assertEquals("code", focusedId(browser));
            AxeAudit.assertNoViolations(browser, "the challenge page after a malformed code");

            WebElement field = browser.findElement(By.name("code"));
            assertEquals("one-time-code", field.getAttribute("autocomplete"));
            field.sendKeys(code.substring(0, 3) + " " + code.substring(3));
            HeadlessChromium.screenshot(browser, "2-challenge");
            // A double click: the module's script lets the first submit go and drops the second.
            Object submits = browser.executeScript("""
                    var form = document.getElementById('verify');
                    var sent = [];
                    document.addEventListener('submit', function (event) { sent.push(!event.defaultPrevented); });
                    form.requestSubmit();
                    form.requestSubmit();
                    return sent.join(',') + ';' + form.querySelector('button').getAttribute('aria-disabled');""");
            assertEquals("true,false;true", submits, "one submit goes, the second is dropped, the button says it is busy");

            wait.until(ExpectedConditions.urlContains("/account"));
            assertTrue(browser.findElement(By.id("signed-in")).getText().contains("alice"));
            assertTrue(Files.size(HeadlessChromium.screenshot(browser, "3-account")) > 1000);

            browser.get(new WebClient(base).url("email2fa/no-such-page"));
            assertEquals("alert", browser.findElement(By.id("message")).getAttribute("role"), "the problem is announced");
            AxeAudit.assertNoViolations(browser, "a problem page (an unknown route of the module)");
        } finally {
            browser.quit();
        }
    }

    /** The {@code id} of the element that has the keyboard focus. */
    static String focusedId(ChromeDriver browser) {
        return browser.switchTo().activeElement().getAttribute("id");
    }

    /** Types {@code code} into the challenge page's code field and sends it. */
    static void typeCode(ChromeDriver browser, String code) {
        WebElement field = browser.findElement(By.id("code"));
        field.clear();
        field.sendKeys(code);
        browser.findElement(By.cssSelector("#verify button")).click();
    }

    /** Follows the challenge page's "look again" link until its status says the code was emailed. */
    static void awaitSent(ChromeDriver browser, WebDriverWait wait) {
        wait.until(driver -> {
            WebElement again = driver.findElement(By.id("check-again"));
            if (again.isDisplayed()) {
                again.click();
                return false;
            }
            return driver.findElement(By.id("status")).getText().contains("We emailed a code");
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void serverLogWhenAllTestsRanThenHoldsNoIssuedCode() throws Exception {
        ServerLog.assertHoldsNone(mailbox.allCodes());
    }

    /** Reloads the challenge page until its status line says {@code expected}. */
    private static HttpResponse<String> awaitStatus(WebClient client, String expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        HttpResponse<String> page;
        do {
            page = client.get("email2fa/challenge");
            if (page.body().contains(expected)) {
                return page;
            }
            pause(Duration.ofMillis(100));
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("challenge page never said '" + expected + "':\n" + page.body());
    }

    static String otherCode(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
