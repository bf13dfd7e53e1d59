package io.github.email2fa.it;

import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.AxeAudit;
import io.github.email2fa.it.support.HeadlessChromium;
import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.TestArchives;
import io.github.email2fa.it.support.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Account features on a real Payara Micro with its default DataSource (embedded H2): the
 * recommended policy, enrolment, the settings page's freshness rule, backup codes, remembered
 * devices, step-up, and the notices each change sends; how a security change of the account
 * reaches its other sessions, session IDs in URLs, and the session cookie's {@code SameSite}.
 */
@ExtendWith(ArquillianExtension.class)
class AccountFeaturesIT {

    static final String DEVICE_COOKIE = "email2fa-device";
    static final Pattern BACKUP_CODE = Pattern.compile("<code>([a-z0-9]{5}-[a-z0-9]{5})</code>");
    static final Pattern FIELD = Pattern.compile(" (\\w+)=(\\S+)");
    static Mailbox mailbox;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        mailbox = Mailbox.start();
        Map<String, String> settings = TestArchives.relaxedLimits(mailbox.port());
        settings.put("email2fa.email.resolver", "io.github.email2fa.it.support.NameAtExampleResolver");
        settings.put("email2fa.policy", "recommended");
        settings.put("email2fa.stepUp.paths", "/account/delete");
        settings.put("email2fa.stepUp.maxAge", "3s");
        settings.put("email2fa.resend.cooldown", "1s");
        settings.put("email2fa.audit.listener", "io.github.email2fa.it.support.RecordingAuditListener");
        return TestArchives.withOwnTexts(TestArchives.abuseApp("accounts", settings));
    }

    @AfterAll
    static void stopMailbox() {
        mailbox.stop();
    }

    static String address(String user) {
        return user + "@example.com";
    }

    WebClient login(String user) {
        WebClient client = new WebClient(base);
        assertEquals(302, client.post("public/test-login", form("username", user)).statusCode());
        return client;
    }

    /** Opens the challenge page (which mails the code) and returns the code. */
    String codeFromChallenge(WebClient client, String user) {
        return mailbox.codeFromChallenge(client, address(user));
    }

    /** Turns codes on for a new user through the settings page; returns the verified client. */
    WebClient enrol(String user) {
        WebClient client = login(user);
        HttpResponse<String> settings = client.get("email2fa/settings");
        assertEquals(303, settings.statusCode(), "a fresh code is needed first");
        String code = codeFromChallenge(client, user);
        HttpResponse<String> verified = client.submitCode(code);
        assertEquals(client.contextPath() + "/email2fa/settings", locationPath(verified));
        HttpResponse<String> page = client.get("email2fa/settings");
        assertTrue(page.body().contains("Sign-in codes are off"), page.body());
        HttpResponse<String> enabled = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "enable"));
        assertEquals(200, enabled.statusCode());
        assertTrue(enabled.body().contains("Sign-in codes are on"), enabled.body());
        return client;
    }

    /** Signs an enrolled user in through the challenge; returns the verified client. */
    WebClient signIn(String user, boolean remember) {
        WebClient client = login(user);
        assertEquals(303, client.get("account").statusCode());
        String code = codeFromChallenge(client, user);
        HttpResponse<String> verified = client.post("email2fa/verify",
                remember ? form("csrf", client.csrf(), "code", code, "remember", "1") : form("csrf", client.csrf(), "code", code));
        assertEquals(303, verified.statusCode());
        return client;
    }

    static List<String> regenerate(WebClient client) {
        HttpResponse<String> page = client.get("email2fa/settings");
        assertEquals(200, page.statusCode(), "the settings page needs a fresh verification");
        HttpResponse<String> made = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "regenerate"));
        List<String> codes = new ArrayList<>();
        Matcher matcher = BACKUP_CODE.matcher(made.body());
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        assertEquals(10, codes.size(), made.body());
        return codes;
    }

    /** Opens the settings page, which needs a fresh code, and posts one of its actions; returns the page after it. */
    HttpResponse<String> settingsAction(WebClient client, String action) {
        HttpResponse<String> page = client.get("email2fa/settings");
        assertEquals(200, page.statusCode(), "the settings page needs a fresh verification");
        HttpResponse<String> done = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", action));
        assertEquals(200, done.statusCode(), done.body());
        return done;
    }

    /** The user's audit events of one type as the CDI observer received them, oldest first, as log lines. */
    List<String> eventsOf(String user, String type) {
        return new WebClient(base).get("public/probe/events").body().lines()
                .filter(line -> line.startsWith("event=" + type + " subject=" + user + " ")).toList();
    }

    /** One field of each event line, such as its {@code reason}; {@code -} where the line has none. */
    static List<String> fieldOf(List<String> events, String name) {
        List<String> values = new ArrayList<>();
        for (String line : events) {
            String value = "-";
            Matcher matcher = FIELD.matcher(line);
            while (matcher.find()) {
                if (matcher.group(1).equals(name)) {
                    value = matcher.group(2);
                }
            }
            values.add(value);
        }
        return values;
    }

    /** Asks for the account page and fails unless the answer sends the session to the challenge. */
    void assertSentToChallenge(WebClient client, String message) {
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(client.get("account")), message);
    }

    MimeMessage awaitNotice(String user, String subjectStart) {
        return mailbox.awaitSubject(address(user), 0, subjectStart);
    }

    /** Fails if the notice holds any of the secrets. */
    static void assertHoldsNone(MimeMessage notice, List<String> secrets) {
        String text = Mailbox.textOf(notice, "text/plain") + Mailbox.textOf(notice, "text/html");
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a notice holds a secret");
        }
    }

    @Test
    void browserWhenUserEnrolsUsesBackupCodeAndRemembersDeviceThenNextSignInSkipsTheCode() throws Exception {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            String root = new WebClient(base).url("");
            browser.get(root + "login");
            browser.findElement(By.name("username")).sendKeys("alice");
            browser.findElement(By.name("password")).sendKeys("alice");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("/email2fa/recommend"));
            HeadlessChromium.screenshot(browser, "4-recommend");
            AxeAudit.assertNoViolations(browser, "the recommendation page");

            int seen = mailbox.count("alice@example.com");
            browser.findElement(By.id("set-up")).click();
            wait.until(ExpectedConditions.urlContains("/email2fa/challenge"));
            browser.findElement(By.name("code")).sendKeys(mailbox.awaitCode("alice@example.com", seen));
            browser.findElement(By.cssSelector("#verify button")).click();
            wait.until(ExpectedConditions.urlContains("/email2fa/settings"));
            browser.findElement(By.cssSelector("#toggle button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Sign-in codes are on"));
            browser.findElement(By.cssSelector("#regenerate button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-codes")));
            List<String> codes = browser.findElements(By.cssSelector("#new-codes code")).stream().map(e -> e.getText()).toList();
            assertEquals(10, codes.size());
            HeadlessChromium.screenshot(browser, "5-settings-backup-codes");
            AxeAudit.assertNoViolations(browser, "the settings page showing new backup codes");
            assertFitsSmallScreens(browser, "settings", By.cssSelector("#regenerate button"), "12-settings-360px", "14-settings-200pct");

            browser.get(root + "logout");
            browser.findElement(By.name("username")).sendKeys("alice");
            browser.findElement(By.name("password")).sendKeys("alice");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("/email2fa/challenge"));
            assertFitsSmallScreens(browser, "challenge", By.cssSelector("#verify button"), "11-challenge-360px", "13-challenge-200pct");
            browser.findElement(By.cssSelector("#backup summary")).click();
            browser.findElement(By.name("backupCode")).sendKeys(new StringBuilder(codes.get(0)).reverse().toString());
            browser.findElement(By.cssSelector("#backup-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), SecondFactorFlowIT.GENERIC_ERROR));
            assertEquals("backup-code", browser.switchTo().activeElement().getAttribute("id"),
                    "after a refused backup code, its form is open and focus is in its field");
            AxeAudit.assertNoViolations(browser, "the challenge page after a wrong backup code");
            browser.findElement(By.name("backupCode")).sendKeys(codes.get(0));
            browser.findElement(By.cssSelector("#backup-form input[name=remember]")).click();
            HeadlessChromium.screenshot(browser, "6-backup-code");
            browser.findElement(By.cssSelector("#backup-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Backup codes left: 9"));
            HeadlessChromium.screenshot(browser, "7-backup-used");
            AxeAudit.assertNoViolations(browser, "the message after a backup code was used");
            browser.findElement(By.id("continue")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));

            browser.get(root + "logout");
            browser.findElement(By.name("username")).sendKeys("alice");
            browser.findElement(By.name("password")).sendKeys("alice");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));
            assertTrue(browser.getCurrentUrl().endsWith("/account"), "the remembered device skipped the code");
            assertTrue(Files.size(HeadlessChromium.screenshot(browser, "8-remembered-device")) > 1000);
        } finally {
            browser.quit();
        }
    }

    /**
     * Shows the current page on a 360 px wide phone and at 200% zoom, takes a screenshot of each,
     * and fails if the page scrolls sideways or {@code control} is out of reach. The zoom is a real
     * one, emulated through the DevTools protocol: a 1280 by 900 px screen at 200% lays the page out
     * in 640 by 450 CSS px drawn at two device pixels each, as Chromium's own zoom does.
     */
    static void assertFitsSmallScreens(ChromeDriver browser, String page, By control, String phoneShot, String zoomShot)
            throws Exception {
        Dimension before = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(360, 800));
            browser.executeScript("window.scrollTo(0, 0)");
            HeadlessChromium.screenshot(browser, phoneShot);
            HeadlessChromium.assertFitsWidth(browser, browser.findElement(control), page + " at 360 px");
        } finally {
            browser.manage().window().setSize(before);
        }
        HeadlessChromium.zoom(browser, 200, 1280, 900);
        try {
            browser.executeScript("window.scrollTo(0, 0)");
            HeadlessChromium.screenshot(browser, zoomShot);
            HeadlessChromium.assertFitsWidth(browser, browser.findElement(control), page + " at 200%");
        } finally {
            HeadlessChromium.stopZoom(browser);
        }
    }

    @Test
    void browserWhenLanguageIsArabicThenModulePagesLayOutRightToLeftWithCodesLeftToRight() throws Exception {
        ChromeDriver browser = HeadlessChromium.start("ar");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            String root = new WebClient(base).url("");
            browser.get(root + "login");
            browser.findElement(By.name("username")).sendKeys("bob");
            browser.findElement(By.name("password")).sendKeys("bob");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("/email2fa/recommend"));
            assertEquals("ar", browser.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals("rtl", browser.findElement(By.tagName("html")).getAttribute("dir"));
            HeadlessChromium.screenshot(browser, "9-recommend-rtl");
            AxeAudit.assertNoViolations(browser, "the recommendation page in Arabic");

            browser.findElement(By.id("set-up")).click();
            wait.until(ExpectedConditions.urlContains("/email2fa/challenge"));
            assertEquals("rtl", browser.findElement(By.tagName("html")).getAttribute("dir"));
            // The first of the two side-by-side buttons in the page's order stands on the right.
            int resendX = browser.findElement(By.cssSelector("#resend button")).getRect().getX();
            int cancelX = browser.findElement(By.cssSelector("#cancel button")).getRect().getX();
            assertTrue(resendX > cancelX, "right to left: resend at " + resendX + ", cancel at " + cancelX);
            assertEquals("ltr", browser.findElement(By.id("code")).getAttribute("dir"), "the code is typed left to right");
            assertTrue(Files.size(HeadlessChromium.screenshot(browser, "10-challenge-rtl")) > 1000);
            AxeAudit.assertNoViolations(browser, "the challenge page in Arabic");
        } finally {
            browser.quit();
        }
    }

    @Test
    void recommendedPolicyWhenUserIsNotEnrolledThenAsksOncePerSessionAndLetsThrough() {
        WebClient client = login("recommended");
        HttpResponse<String> first = client.get("account");
        assertEquals(303, first.statusCode());
        assertEquals(client.contextPath() + "/email2fa/recommend", locationPath(first));
        HttpResponse<String> page = client.get("email2fa/recommend");
        assertTrue(page.body().contains("Protect your account"));
        HttpResponse<String> skipped = client.post("email2fa/recommend", form("csrf", WebClient.csrfOf(page.body())));
        assertEquals(client.contextPath() + "/account", locationPath(skipped));
        assertTrue(client.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT), "not enrolled: no code needed");
        assertEquals(303, login("recommended").get("account").statusCode(), "asked again in a new session");
    }

    @Test
    void enrolmentWhenCodeReachedTheAddressThenCodesAreRequiredFromNowOnAndUserIsNotified() throws Exception {
        WebClient client = enrol("enrolling");
        MimeMessage notice = awaitNotice("enrolling", "Sign-in codes are now on");
        assertHoldsNone(notice, mailbox.allCodes());
        assertTrue(Mailbox.textOf(notice, "text/html").contains("<!-- test shop layout -->"), "the application's notice layout");
        assertTrue(client.get("email2fa/settings").body().contains("Back to the test shop"), "the application's own text");
        WebClient later = login("enrolling");
        HttpResponse<String> redirect = later.get("account");
        assertEquals(later.contextPath() + "/email2fa/challenge", locationPath(redirect), "enrolled: the code is required");
    }

    @Test
    void settingsWhenSessionIsHalfAuthenticatedOrVerificationIsStaleThenRefused() {
        enrol("guarded");
        WebClient half = login("guarded");
        assertEquals(303, half.get("account").statusCode());
        HttpResponse<String> page = half.get("email2fa/settings");
        assertEquals(half.contextPath() + "/email2fa/challenge", locationPath(page), "half-authenticated: to the challenge");
        codeFromChallenge(half, "guarded");
        String csrf = half.csrf();
        HttpResponse<String> post = half.post("email2fa/settings", form("csrf", csrf, "action", "disable"));
        assertEquals(403, post.statusCode());

        WebClient full = signIn("guarded", false);
        String freshCsrf = WebClient.csrfOf(full.get("email2fa/settings").body());
        SecondFactorFlowIT.pause(Duration.ofMillis(3300));
        HttpResponse<String> stale = full.post("email2fa/settings", form("csrf", freshCsrf, "action", "disable"));
        assertEquals(403, stale.statusCode(), "a verification older than maxAge is not enough");
        assertEquals(full.contextPath() + "/email2fa/challenge", locationPath(full.get("email2fa/settings")));
        assertEquals(303, login("guarded").get("account").statusCode(), "still enrolled");
    }

    @Test
    void backupCodeWhenUsedThenWorksOnceShowsRemainingSendsNoticeAndThenFails() {
        WebClient owner = enrol("backup");
        List<String> codes = regenerate(owner);
        MimeMessage regenerated = awaitNotice("backup", "New backup codes");
        assertHoldsNone(regenerated, codes);

        WebClient later = login("backup");
        assertEquals(303, later.get("account").statusCode());
        later.get("email2fa/challenge");
        HttpResponse<String> used = later.post("email2fa/backup", form("csrf", later.csrf(), "backupCode", codes.get(3).toUpperCase()));
        assertEquals(200, used.statusCode());
        assertTrue(used.body().contains("Backup codes left: 9"), used.body());
        assertTrue(later.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
        MimeMessage notice = awaitNotice("backup", "A backup code was used");
        assertTrue(Mailbox.textOf(notice, "text/plain").contains("Backup codes left: 9"));
        assertHoldsNone(notice, codes);

        WebClient again = login("backup");
        again.get("account");
        again.get("email2fa/challenge");
        HttpResponse<String> replay = again.post("email2fa/backup", form("csrf", again.csrf(), "backupCode", codes.get(3)));
        assertTrue(replay.body().matches("(?s).*That backup code was already used <time datetime=\"[^\"]+Z\" title=\"[^\"]+ UTC\">"
                + "(moments|\\d+ seconds?|1 minute) ago</time>\\. Each backup code works once.*"), "a used backup code fails, saying when: "
                + replay.body());
        assertEquals(303, again.get("account").statusCode());
    }

    @Test
    void backupCodesWhenRegeneratedThenOldOnesDie() {
        WebClient owner = enrol("regen");
        List<String> first = regenerate(owner);
        List<String> second = regenerate(owner);
        WebClient later = login("regen");
        later.get("account");
        later.get("email2fa/challenge");
        assertTrue(later.post("email2fa/backup", form("csrf", later.csrf(), "backupCode", first.get(0))).body()
                .contains(SecondFactorFlowIT.GENERIC_ERROR));
        assertEquals(200, later.post("email2fa/backup", form("csrf", later.csrf(), "backupCode", second.get(0))).statusCode());
        assertTrue(later.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
    }

    @Test
    void rememberedDeviceWhenCookieIsValidThenSkipsChallengeRotatesAndNotifies() {
        enrol("device");
        WebClient first = signIn("device", true);
        String token = first.cookie(DEVICE_COOKIE);
        assertNotNull(token, "the device cookie was set");
        MimeMessage notice = awaitNotice("device", "A device was remembered");
        assertHoldsNone(notice, List.of(token));

        WebClient next = login("device");
        next.setCookie(DEVICE_COOKIE, token);
        HttpResponse<String> account = next.get("account");
        assertEquals(200, account.statusCode(), "the remembered device skips the challenge");
        assertTrue(account.body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
        String rotated = WebClient.setCookieValue(account, DEVICE_COOKIE);
        assertNotNull(rotated);
        assertNotEquals(token, rotated, "the token rotates on use");
        assertTrue(new WebClient(base).get("public/probe/events").body().lines()
                .anyMatch(l -> l.startsWith("event=verified subject=device ") && l.contains("reason=remembered_device")),
                "the device's use is an audit event");

        WebClient replay = login("device");
        replay.setCookie(DEVICE_COOKIE, token);
        assertEquals(303, replay.get("account").statusCode(), "the old token is dead");

        WebClient stepUp = login("device");
        stepUp.setCookie(DEVICE_COOKIE, rotated);
        assertEquals(303, stepUp.get("account/delete").statusCode(), "a remembered device never counts as a fresh code");
    }

    @Test
    void codeWhenSubmittedTwiceWithinMillisecondsThenBothSendingsLeadToTheTargetAndNeitherIsATextError() {
        enrol("twice");
        WebClient client = login("twice");
        assertEquals(303, client.get("account?tab=orders").statusCode());
        String code = codeFromChallenge(client, "twice");
        String csrf = client.csrf();

        java.util.concurrent.CompletableFuture<HttpResponse<String>> first = client.postAsync("email2fa/verify",
                form("csrf", csrf, "code", code));
        SecondFactorFlowIT.pause(Duration.ofMillis(30));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> second = client.postAsync("email2fa/verify",
                form("csrf", csrf, "code", code));

        for (HttpResponse<String> sending : List.of(first.join(), second.join())) {
            assertFalse(sending.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                    "no bare text error: " + sending.statusCode() + " " + sending.body());
            assertEquals(303, sending.statusCode(), sending.body());
            HttpResponse<String> landing = client.get(sending.uri().resolve(sending.headers().firstValue("Location").orElseThrow())
                    .toString());
            if (landing.statusCode() == 303) {
                landing = client.get(landing.uri().resolve(landing.headers().firstValue("Location").orElseThrow()).toString());
            }
            assertEquals(200, landing.statusCode());
            assertEquals(client.contextPath() + "/account", landing.uri().getPath(), "the page first asked for");
            assertEquals("tab=orders", landing.uri().getQuery());
            assertTrue(landing.body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
        }
    }

    @Test
    void accountChangesWhenMadeThenEachIsAnAuditEventForTheListenerAndCdiWithoutSecrets() {
        WebClient owner = enrol("audited");
        List<String> backupCodes = regenerate(owner);

        WebClient later = login("audited");
        assertEquals(303, later.get("account").statusCode());
        later.get("email2fa/challenge");
        assertEquals(200, later.post("email2fa/backup", form("csrf", later.csrf(), "backupCode", backupCodes.get(0), "remember", "1"))
                .statusCode());
        String deviceToken = later.cookie(DEVICE_COOKIE);
        assertNotNull(deviceToken, "remembered");
        HttpResponse<String> settings = later.get("email2fa/settings");
        assertEquals(200, later.post("email2fa/settings", form("csrf", WebClient.csrfOf(settings.body()), "action", "forgetAll"))
                .statusCode());

        assertEquals("ok", new WebClient(base).post("public/probe/password-changed", form("subject", "audited")).body().strip());

        WebClient critical = signIn("audited", false);
        SecondFactorFlowIT.pause(Duration.ofMillis(3300));
        assertEquals(303, critical.get("account/delete").statusCode(), "the verification is too old for a critical path");
        HttpResponse<String> stepUp = critical.submitCode(codeFromChallenge(critical, "audited"));
        assertEquals(critical.contextPath() + "/account/delete", locationPath(stepUp));
        HttpResponse<String> fresh = critical.get("email2fa/settings");
        assertEquals(200, critical.post("email2fa/settings", form("csrf", WebClient.csrfOf(fresh.body()), "action", "disable"))
                .statusCode());

        // The settings page's fresh code comes first: enrolment passes a step-up before turning codes on.
        List<String> expected = List.of("step_up_passed", "two_factor_enabled", "backup_codes_regenerated", "backup_code_used",
                "device_remembered", "devices_forgotten", "devices_revoked", "two_factor_disabled");
        List<String> secrets = new ArrayList<>(backupCodes);
        secrets.add(deviceToken);
        secrets.addAll(mailbox.allCodes());
        for (String channel : List.of("events", "listener-events")) {
            List<String> lines = new WebClient(base).get("public/probe/" + channel).body().lines()
                    .filter(line -> line.contains(" subject=audited ")).toList();
            List<String> changes = lines.stream().map(line -> line.substring("event=".length(), line.indexOf(' ')))
                    .filter(expected::contains).distinct().toList();
            assertEquals(expected, changes, channel + ": " + String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=step_up_passed ") && l.contains("reason=settings")), channel);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=step_up_passed ") && l.contains("reason=critical_path")),
                    channel);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=devices_forgotten ") && l.contains("reason=all")), channel);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=devices_revoked ") && l.contains("reason=password_changed")),
                    channel);
            for (String line : lines) {
                // Hex session hashes, times and durations may hold six digits in a row by chance.
                String fields = line.replaceAll("(session|at|sinceSentMs)=\\S+", "");
                for (String secret : secrets) {
                    assertFalse(fields.contains(secret), channel + " carries a code or token: " + line);
                }
            }
        }
        Map<String, String> jmx = new HashMap<>();
        for (String line : new WebClient(base).get("public/probe/jmx").body().split("\n")) {
            jmx.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        for (String counter : List.of("TwoFactorEnabled", "TwoFactorDisabled", "BackupCodesRegenerated", "BackupCodesUsed",
                "DevicesRemembered", "DevicesForgotten", "DevicesRevoked", "StepUpsPassed")) {
            assertTrue(Long.parseLong(jmx.get(counter)) >= 1, counter + " counted over JMX: " + jmx);
        }
    }

    @Test
    void rememberedDeviceWhenCookieIsForgedForeignForgottenOrEpochRevokedThenRefused() {
        enrol("keeper");
        enrol("stranger");
        WebClient keeper = signIn("keeper", true);
        String token = keeper.cookie(DEVICE_COOKIE);

        WebClient forged = login("keeper");
        forged.setCookie(DEVICE_COOKIE, "A".repeat(43));
        assertEquals(303, forged.get("account").statusCode(), "forged");

        WebClient foreign = login("stranger");
        foreign.setCookie(DEVICE_COOKIE, token);
        assertEquals(303, foreign.get("account").statusCode(), "another user's device");

        WebClient user = login("keeper");
        user.setCookie(DEVICE_COOKIE, token);
        HttpResponse<String> owner = user.get("account");
        assertEquals(200, owner.statusCode(), "still valid for its owner");
        String current = WebClient.setCookieValue(owner, DEVICE_COOKIE);

        assertEquals("ok", new WebClient(base).post("public/probe/password-changed", form("subject", "keeper")).body().strip());
        WebClient afterPasswordChange = login("keeper");
        afterPasswordChange.setCookie(DEVICE_COOKIE, current);
        assertEquals(303, afterPasswordChange.get("account").statusCode(), "revoked by the new security epoch");

        WebClient again = signIn("keeper", true);
        String fresh = again.cookie(DEVICE_COOKIE);
        HttpResponse<String> settings = again.get("email2fa/settings");
        assertTrue(settings.body().contains("remembered"), settings.body());
        HttpResponse<String> forgetAll = again.post("email2fa/settings", form("csrf", WebClient.csrfOf(settings.body()), "action",
                "forgetAll"));
        assertTrue(forgetAll.body().contains("All remembered devices are forgotten"), forgetAll.body());
        assertHoldsNone(awaitNotice("keeper", "Remembered devices were removed"), List.of(token, current, fresh));
        WebClient forgotten = login("keeper");
        forgotten.setCookie(DEVICE_COOKIE, fresh);
        assertEquals(303, forgotten.get("account").statusCode(), "forgotten");
        String challenge = forgotten.get("email2fa/challenge").body();
        assertTrue(challenge.contains("This browser is no longer remembered for your account, so a code is needed again."),
                "the page says why the device's cookie did not let it in: " + challenge);
    }

    @Test
    void rememberedDeviceWhenAccountGetsLockedOutThenRevoked() {
        enrol("targeted");
        String token = signIn("targeted", true).cookie(DEVICE_COOKIE);
        WebClient attacker = login("targeted");
        assertEquals(303, attacker.get("account").statusCode());
        String code = codeFromChallenge(attacker, "targeted");
        String csrf = attacker.csrf();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            guesses.add(attacker.postAsync("email2fa/verify", form("csrf", csrf, "code", SecondFactorFlowIT.otherCode(code))));
        }
        guesses.forEach(java.util.concurrent.CompletableFuture::join);
        assertEquals(429, attacker.submitCode(code).statusCode(), "locked out");

        WebClient owner = login("targeted");
        owner.setCookie(DEVICE_COOKIE, token);
        HttpResponse<String> refused = owner.get("account");
        assertEquals(303, refused.statusCode(), "the lockout revoked the remembered device");
        assertEquals("true", new WebClient(base).post("public/probe/unlock", form("subject", "targeted")).body().strip());
        WebClient afterUnlock = login("targeted");
        afterUnlock.setCookie(DEVICE_COOKIE, token);
        assertEquals(303, afterUnlock.get("account").statusCode(), "the device stays forgotten after the unlock");
    }

    @Test
    void stepUpWhenVerificationIsOlderThanMaxAgeThenAsksForAFreshCode() {
        WebClient client = enrol("stepper");
        assertEquals(200, client.get("account/delete").statusCode(), "fresh enough right after the code");
        SecondFactorFlowIT.pause(Duration.ofMillis(3300));
        HttpResponse<String> again = client.get("account/delete");
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(again), "too old: a fresh code first");
        String code = codeFromChallenge(client, "stepper");
        HttpResponse<String> verified = client.submitCode(code);
        assertEquals(client.contextPath() + "/account/delete", locationPath(verified), "back to the critical page");
        assertTrue(client.get("account/delete").body().contains("confirm-delete"));
    }

    @Test
    void disablingWhenConfirmedThenRemovesBackupCodesAndDevicesAndNotifies() {
        WebClient client = enrol("leaving");
        List<String> codes = regenerate(client);
        HttpResponse<String> page = client.get("email2fa/settings");
        HttpResponse<String> disabled = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "disable"));
        assertTrue(disabled.body().contains("Sign-in codes are off"));
        assertTrue(disabled.body().contains("Unused backup codes: 0"));
        assertHoldsNone(awaitNotice("leaving", "Sign-in codes were turned off"), codes);
        WebClient later = login("leaving");
        assertEquals(later.contextPath() + "/email2fa/recommend", locationPath(later.get("account")), "no longer enrolled");
    }

    @Test
    void otherSessionWhenCodesAreTurnedOnElsewhereThenAskedForTheCodeWhileThisOneGoesOn() {
        WebClient other = login("epoch-on");
        assertEquals(other.contextPath() + "/email2fa/recommend", locationPath(other.get("account")));
        HttpResponse<String> page = other.get("email2fa/recommend");
        assertEquals(303, other.post("email2fa/recommend", form("csrf", WebClient.csrfOf(page.body()))).statusCode());
        assertEquals(200, other.get("account").statusCode(), "not enrolled yet: no code needed");

        WebClient current = enrol("epoch-on");

        assertSentToChallenge(other, "the session opened before codes were on must pass them now");
        assertEquals(200, current.get("account").statusCode(), "the session that turned codes on goes on");
        assertEquals(List.of("account_changed"), fieldOf(eventsOf("epoch-on", "reverification_required"), "reason"));
        assertEquals(other.contextPath() + "/account", locationPath(other.submitCode(codeFromChallenge(other, "epoch-on"))));
        assertEquals(200, other.get("account").statusCode());
    }

    @Test
    void otherSessionWhenCodesAreTurnedOffAndOnElsewhereThenAskedForTheCodeAgain() {
        enrol("epoch-toggle");
        WebClient other = signIn("epoch-toggle", false);
        assertEquals(200, other.get("account").statusCode());
        WebClient current = signIn("epoch-toggle", false);

        assertTrue(settingsAction(current, "disable").body().contains("Sign-in codes are off"));
        assertTrue(settingsAction(current, "enable").body().contains("Sign-in codes are on"));

        assertSentToChallenge(other, "its verification predates the change");
        assertEquals(200, current.get("account").statusCode(), "the session that made the change goes on");
        assertEquals(List.of("account_changed"), fieldOf(eventsOf("epoch-toggle", "reverification_required"), "reason"));
    }

    @Test
    void sessionsWhenPasswordChangesThenEveryOneIsAskedForTheCodeAgain() {
        enrol("epoch-password");
        WebClient first = signIn("epoch-password", false);
        WebClient second = signIn("epoch-password", false);
        assertEquals(200, first.get("account").statusCode());
        assertEquals(200, second.get("account").statusCode());

        assertEquals("ok", new WebClient(base).post("public/probe/password-changed", form("subject", "epoch-password")).body().strip());

        assertSentToChallenge(first, "the application changed the password");
        assertSentToChallenge(second, "no session is spared");
        List<String> events = eventsOf("epoch-password", "reverification_required");
        assertEquals(List.of("password_changed", "password_changed"), fieldOf(events, "reason"));
        assertEquals(2, fieldOf(events, "session").stream().distinct().count(), "one event for each session: " + events);
    }

    @Test
    void otherSessionsWhenSignedOutFromSettingsThenAskedForTheCodeWhileThisOneGoesOn() {
        enrol("epoch-end");
        WebClient other = signIn("epoch-end", false);
        assertEquals(200, other.get("account").statusCode());
        WebClient current = signIn("epoch-end", false);
        assertTrue(current.get("email2fa/settings").body().contains("<form id=\"end-other-sessions\""));

        settingsAction(current, "endOtherSessions");

        assertSentToChallenge(other, "signed out from the settings page");
        assertEquals(200, current.get("account").statusCode(), "the session that asked goes on");
        assertEquals(200, current.get("email2fa/settings").statusCode(), "and keeps its fresh verification");
        assertEquals(List.of("sessions_ended"), fieldOf(eventsOf("epoch-end", "reverification_required"), "reason"));
        assertEquals(1, eventsOf("epoch-end", "other_sessions_ended").size());
    }

    @Test
    void sessionIdWhenItComesInTheUrlThenRefusedEvenWithTheRightCode() {
        enrol("url-id");
        WebClient verified = signIn("url-id", false);
        WebClient half = login("url-id");
        assertEquals(303, half.get("account").statusCode());
        String code = codeFromChallenge(half, "url-id");
        String csrf = half.csrf();

        // A new client has no cookies: the session is named by the URL alone.
        List<HttpResponse<String>> refused = List.of(
                new WebClient(base).get("account;jsessionid=" + verified.sessionId()),
                new WebClient(base).get("email2fa/challenge;jsessionid=" + half.sessionId()),
                new WebClient(base).post("email2fa/verify;jsessionid=" + half.sessionId(), form("csrf", csrf, "code", code)));

        for (HttpResponse<String> response : refused) {
            assertEquals(400, response.statusCode(), response.uri() + ": " + response.body());
            assertEquals("text/plain", response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
            assertFalse(response.body().contains(SecondFactorFlowIT.PROTECTED_CONTENT), response.body());
            assertFalse(response.body().contains("name=\"code\""), "no code form: " + response.body());
        }
        assertSentToChallenge(half, "the right code sent with the ID in the URL did not verify the session");
        assertEquals(half.contextPath() + "/account", locationPath(half.submitCode(code)), "nor was the code spent");
        assertEquals(List.of("in_url", "in_url", "in_url"), fieldOf(eventsOf("url-id", "session_id_rejected"), "reason"));
    }

    @Test
    void sessionCookieWhenApplicationSetsNoSameSiteThenModuleConfiguresLax() {
        assertEquals("SameSite=Lax", new WebClient(base).get("public/probe/session-cookie").body().strip());
    }

    @Test
    void sessionCookieWhenApplicationSetsNoSameSiteThenSetCookieCarriesLax() {
        HttpResponse<String> login = new WebClient(base).post("public/test-login", form("username", "cookie"));
        assertEquals(302, login.statusCode());
        String cookie = WebClient.setCookieHeader(login, "JSESSIONID");
        assertTrue(cookie != null && cookie.contains("SameSite=Lax"), "the module's default: " + cookie);
    }
}
