package io.github.email2fa.it;

import static io.github.email2fa.it.AuthenticatorAppIT.openingTag;
import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.AxeAudit;
import io.github.email2fa.it.support.HeadlessChromium;
import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.NameAtExampleResolver;
import io.github.email2fa.it.support.RecordingAuditListener;
import io.github.email2fa.it.support.ServerLog;
import io.github.email2fa.it.support.TestArchives;
import io.github.email2fa.it.support.WebClient;
import io.github.email2fa.passkey.FakeAuthenticator;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys on a real Payara Micro with its default DataSource (embedded H2): adding one on the
 * settings page and signing in with it without any email, in Chromium with a virtual authenticator
 * and over HTTP with a fake one; {@code email2fa.stepUp.factor=passkey}; a browser without WebAuthn;
 * challenges bound to their session and used once; a lockout that counts refused passkeys and
 * emailed codes together; the notices, audit events and the pages' Content-Security-Policy.
 *
 * <p>Everything is opened as {@code http://localhost:<port>}, not by the address Arquillian
 * injects: WebAuthn takes no IP address as relying party id, and browsers allow it over plain HTTP
 * only on {@code localhost}. With the default settings the relying party id is then
 * {@code localhost} and the origin {@code http://localhost:<port>}.
 */
@ExtendWith(ArquillianExtension.class)
class PasskeyIT {

    static final int LOCKOUT_THRESHOLD = 4;
    static final String NONE_LEFT = "Your account now has no passkey and no authenticator app";
    static final JsonMapper JSON = JsonMapper.shared();
    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*>");
    static Mailbox mailbox;

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        mailbox = Mailbox.start();
        Map<String, String> settings = TestArchives.relaxedLimits(mailbox.port());
        // Authenticator apps too, for the notice of a user whose last strong factor is an app.
        Path key = TestArchives.randomKeyFile("it-passkey-app.key");
        settings.put("email2fa.app.secretKey", "file:" + key);
        settings.put("email2fa.email.resolver", NameAtExampleResolver.class.getName());
        settings.put("email2fa.resend.cooldown", "1s");
        settings.put("email2fa.audit.listener", RecordingAuditListener.class.getName());
        // With factor=passkey, a session verified by email is too old for the critical path at once, so no
        // test waits for maxAge; a minute keeps the settings page open after each sign-in.
        settings.put("email2fa.stepUp.paths", "/account/delete");
        settings.put("email2fa.stepUp.factor", "passkey");
        settings.put("email2fa.stepUp.maxAge", "1m");
        // Every test has its own user, so only the lockout test comes near this.
        settings.put("email2fa.lockout.threshold", String.valueOf(LOCKOUT_THRESHOLD));
        return TestArchives.abuseApp("passkeys", settings);
    }

    @AfterAll
    static void stopMailbox() {
        mailbox.stop();
    }

    /** The WAR's root on {@code localhost}, on the port Payara listens on. */
    URL root() {
        try {
            return new URL("http", "localhost", deployed.getPort(), "/passkeys/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The origin a browser shows for the pages, which the fake authenticator writes into its client data. */
    String origin() {
        return "http://localhost:" + deployed.getPort();
    }

    static String address(String user) {
        return user + "@example.com";
    }

    WebClient login(String user) {
        WebClient client = new WebClient(root());
        assertEquals(302, client.post("public/test-login", form("username", user)).statusCode());
        return client;
    }

    /** Signs a user without a passkey in with the emailed code the challenge page sends; returns the verified client. */
    WebClient signInByEmail(String user) {
        WebClient client = login(user);
        assertEquals(303, client.get("account").statusCode());
        HttpResponse<String> verified = client.submitCode(mailbox.codeFromChallenge(client, address(user)));
        assertEquals(client.contextPath() + "/account", locationPath(verified));
        return client;
    }

    /** The settings page's CSRF token; fails unless the page opens, which needs a fresh verification. */
    static String settingsCsrf(WebClient client) {
        HttpResponse<String> page = client.get("email2fa/settings");
        assertEquals(200, page.statusCode(), "the settings page needs a fresh verification");
        return WebClient.csrfOf(page.body());
    }

    /** Adds the device's passkey on the settings page of a verified client, as the page's script does after {@code create()}. */
    void addPasskey(WebClient client, Device device, String name) {
        String csrf = settingsCsrf(client);
        HttpResponse<String> options = client.post("email2fa/settings", form("csrf", csrf, "action", "passkeyOptions"),
                "Accept", "application/json");
        assertEquals(200, options.statusCode(), options.body());
        JsonNode json = JSON.readTree(options.body());
        assertEquals("localhost", json.path("rp").path("id").asString(), options.body());
        HttpResponse<String> added = client.post("email2fa/settings",
                form("csrf", csrf, "action", "passkeyRegister", "credential", device.create(json), "passkeyName", name));
        assertEquals(200, added.statusCode(), added.body());
        assertTrue(added.body().contains("The passkey is added."), added.body());
    }

    /** Removes the device's passkey on the settings page of a verified client. */
    static void removePasskey(WebClient client, Device device) {
        HttpResponse<String> removed = client.post("email2fa/settings",
                form("csrf", settingsCsrf(client), "action", "passkeyRemove", "passkey", device.id()));
        assertEquals(200, removed.statusCode(), removed.body());
        assertTrue(removed.body().contains("The passkey is removed."), removed.body());
    }

    /** A new user who signed in by email and added a passkey; returns once its notice has arrived. */
    Device withPasskey(String user, String name) {
        Device device = new Device(origin());
        int seen = mailbox.count(address(user));
        addPasskey(signInByEmail(user), device, name);
        mailbox.awaitSubject(address(user), seen, "A passkey was added");
        return device;
    }

    /** Logs in a user with a passkey and opens the challenge page, which offers the passkey and emails nothing. */
    WebClient atChallengeWithoutEmail(String user) {
        WebClient client = login(user);
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(client.get("account")));
        int seen = mailbox.count(address(user));
        long issued = eventsOf(user, "challenge_issued").size();
        HttpResponse<String> page = client.get("email2fa/challenge");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Confirm it is you with your passkey. We have not emailed a code to"), page.body());
        assertFalse(openingTag(page.body(), "passkey").contains("hidden"), "the passkey is offered: " + page.body());
        assertTrue(openingTag(page.body(), "verify").contains("hidden"), "no emailed code to type yet");
        assertTrue(page.body().contains("Email me a code"), page.body());
        assertEquals(issued, eventsOf(user, "challenge_issued").size(), "no code was issued");
        assertEquals(seen, mailbox.count(address(user)), "no email was sent");
        return client;
    }

    /** Signs in at the challenge page with "Email me a code" instead of the passkey; returns the code, now used. */
    String signInByEmailInstead(WebClient client, String user) {
        int seen = mailbox.count(address(user));
        assertEquals(303, client.post("email2fa/resend", form("csrf", client.csrf())).statusCode(), "Email me a code");
        String emailed = mailbox.awaitCode(address(user), seen);
        assertEquals(client.contextPath() + "/account", locationPath(client.submitCode(emailed)));
        return emailed;
    }

    /** Asks for the options of a passkey sign-in, as the challenge page's script does. */
    static HttpResponse<String> askForOptions(WebClient client, String csrf) {
        return client.post("email2fa/passkey/options", form("csrf", csrf), "Accept", "application/json");
    }

    /** The options of a passkey sign-in in the client's session, which keeps their challenge. */
    static JsonNode signInOptions(WebClient client) {
        HttpResponse<String> options = askForOptions(client, client.csrf());
        assertEquals(200, options.statusCode(), options.body());
        assertTrue(options.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), options.headers().toString());
        return JSON.readTree(options.body());
    }

    /** Posts a passkey's answer on the challenge page. */
    static HttpResponse<String> postAnswer(WebClient client, String credential) {
        return client.post("email2fa/passkey", form("csrf", client.csrf(), "credential", credential));
    }

    /** The user's audit events of one type as the CDI observer received them, oldest first, as log lines. */
    List<String> eventsOf(String user, String type) {
        return new WebClient(root()).get("public/probe/events").body().lines()
                .filter(line -> line.startsWith("event=" + type + " subject=" + user + " ")).toList();
    }

    /** The plain-text and HTML parts of a mail. */
    static String textOf(MimeMessage message) {
        return Mailbox.textOf(message, "text/plain") + Mailbox.textOf(message, "text/html");
    }

    @Test
    void browserWhenUserAddsPasskeyThenSignsInAndStepsUpWithItWithoutEmailAndRenamesAndRemovesIt() throws Exception {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            recordCspViolations(browser);
            VirtualAuthenticator authenticator = browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                    .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                    .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                    .setHasResidentKey(true)
                    .setHasUserVerification(true)
                    .setIsUserVerified(true));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            // A form the page script sends replaces the document while a wait reads it: Chromium then
            // reports the node as gone ("does not belong to the document"), which only means "not yet".
            wait.ignoring(WebDriverException.class);
            String root = root().toString();
            String alice = address("alice");
            int seen = mailbox.count(alice);
            AuthenticatorAppIT.signInInBrowser(browser, wait, root);
            SecondFactorFlowIT.typeCode(browser, mailbox.awaitCode(alice, seen));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));

            browser.get(root + "email2fa/settings");
            WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-name")));
            assertFalse(browser.findElement(By.id("passkey-no-support")).isDisplayed(), "this browser can make passkeys");
            seen = mailbox.count(alice);
            name.sendKeys("Work laptop");
            browser.findElement(By.cssSelector("#passkey-add button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "The passkey is added."));
            List<Credential> made = authenticator.getCredentials();
            assertEquals(1, made.size(), "the authenticator made one passkey");
            assertEquals("localhost", made.get(0).getRpId());
            assertFalse(new String(made.get(0).getUserHandle(), StandardCharsets.ISO_8859_1).contains("alice"),
                    "the user handle says nothing about the user");
            assertEquals(BASE64URL.encodeToString(made.get(0).getId()),
                    browser.findElement(By.cssSelector("#passkey-remove-0 input[name=passkey]")).getAttribute("value"),
                    "the page lists the passkey the authenticator made");
            WebElement listed = browser.findElement(By.id("passkeys"));
            assertTrue(listed.getText().contains("Work laptop"), listed.getText());
            browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(By.id("passkey")));
            HeadlessChromium.screenshot(browser, "17-settings-passkey");
            AxeAudit.assertNoViolations(browser, "the settings page listing a passkey");
            assertNoCspViolations(browser, "the settings page");
            assertTrue(textOf(mailbox.awaitSubject(alice, seen, "A passkey was added")).contains("Work laptop"));

            browser.get(root + "logout");
            int mails = mailbox.count(alice);
            long issued = eventsOf("alice", "challenge_issued").size();
            AuthenticatorAppIT.signInInBrowser(browser, wait, root);
            WebElement use = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("use-passkey")));
            assertEquals("Use a passkey", use.getText());
            assertFalse(browser.findElement(By.id("passkey-unsupported")).isDisplayed());
            assertFalse(browser.findElement(By.id("code")).isDisplayed(), "no emailed code to type");
            HeadlessChromium.screenshot(browser, "18-challenge-passkey");
            AxeAudit.assertNoViolations(browser, "the challenge page offering a passkey");
            assertNoCspViolations(browser, "the challenge page");
            use.click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));
            assertTrue(browser.getCurrentUrl().endsWith("/account"), browser.getCurrentUrl());
            assertEquals(mails, mailbox.count(alice), "signed in with the passkey, no email sent");
            assertEquals(issued, eventsOf("alice", "challenge_issued").size(), "no code was issued");
            assertEquals(List.of("passkey"), lastOf(AccountFeaturesIT.fieldOf(eventsOf("alice", "verified"), "reason"), 1));

            // Signed in by email this time: the critical path wants the passkey, and only the passkey.
            browser.get(root + "logout");
            AuthenticatorAppIT.signInInBrowser(browser, wait, root);
            seen = mailbox.count(alice);
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#resend button"))).click();
            String emailed = mailbox.awaitCode(alice, seen);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
            SecondFactorFlowIT.typeCode(browser, emailed);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));
            browser.get(root + "account/delete");
            wait.until(ExpectedConditions.urlContains("/email2fa/challenge"));
            assertTrue(browser.findElement(By.id("error")).getText().contains("This operation needs one of your passkeys."),
                    browser.findElement(By.id("error")).getText());
            assertFalse(browser.findElement(By.id("code")).isDisplayed(), "no field for an emailed code");
            assertFalse(browser.findElement(By.cssSelector("#resend button")).isDisplayed(), "no 'Email me a code'");
            mails = mailbox.count(alice);
            assertEquals(403L, postFromPage(browser, "verify", "code", emailed), "the emailed code does not open the path");
            assertEquals(403L, postFromPage(browser, "resend"), "nor is one sent");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("use-passkey"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-delete")));
            assertTrue(browser.getCurrentUrl().endsWith("/account/delete"), browser.getCurrentUrl());
            assertEquals(mails, mailbox.count(alice), "nothing emailed for the step-up");

            browser.get(root + "email2fa/settings");
            WebElement newName = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-name-0")));
            newName.clear();
            newName.sendKeys("Old laptop");
            browser.findElement(By.cssSelector("#passkey-rename-0 button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "The passkey is renamed."));
            assertTrue(browser.findElement(By.id("passkeys")).getText().contains("Old laptop"));
            assertFalse(browser.findElement(By.id("passkeys")).getText().contains("Work laptop"));
            browser.findElement(By.cssSelector("#passkey-remove-0 button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "The passkey is removed."));
            assertTrue(browser.findElements(By.id("passkeys")).isEmpty(), "no passkey listed");
            assertTrue(browser.findElement(By.id("passkey-status")).getText().startsWith("You have no passkey."));
            MimeMessage removed = mailbox.awaitSubject(alice, mails, "A passkey was removed");
            assertTrue(textOf(removed).contains("Old laptop") && textOf(removed).contains(NONE_LEFT), textOf(removed));
            assertEquals(mails + 1, mailbox.count(alice), "renaming sent nothing, removing one notice");
            assertNoCspViolations(browser, "the settings page after the changes");
        } finally {
            browser.quit();
        }
    }

    @Test
    void browserWhenWebAuthnIsMissingThenChallengeSaysSoAndEmailedAndBackupCodesStillWork() throws Exception {
        WebClient owner = signInByEmail("bob");
        List<String> backupCodes = AccountFeaturesIT.regenerate(owner);
        addPasskey(owner, new Device(origin()), "Bob's phone");
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "delete window.PublicKeyCredential;"));
            recordCspViolations(browser);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            // A form the page script sends replaces the document while a wait reads it: Chromium then
            // reports the node as gone ("does not belong to the document"), which only means "not yet".
            wait.ignoring(WebDriverException.class);
            String root = root().toString();
            String bob = address("bob");
            int seen = mailbox.count(bob);
            AuthenticatorAppIT.signInInBrowser(browser, wait, root, "bob");
            assertEquals(Boolean.FALSE, browser.executeScript("return 'PublicKeyCredential' in window"), "a browser without WebAuthn");
            WebElement unsupported = browser.findElement(By.id("passkey-unsupported"));
            assertTrue(unsupported.isDisplayed(), "the page says why no passkey is offered");
            assertEquals("This browser cannot use passkeys. Choose another way below.", unsupported.getText());
            assertFalse(browser.findElement(By.id("use-passkey")).isDisplayed());
            HeadlessChromium.screenshot(browser, "19-challenge-no-webauthn");
            AxeAudit.assertNoViolations(browser, "the challenge page in a browser without WebAuthn");
            assertNoCspViolations(browser, "the challenge page without WebAuthn");
            browser.findElement(By.cssSelector("#resend button")).click();
            String code = mailbox.awaitCode(bob, seen);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
            SecondFactorFlowIT.typeCode(browser, code);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));

            browser.get(root + "logout");
            AuthenticatorAppIT.signInInBrowser(browser, wait, root, "bob");
            assertTrue(browser.findElement(By.id("passkey-unsupported")).isDisplayed());
            browser.findElement(By.cssSelector("#backup summary")).click();
            browser.findElement(By.id("backup-code")).sendKeys(backupCodes.get(0));
            browser.findElement(By.cssSelector("#backup-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Backup codes left: 9"));
            browser.findElement(By.id("continue")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));
            assertEquals(List.of("-", "backup_code"), lastOf(AccountFeaturesIT.fieldOf(eventsOf("bob", "verified"), "reason"), 2),
                    "an emailed code, then a backup code");
        } finally {
            browser.quit();
        }
    }

    @Test
    void challengeWhenAnsweredInAnotherSessionThenRefusedAndInItsOwnSessionAcceptedOnce() {
        Device device = withPasskey("pk-sessions", "Laptop");
        WebClient a = atChallengeWithoutEmail("pk-sessions");
        WebClient b = atChallengeWithoutEmail("pk-sessions");
        JsonNode options = signInOptions(a);
        assertEquals(List.of(device.id()), options.path("allowCredentials").values().stream().map(c -> c.path("id").asString()).toList(),
                "the options name the user's passkey");
        String answerOfA = device.answer(options);
        signInOptions(b);

        HttpResponse<String> inB = postAnswer(b, answerOfA);

        assertEquals(200, inB.statusCode(), inB.body());
        assertTrue(inB.body().contains("The passkey request ran out or was already used."), inB.body());
        assertEquals(b.contextPath() + "/email2fa/challenge", locationPath(b.get("account")), "B is not signed in");
        assertEquals(List.of("passkey_wrong_challenge"), AccountFeaturesIT.fieldOf(eventsOf("pk-sessions", "verify_failed"), "reason"));
        String csrf = a.csrf();
        List<HttpResponse<String>> inA = List.of(a.postAsync("email2fa/passkey", form("csrf", csrf, "credential", answerOfA)),
                a.postAsync("email2fa/passkey", form("csrf", csrf, "credential", answerOfA))).stream().map(CompletableFuture::join).toList();
        HttpResponse<String> again = a.post("email2fa/passkey", form("csrf", csrf, "credential", answerOfA));
        assertTrue(inA.stream().anyMatch(r -> r.statusCode() == 303 && locationPath(r).equals(a.contextPath() + "/account")),
                "A's own session takes its answer");
        assertTrue(a.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
        assertEquals(303, again.statusCode(), "sent again after it signed in: " + again.body());
        assertEquals(1, eventsOf("pk-sessions", "passkey_used").size(), "the answer sent three times signed in once");
        assertEquals(List.of("passkey"), AccountFeaturesIT.fieldOf(eventsOf("pk-sessions", "verified"), "reason").stream()
                .filter("passkey"::equals).toList());
        assertEquals(b.contextPath() + "/email2fa/challenge", locationPath(b.get("account")), "B is still not signed in");
    }

    @Test
    void lockoutWhenRefusedPasskeysAndWrongEmailedCodesReachTheThresholdTogetherThenEvenTheRightPasskeyGets429() {
        Device device = withPasskey("pk-lockout", "Phone");
        Device stranger = withPasskey("pk-stranger", "Stranger's key");
        WebClient waiting = atChallengeWithoutEmail("pk-lockout");
        String right = device.answer(signInOptions(waiting));
        WebClient client = atChallengeWithoutEmail("pk-lockout");
        HttpResponse<String> tampered = postAnswer(client, FakeAuthenticator.withResponseMember(device.answer(signInOptions(client)),
                "signature", FakeAuthenticator.flipByte(-1)));
        HttpResponse<String> foreign = postAnswer(client, stranger.answer(signInOptions(client)));
        for (HttpResponse<String> refused : List.of(tampered, foreign)) {
            assertEquals(200, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("That passkey was not accepted."), refused.body());
        }
        String csrf = client.csrf();
        int seen = mailbox.count(address("pk-lockout"));
        assertEquals(303, client.post("email2fa/resend", form("csrf", csrf)).statusCode());
        String wrongEmailed = SecondFactorFlowIT.otherCode(mailbox.awaitCode(address("pk-lockout"), seen));
        for (int i = 2; i < LOCKOUT_THRESHOLD - 1; i++) {
            assertEquals(200, client.post("email2fa/verify", form("csrf", csrf, "code", wrongEmailed)).statusCode());
        }
        HttpResponse<String> last = client.post("email2fa/verify", form("csrf", csrf, "code", wrongEmailed));
        assertEquals(429, last.statusCode(), "the " + LOCKOUT_THRESHOLD + "th failure, of either kind, locks: " + last.body());

        HttpResponse<String> refused = postAnswer(waiting, right);
        HttpResponse<String> options = askForOptions(waiting, waiting.csrf());

        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Too many wrong codes were entered for your account."), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(429, options.statusCode(), "no new passkey dialogue while locked: " + options.body());
        assertEquals(List.of("failure_threshold"), AccountFeaturesIT.fieldOf(eventsOf("pk-lockout", "locked_out"), "reason"));
        assertEquals(List.of("bad_signature", "unknown_credential"),
                AccountFeaturesIT.fieldOf(eventsOf("pk-lockout", "passkey_failed"), "reason"));
        assertTrue(eventsOf("pk-lockout", "passkey_used").isEmpty(), "the right passkey did not pass the lock");
        assertEquals(waiting.contextPath() + "/email2fa/challenge", locationPath(waiting.get("account")), "still not signed in");

        assertEquals("true", new WebClient(root()).post("public/probe/unlock", form("subject", "pk-lockout")).body().strip());
        assertEquals(waiting.contextPath() + "/account", locationPath(postAnswer(waiting, device.answer(signInOptions(waiting)))),
                "the lock, not the passkey, refused it");
    }

    @Test
    void noticesWhenPasskeysAddedAndRemovedThenEachNamesItWithoutKeyMaterialAndOnlyTheLastRemovalSaysNoneIsLeft() {
        String user = "pk-notices";
        WebClient client = signInByEmail(user);
        Device first = new Device(origin());
        Device second = new Device(origin());
        int seen = mailbox.count(address(user));
        addPasskey(client, first, "Work laptop");
        MimeMessage addedFirst = mailbox.awaitSubject(address(user), seen, "A passkey was added to your");
        addPasskey(client, second, "Blue key");
        MimeMessage addedSecond = mailbox.awaitSubject(address(user), seen + 1, "A passkey was added to your");
        removePasskey(client, first);
        MimeMessage removedFirst = mailbox.awaitSubject(address(user), seen + 2, "A passkey was removed from your");
        removePasskey(client, second);
        MimeMessage removedLast = mailbox.awaitSubject(address(user), seen + 3, "A passkey was removed from your");

        assertTrue(textOf(addedFirst).contains("a passkey named \"Work laptop\" was added"), textOf(addedFirst));
        assertTrue(textOf(addedSecond).contains("a passkey named \"Blue key\" was added"), textOf(addedSecond));
        assertTrue(textOf(removedFirst).contains("the passkey named \"Work laptop\" was removed"), textOf(removedFirst));
        assertFalse(textOf(removedFirst).contains(NONE_LEFT), "a passkey is left: " + textOf(removedFirst));
        assertTrue(textOf(removedLast).contains("the passkey named \"Blue key\" was removed"), textOf(removedLast));
        assertTrue(textOf(removedLast).contains(NONE_LEFT), textOf(removedLast));
        assertEquals(seen + 4, mailbox.count(address(user)), "one notice for each change");
        List<String> material = new ArrayList<>(first.material);
        material.addAll(second.material);
        for (MimeMessage notice : List.of(addedFirst, addedSecond, removedFirst, removedLast)) {
            AccountFeaturesIT.assertHoldsNone(notice, material);
        }
    }

    @Test
    void noticesWhenAnAppOutlivesTheLastPasskeyThenOnlyTheAppsRemovalSaysNoStrongFactorIsLeft() {
        String user = "pk-app";
        WebClient client = signInByEmail(user);
        AuthenticatorAppIT.Phone phone = AuthenticatorAppIT.Phone.scanning(AuthenticatorAppIT.startApp(client).body());
        assertTrue(AuthenticatorAppIT.confirmApp(client, phone.nextCode()).body().contains("The authenticator app is added."));
        Device device = new Device(origin());
        addPasskey(client, device, "Laptop");
        int seen = mailbox.count(address(user));
        removePasskey(client, device);
        MimeMessage passkeyRemoved = mailbox.awaitSubject(address(user), seen, "A passkey was removed from your");
        HttpResponse<String> appRemoved = client.post("email2fa/settings", form("csrf", settingsCsrf(client), "action", "appRemove"));
        assertTrue(appRemoved.body().contains("The authenticator app is removed."), appRemoved.body());
        MimeMessage appNotice = mailbox.awaitSubject(address(user), seen, "The authenticator app was removed from your");

        assertFalse(textOf(passkeyRemoved).contains(NONE_LEFT), "the app is still there: " + textOf(passkeyRemoved));
        assertEquals(List.of("removed"), AccountFeaturesIT.fieldOf(eventsOf(user, "passkey_removed"), "reason"));
        assertTrue(textOf(appNotice).contains(NONE_LEFT),
                "the app was the last strong factor, so sign-ins use emailed codes again: " + textOf(appNotice));
    }

    /**
     * The "Use a passkey" button has {@code autofocus}, but its form is {@code hidden} until
     * {@code passkey.js} shows it; when the script comes later than the page's first rendering (here
     * 300 ms of network latency), the browser has passed the autofocus by and nothing has the focus.
     */
    @Test
    void challengeWhenPasskeyScriptArrivesAfterThePageThenUsePasskeyStillHasTheFocus() throws Exception {
        withPasskey("pk-focus", "Key");
        WebClient client = login("pk-focus");
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(client.get("account")));
        ChromeDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            // A form the page script sends replaces the document while a wait reads it: Chromium then
            // reports the node as gone ("does not belong to the document"), which only means "not yet".
            wait.ignoring(WebDriverException.class);
            browser.get(root() + "login");
            browser.manage().addCookie(new Cookie("JSESSIONID", client.sessionId(), client.contextPath()));
            browser.executeCdpCommand("Network.enable", Map.of());
            browser.executeCdpCommand("Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 300, "downloadThroughput", -1, "uploadThroughput", -1));
            browser.get(root() + "email2fa/challenge");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("use-passkey")));

            assertEquals("use-passkey", SecondFactorFlowIT.focusedId(browser), "the passkey is offered first, with the focus");
        } finally {
            browser.quit();
        }
    }

    @Test
    void auditWhenPasskeyAddedRefusedUsedCopiedAndRemovedThenEachIsAnEventWithoutKeyMaterial() throws Exception {
        String user = "pk-audited";
        Device device = withPasskey(user, "Audited key");
        WebClient client = atChallengeWithoutEmail(user);
        String tampered = FakeAuthenticator.withResponseMember(device.answer(signInOptions(client)), "signature",
                FakeAuthenticator.flipByte(-1));
        assertEquals(200, postAnswer(client, tampered).statusCode());
        assertEquals(client.contextPath() + "/account", locationPath(postAnswer(client, device.answer(signInOptions(client)))));
        WebClient copy = atChallengeWithoutEmail(user);
        device.authenticator.signCount = 0;
        int seen = mailbox.count(address(user));
        String warned = "passkey of user " + user + " went backwards";
        int warnings = ServerLog.linesContainingAny(List.of(warned)).size();
        HttpResponse<String> copied = postAnswer(copy, device.answer(signInOptions(copy)));
        assertEquals(200, copied.statusCode(), copied.body());
        assertTrue(copied.body().contains("That passkey was not accepted."), copied.body());
        MimeMessage warning = mailbox.awaitSubject(address(user), seen, "A sign-in with your");
        assertTrue(textOf(warning).contains("the passkey named \"Audited key\""), textOf(warning));
        AccountFeaturesIT.assertHoldsNone(warning, device.material);
        removePasskey(client, device);

        List<String> expected = List.of("passkey_registered", "passkey_failed", "passkey_used", "passkey_failed",
                "passkey_counter_regression", "passkey_removed");
        for (String channel : List.of("events", "listener-events")) {
            List<String> lines = new WebClient(root()).get("public/probe/" + channel).body().lines()
                    .filter(line -> line.contains(" subject=" + user + " ")).toList();
            List<String> passkeys = lines.stream().map(line -> line.substring("event=".length(), line.indexOf(' ')))
                    .filter(type -> type.startsWith("passkey_")).toList();
            assertEquals(expected, passkeys, channel + ": " + String.join("\n", lines));
            assertEquals(List.of("bad_signature", "counter_regression"), reasons(lines, "passkey_failed"), channel);
            assertEquals(List.of("passkey_bad_signature", "passkey_counter_regression"), reasons(lines, "verify_failed"), channel);
            assertEquals(List.of("-", "passkey"), reasons(lines, "verified"), channel + ": an emailed code, then the passkey");
            assertEquals(List.of("last_strong_factor"), reasons(lines, "passkey_removed"), channel);
            for (String line : lines) {
                for (String secret : device.material) {
                    assertFalse(line.contains(secret), channel + " carries key material: " + line);
                }
            }
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (ServerLog.linesContainingAny(List.of(warned)).size() == warnings && Instant.now().isBefore(deadline)) {
            SecondFactorFlowIT.pause(Duration.ofMillis(100));
        }
        assertEquals(warnings + 1, ServerLog.linesContainingAny(List.of(warned)).size(), "one WARNING for the copied passkey");
        assertTrue(ServerLog.linesContainingAny(device.material).isEmpty(), "no key material in the server log");
    }

    @Test
    void stepUpWithPasskeyFactorWhenSignedInByEmailThenEmailedCodeRefusedAndThePasskeyOpensThePath() {
        Device device = withPasskey("pk-stepup", "Desk key");
        WebClient client = atChallengeWithoutEmail("pk-stepup");
        String emailed = signInByEmailInstead(client, "pk-stepup");

        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(client.get("account/delete")),
                "signed in by email: the critical path wants the passkey");
        int mails = mailbox.count(address("pk-stepup"));
        long issued = eventsOf("pk-stepup", "challenge_issued").size();
        HttpResponse<String> page = client.get("email2fa/challenge");
        assertTrue(page.body().contains("This operation needs one of your passkeys. An emailed code is not enough."), page.body());
        assertFalse(openingTag(page.body(), "passkey").contains("hidden"), page.body());
        assertTrue(openingTag(page.body(), "verify").contains("hidden"), page.body());
        assertTrue(openingTag(page.body(), "resend").contains("hidden"), "no 'Email me a code' here: " + page.body());
        String csrf = WebClient.csrfOf(page.body());
        AuthenticatorAppIT.assertEmailRefused(client, csrf, emailed, "This operation accepts one of your passkeys only.");
        assertEquals(mails, mailbox.count(address("pk-stepup")), "nothing emailed for a step-up that takes no emailed code");
        assertEquals(issued, eventsOf("pk-stepup", "challenge_issued").size());

        HttpResponse<String> passed = postAnswer(client, device.answer(signInOptions(client)));

        assertEquals(client.contextPath() + "/account/delete", locationPath(passed));
        assertTrue(client.get("account/delete").body().contains("confirm-delete"));
        assertTrue(AccountFeaturesIT.fieldOf(eventsOf("pk-stepup", "step_up_passed"), "reason").contains("critical_path"));
    }

    @Test
    void settingsWhenUserWithPasskeySignedInByEmailThenTheyTakeThePasskeyNotTheEmailedCode() {
        Device device = withPasskey("pk-settings", "Key");
        WebClient client = atChallengeWithoutEmail("pk-settings");
        String emailed = signInByEmailInstead(client, "pk-settings");

        HttpResponse<String> settings = client.get("email2fa/settings");

        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(settings),
                "an emailed code alone could remove the passkey that step-ups ask for");
        HttpResponse<String> page = client.get("email2fa/challenge");
        assertTrue(openingTag(page.body(), "verify").contains("hidden"), page.body());
        assertEquals(403, client.post("email2fa/verify", form("csrf", WebClient.csrfOf(page.body()), "code", emailed)).statusCode());
        assertEquals(client.contextPath() + "/email2fa/settings", locationPath(postAnswer(client, device.answer(signInOptions(client)))));
        assertEquals(200, client.get("email2fa/settings").statusCode());
    }

    @Test
    void settingsWhenRemovingAnotherUsersPasskeyThenItStaysAndWorks() {
        Device victimsKey = withPasskey("pk-victim", "Victim's key");
        WebClient attacker = signInByEmail("pk-attacker");

        HttpResponse<String> removed = attacker.post("email2fa/settings",
                form("csrf", settingsCsrf(attacker), "action", "passkeyRemove", "passkey", victimsKey.id()));

        assertEquals(200, removed.statusCode(), removed.body());
        assertTrue(removed.body().contains("That passkey was already removed."), removed.body());
        assertTrue(eventsOf("pk-victim", "passkey_removed").isEmpty());
        assertTrue(eventsOf("pk-attacker", "passkey_removed").isEmpty());
        WebClient victim = atChallengeWithoutEmail("pk-victim");
        assertEquals(victim.contextPath() + "/account", locationPath(postAnswer(victim, victimsKey.answer(signInOptions(victim)))));
    }

    @Test
    void stepUpWithPasskeyFactorWhenUserHasNoPasskeyThenToldWhereToAddOneAndNothingEmailed() {
        WebClient client = signInByEmail("pk-none");
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(client.get("account/delete")));
        int mails = mailbox.count(address("pk-none"));
        long issued = eventsOf("pk-none", "challenge_issued").size();

        HttpResponse<String> page = client.get("email2fa/challenge");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("This operation needs a passkey, and your account has none yet. Add one on <a href=\""
                + client.contextPath() + "/email2fa/settings\">your settings page</a>, then try again."), page.body());
        assertTrue(openingTag(page.body(), "passkey").contains("hidden"), "no passkey to offer: " + page.body());
        assertTrue(openingTag(page.body(), "verify").contains("hidden"), page.body());
        assertTrue(openingTag(page.body(), "resend").contains("hidden"), page.body());
        String csrf = WebClient.csrfOf(page.body());
        assertEquals(403, client.post("email2fa/resend", form("csrf", csrf)).statusCode());
        assertEquals(409, askForOptions(client, csrf).statusCode());
        assertEquals(issued, eventsOf("pk-none", "challenge_issued").size(), "no code issued");
        assertEquals(mails, mailbox.count(address("pk-none")), "no email");
    }

    @Test
    void pagesWhenServedThenTheirContentSecurityPolicyRunsOnlyTheSitesOwnScriptFiles() {
        Device device = withPasskey("pk-csp", "Key");
        WebClient client = atChallengeWithoutEmail("pk-csp");
        HttpResponse<String> challenge = client.get("email2fa/challenge");
        assertEquals(client.contextPath() + "/account", locationPath(postAnswer(client, device.answer(signInOptions(client)))));
        HttpResponse<String> settings = client.get("email2fa/settings");
        HttpResponse<String> problem = client.post("email2fa/settings", form("csrf", "not-the-token", "action", "passkeyRemove"));

        assertEquals(200, challenge.statusCode(), challenge.body());
        assertEquals(200, settings.statusCode(), settings.body());
        assertEquals(403, problem.statusCode(), problem.body());
        for (HttpResponse<String> page : List.of(challenge, settings, problem)) {
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self'"), page.uri() + ": " + policy);
            assertTrue(policy.contains("default-src 'none'"), page.uri() + ": " + policy);
            Matcher script = SCRIPT.matcher(page.body());
            while (script.find()) {
                assertTrue(script.group().matches("<script src=\"/passkeys/email2fa/[a-z-]+\\.js\" defer>"),
                        "every script is a file of the site, none inline: " + script.group());
            }
        }
        for (HttpResponse<String> page : List.of(challenge, settings)) {
            assertTrue(page.body().contains("<script src=\"/passkeys/email2fa/passkey.js\" defer>"), page.body());
        }
        HttpResponse<String> script = new WebClient(root()).get("email2fa/passkey.js");
        assertEquals(200, script.statusCode(), "anyone may load the script");
        assertTrue(script.body().contains("navigator.credentials.get"), script.body());
    }

    /**
     * Makes every page the browser opens from now on keep the Content-Security-Policy violations
     * it reports; a script of the DevTools protocol, so the policy does not stop it.
     */
    static void recordCspViolations(ChromeDriver browser) {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));"));
    }

    /** Fails if the current page reported a Content-Security-Policy violation, or if nothing recorded them. */
    static void assertNoCspViolations(ChromeDriver browser, String page) {
        Object violations = browser.executeScript("return window.cspViolations === undefined ? ['not recorded'] : window.cspViolations");
        assertEquals(List.of(), violations, page + " broke its Content-Security-Policy");
    }

    /**
     * Posts one of the challenge page's forms from the page itself, as the browser would, with
     * {@code fields} added; returns the status without leaving the page.
     */
    static Object postFromPage(ChromeDriver browser, String formId, String... fields) {
        return browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.getElementById(arguments[0]);
                const body = new URLSearchParams(new FormData(form));
                for (let i = 1; i + 1 < arguments.length - 1; i += 2) { body.set(arguments[i], arguments[i + 1]); }
                fetch(form.action, {method: 'POST', body: body, credentials: 'same-origin', redirect: 'manual'})
                    .then(r => done(r.status), e => done(String(e)));
                """, concat(formId, fields));
    }

    private static Object[] concat(String first, String... rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The reasons of a user's events of one type, from event log lines. */
    static List<String> reasons(List<String> lines, String type) {
        return AccountFeaturesIT.fieldOf(lines.stream().filter(line -> line.startsWith("event=" + type + " ")).toList(), "reason");
    }

    static List<String> lastOf(List<String> values, int count) {
        return values.subList(Math.max(0, values.size() - count), values.size());
    }

    /**
     * A user's authenticator as a test drives it over HTTP: a fake one for this site, the user
     * handle the site gave it, and every value of its dialogues (ids, challenges, signatures), for
     * checks that none of it reaches a notice, an event or the log.
     */
    static final class Device {

        final FakeAuthenticator authenticator;
        final List<String> material = new ArrayList<>();
        private byte[] userHandle;

        Device(String origin) {
            authenticator = FakeAuthenticator.es256("localhost", origin);
            material.add(id());
        }

        /** The credential id, base64url, as the settings page's forms name the passkey. */
        String id() {
            return BASE64URL.encodeToString(authenticator.credentialId());
        }

        /** What the page posts after {@code create()} with these creation options. */
        String create(JsonNode options) {
            userHandle = bytesOf(options.path("user").path("id"));
            return remember(authenticator.create(bytesOf(options.path("challenge"))));
        }

        /** What the page posts after {@code get()} with these request options: the next use, its counter one up. */
        String answer(JsonNode options) {
            authenticator.signCount++;
            return remember(authenticator.get(bytesOf(options.path("challenge")), userHandle));
        }

        private byte[] bytesOf(JsonNode base64url) {
            material.add(base64url.asString());
            return Base64.getUrlDecoder().decode(base64url.asString());
        }

        private String remember(String credential) {
            for (JsonNode member : JSON.readTree(credential).path("response").values()) {
                if (member.isString() && member.asString().length() > 16) {
                    material.add(member.asString());
                }
            }
            return credential;
        }
    }
}
