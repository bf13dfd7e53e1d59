package io.github.email2fa.it;

import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.github.email2fa.it.support.AxeAudit;
import io.github.email2fa.it.support.HeadlessChromium;
import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.TestArchives;
import io.github.email2fa.it.support.WebClient;
import io.github.email2fa.totp.TotpSettings;
import io.github.email2fa.totp.TotpVerifier;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.commons.codec.binary.Base32;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Authenticator apps on a real Payara Micro with its default DataSource (embedded H2): adding one
 * on the settings page, signing in with its codes (and no email), "Email me a code", removing it,
 * {@code email2fa.stepUp.factor=app}, a lockout that counts app and emailed codes together, the
 * notices and audit events, a site without a sealing key, and the whole thing in Chromium.
 *
 * <p>One boot serves two WARs: the deployment, {@code /apps}, with a sealing key written to
 * {@code target/it-app.key}, and {@code /nokey} without one, which the {@code payara-micro-plus-nokey}
 * container of {@code arquillian.xml} deploys beside it from {@code target/nokey.war}. Codes are
 * computed here as the user's phone would, on the machine clock the server shares.
 */
@ExtendWith(ArquillianExtension.class)
class AuthenticatorAppIT {

    static final String ISSUER = "Test Shop";
    static final int LOCKOUT_THRESHOLD = 4;
    static final Pattern SECRET = Pattern.compile("<code id=\"app-secret\" dir=\"ltr\">([A-Z2-7 ]+)</code>");
    static final Pattern URI_LINK = Pattern.compile("<a id=\"app-uri\" href=\"([^\"]+)\">");
    static final Pattern SVG = Pattern.compile("<div class=\"qr\">(<svg .*?</svg>)</div>", Pattern.DOTALL);
    static final Pattern SOURCE = Pattern.compile("\\b(?:src|href|action|srcset|poster|data)\\s*=\\s*\"([^\"]*)\"");
    static final TotpSettings TOTP = TotpSettings.defaults("x");
    static final long PERIOD = TOTP.periodSeconds();
    static Mailbox mailbox;

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-plus-nokey")
    static WebArchive deployment() throws IOException {
        mailbox = Mailbox.start();

        Map<String, String> apps = settings();
        Path key = TestArchives.randomKeyFile("it-app.key");
        apps.put("email2fa.app.secretKey", "file:" + key);
        apps.put("email2fa.app.issuer", ISSUER);
        // With factor=app, a session verified by email is too old for the critical path at once, so no
        // test waits for maxAge; a minute keeps the settings page open after each sign-in.
        apps.put("email2fa.stepUp.paths", "/account/delete");
        apps.put("email2fa.stepUp.factor", "app");
        apps.put("email2fa.stepUp.maxAge", "1m");
        // Every test has its own user, so only the lockout test comes near this.
        apps.put("email2fa.lockout.threshold", String.valueOf(LOCKOUT_THRESHOLD));
        TestArchives.abuseApp("nokey", settings()).as(ZipExporter.class)
                .exportTo(key.resolveSibling("nokey.war").toFile(), true);
        return TestArchives.abuseApp("apps", apps);
    }

    /** The settings both WARs share; neither has a sealing key yet. */
    static Map<String, String> settings() {
        Map<String, String> settings = TestArchives.relaxedLimits(mailbox.port());
        settings.put("email2fa.email.resolver", "io.github.email2fa.it.support.NameAtExampleResolver");
        settings.put("email2fa.resend.cooldown", "1s");
        settings.put("email2fa.audit.listener", "io.github.email2fa.it.support.RecordingAuditListener");
        return settings;
    }

    @AfterAll
    static void stopMailbox() {
        mailbox.stop();
    }

    /** The root URL of one of the two WARs, {@code apps} or {@code nokey}. */
    URL root(String war) {
        try {
            return new URL(deployed, "/" + war + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String address(String user) {
        return user + "@example.com";
    }

    WebClient login(String war, String user) {
        WebClient client = new WebClient(root(war));
        assertEquals(302, client.post("public/test-login", form("username", user)).statusCode());
        return client;
    }

    /** Signs a user in with an emailed code (everyone needs one: the policy is {@code required}); returns the verified client. */
    WebClient signInByEmail(String war, String user) {
        WebClient client = login(war, user);
        assertEquals(303, client.get("account").statusCode());
        HttpResponse<String> verified = client.submitCode(mailbox.codeFromChallenge(client, address(user)));
        assertEquals(client.contextPath() + "/account", locationPath(verified));
        return client;
    }

    /** Begins adding an app on the settings page of a freshly verified client; returns what the page shows. */
    static HttpResponse<String> startApp(WebClient client) {
        HttpResponse<String> page = client.get("email2fa/settings");
        assertEquals(200, page.statusCode(), "the settings page needs a fresh code");
        HttpResponse<String> started = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "appStart"));
        assertEquals(200, started.statusCode(), started.body());
        return started;
    }

    /** Posts the first code of the app being added. */
    static HttpResponse<String> confirmApp(WebClient client, String code) {
        HttpResponse<String> page = client.get("email2fa/settings");
        HttpResponse<String> confirmed = client.post("email2fa/settings",
                form("csrf", WebClient.csrfOf(page.body()), "action", "appConfirm", "appCode", code));
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return confirmed;
    }

    /**
     * A user who signed in by email and added an app with its current code; returns once the notice
     * of the new app has arrived, so later counts of the user's mail see only what came after.
     */
    Phone withApp(String user) {
        WebClient client = signInByEmail("apps", user);
        Phone phone = Phone.scanning(startApp(client).body());
        HttpResponse<String> added = confirmApp(client, phone.nextCode());
        assertTrue(added.body().contains("The authenticator app is added."), added.body());
        awaitNotice(user, "An authenticator app was added");
        return phone;
    }

    /** Logs in and opens the challenge page of a user with an app, which offers the app and emails nothing. */
    WebClient atChallengeWithoutEmail(String user) {
        WebClient client = login("apps", user);
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(client.get("account")));
        int seen = mailbox.count(address(user));
        long issued = eventsOf("apps", user, "challenge_issued").size();
        HttpResponse<String> page = client.get("email2fa/challenge");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<h1>Confirm it is you</h1>"), page.body());
        assertTrue(page.body().contains("We have not emailed a code to"), page.body());
        String app = openingTag(page.body(), "app");
        assertTrue(app.contains(" open") && !app.contains("hidden"), "the app is offered first: " + app);
        assertTrue(openingTag(page.body(), "verify").contains("hidden"), "no emailed code to type yet");
        assertTrue(page.body().contains("Email me a code"), page.body());
        assertEquals(issued, eventsOf("apps", user, "challenge_issued").size(), "no code was issued");
        assertEquals(seen, mailbox.count(address(user)), "no email was sent");
        return client;
    }

    /** The user's audit events of one type as the CDI observer of a WAR received them, oldest first, as log lines. */
    List<String> eventsOf(String war, String user, String type) {
        return new WebClient(root(war)).get("public/probe/events").body().lines()
                .filter(line -> line.startsWith("event=" + type + " subject=" + user + " ")).toList();
    }

    /** What the account store holds of a user's app, read past the module: {@code rows=1 confirmed=0} and so on. */
    String storedApp(String war, String user) {
        return new WebClient(root(war)).get("public/probe/app?subject=" + user).body().strip();
    }

    /** The opening tag of the element with this {@code id}. */
    static String openingTag(String html, String id) {
        Matcher matcher = Pattern.compile("<[a-z]+ id=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertTrue(matcher.find(), "no element #" + id + " in:\n" + html);
        return matcher.group();
    }

    MimeMessage awaitNotice(String user, String subjectStart) {
        return mailbox.awaitSubject(address(user), 0, subjectStart);
    }

    @Test
    void settingsWhenAppStartedThenInlineQrCodeAndOtpauthLinkWithIssuerAccountAndSecret() throws Exception {
        WebClient client = signInByEmail("apps", "app-enrol");

        HttpResponse<String> started = startApp(client);

        String page = started.body();
        assertTrue(started.headers().firstValue("Cache-Control").orElse("").contains("no-store"), "the page holds a secret");
        Matcher svg = SVG.matcher(page);
        assertTrue(svg.find(), "an inline SVG QR code: " + page);
        assertTrue(svg.group(1).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg.group(1));
        assertTrue(svg.group(1).contains("role=\"img\" aria-label=\"QR code for your authenticator app\""), svg.group(1));
        String markup = svg.group(1).replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for (String active : List.of("<script", "<image", "<use", "<foreignObject", "<style", "href", "url(")) {
            assertFalse(markup.contains(active), "the QR code loads or runs nothing (" + active + "): " + markup);
        }
        assertFalse(Pattern.compile("\\son\\w+\\s*=").matcher(markup).find(), "no event handler: " + markup);
        assertFalse(page.contains("<img"), "no image is fetched for the QR code");
        assertFalse(page.contains("<iframe"), page);
        Matcher source = SOURCE.matcher(page);
        while (source.find()) {
            String url = source.group(1);
            assertTrue(url.startsWith(client.contextPath() + "/") || url.startsWith("otpauth://totp/"),
                    "everything on the page comes from the site itself: " + url);
        }

        Phone phone = Phone.scanning(page);
        assertEquals(20, phone.secret.length, "160 bits, the size of HMAC-SHA-1's output");
        assertTrue(phone.shownSecret.matches("([A-Z2-7]{4} )+[A-Z2-7]{1,4}"), "grouped for typing: " + phone.shownSecret);
        URI link = URI.create(phone.link);
        assertEquals("otpauth", link.getScheme());
        assertEquals("totp", link.getHost());
        assertEquals("/" + ISSUER + ":app-enrol@example.com", link.getPath(), "issuer and the user's address: " + phone.link);
        assertTrue(phone.link.startsWith("otpauth://totp/Test%20Shop:app-enrol@example.com?"), phone.link);
        Map<String, String> query = query(link);
        assertEquals(phone.shownSecret.replace(" ", ""), query.get("secret"), "the same secret as the key to type");
        assertEquals(ISSUER, query.get("issuer"));
        assertEquals("SHA1", query.get("algorithm"));
        assertEquals("6", query.get("digits"));
        assertEquals("30", query.get("period"));

        assertEquals("rows=1 confirmed=0", storedApp("apps", "app-enrol"), "stored, not yet a way in");
        assertTrue(eventsOf("apps", "app-enrol", "app_enrolled").isEmpty(), "nothing announced before the first code");
        assertEquals(phone.shownSecret, Phone.scanning(client.get("email2fa/settings").body()).shownSecret,
                "a reload shows the same secret");
    }

    @Test
    void settingsWhenFirstAppCodeIsRightThenAppAdded() {
        WebClient client = signInByEmail("apps", "app-confirm");
        Phone phone = Phone.scanning(startApp(client).body());

        HttpResponse<String> added = confirmApp(client, phone.nextCode());

        assertTrue(added.body().contains("The authenticator app is added."), added.body());
        assertTrue(added.body().contains("id=\"app-remove\""), added.body());
        assertFalse(added.body().contains("id=\"app-secret\""), "the secret is not shown again");
        assertFalse(added.body().contains(phone.shownSecret.substring(0, 9)), "the secret is not shown again");
        assertEquals("rows=1 confirmed=1", storedApp("apps", "app-confirm"));
        assertEquals(1, eventsOf("apps", "app-confirm", "app_enrolled").size());
    }

    @Test
    void settingsWhenFirstAppCodeIsWrongThenSaysSoAndAppNotAdded() {
        WebClient client = signInByEmail("apps", "app-mistyped");
        Phone phone = Phone.scanning(startApp(client).body());

        HttpResponse<String> refused = confirmApp(client, phone.wrongCode());

        assertTrue(refused.body().contains("That is not the code the app shows now."), refused.body());
        assertTrue(openingTag(refused.body(), "app-code").contains("aria-describedby=\"app-error\""), refused.body());
        assertFalse(refused.body().contains("The authenticator app is added."), refused.body());
        assertEquals(phone.shownSecret, Phone.scanning(refused.body()).shownSecret, "the same secret, still waiting for its code");
        assertEquals("rows=1 confirmed=0", storedApp("apps", "app-mistyped"));
        assertTrue(eventsOf("apps", "app-mistyped", "app_enrolled").isEmpty(), "no event, so no notice either");
    }

    @Test
    void challengeWhenUserHasAppThenNoEmailAndAppCodeReachesTheTarget() {
        Phone phone = withApp("app-signin");
        int mails = mailbox.count(address("app-signin"));

        WebClient client = atChallengeWithoutEmail("app-signin");
        HttpResponse<String> verified = client.post("email2fa/app", form("csrf", client.csrf(), "appCode", phone.nextCode()));

        assertEquals(client.contextPath() + "/account", locationPath(verified));
        assertTrue(client.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
        List<String> reasons = AccountFeaturesIT.fieldOf(eventsOf("apps", "app-signin", "verified"), "reason");
        assertEquals("authenticator_app", reasons.get(reasons.size() - 1), "verified by the app: " + reasons);
        assertEquals(mails, mailbox.count(address("app-signin")), "signed in without any email");
    }

    @Test
    void challengeWhenEmailMeACodeThenEmailArrivesAndItsCodeSignsIn() {
        withApp("app-emailme");
        WebClient client = atChallengeWithoutEmail("app-emailme");
        int seen = mailbox.count(address("app-emailme"));

        HttpResponse<String> asked = client.post("email2fa/resend", form("csrf", client.csrf()));

        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(asked));
        String code = mailbox.awaitCode(address("app-emailme"), seen);
        String page = client.get("email2fa/challenge").body();
        assertFalse(openingTag(page, "verify").contains("hidden"), "the emailed code's field is shown: " + page);
        assertFalse(openingTag(page, "app").contains("hidden"), "the app is still offered: " + page);
        assertEquals(client.contextPath() + "/account", locationPath(client.submitCode(code)));
        assertTrue(client.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
    }

    @Test
    void removalWhenConfirmedThenAppGoneAndNextSignInEmailsACodeAtOnce() {
        Phone phone = withApp("app-remove");
        WebClient client = atChallengeWithoutEmail("app-remove");
        assertEquals(303, client.post("email2fa/app", form("csrf", client.csrf(), "appCode", phone.nextCode())).statusCode());

        HttpResponse<String> page = client.get("email2fa/settings");
        assertEquals(200, page.statusCode(), "the app code is a fresh verification for the settings page");
        HttpResponse<String> removed = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "appRemove"));

        assertTrue(removed.body().contains("The authenticator app is removed."), removed.body());
        assertTrue(removed.body().contains("id=\"app-start\""), "an app can be added again: " + removed.body());
        assertEquals("rows=0 confirmed=0", storedApp("apps", "app-remove"));
        WebClient next = login("apps", "app-remove");
        assertEquals(303, next.get("account").statusCode());
        int seen = mailbox.count(address("app-remove"));
        String challenge = next.get("email2fa/challenge").body();
        assertTrue(openingTag(challenge, "app").contains("hidden"), "no app offered: " + challenge);
        assertEquals(next.contextPath() + "/account", locationPath(next.submitCode(mailbox.awaitCode(address("app-remove"), seen))),
                "the first view emailed a code");
    }

    @Test
    void stepUpWithAppFactorWhenUserHasAppThenEmailRefusedAndAppCodeOpensThePath() {
        Phone phone = withApp("app-stepup");
        WebClient client = atChallengeWithoutEmail("app-stepup");
        int seen = mailbox.count(address("app-stepup"));
        assertEquals(303, client.post("email2fa/resend", form("csrf", client.csrf())).statusCode());
        String emailed = mailbox.awaitCode(address("app-stepup"), seen);
        assertEquals(client.contextPath() + "/account", locationPath(client.submitCode(emailed)));

        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(client.get("account/delete")),
                "signed in by email: the critical path wants an app code");
        int mails = mailbox.count(address("app-stepup"));
        long issued = eventsOf("apps", "app-stepup", "challenge_issued").size();
        HttpResponse<String> page = client.get("email2fa/challenge");
        assertTrue(page.body().contains("An emailed code is not enough."), page.body());
        assertTrue(openingTag(page.body(), "resend").contains("hidden"), "no 'Email me a code' here: " + page.body());
        String csrf = WebClient.csrfOf(page.body());
        assertEmailRefused(client, csrf, emailed, "not an emailed code");
        assertEquals(mails, mailbox.count(address("app-stepup")), "nothing emailed for a step-up that takes no emailed code");
        assertEquals(issued, eventsOf("apps", "app-stepup", "challenge_issued").size());

        HttpResponse<String> passed = client.post("email2fa/app", form("csrf", csrf, "appCode", phone.nextCode()));

        assertEquals(client.contextPath() + "/account/delete", locationPath(passed));
        assertTrue(client.get("account/delete").body().contains("confirm-delete"));
        assertTrue(AccountFeaturesIT.fieldOf(eventsOf("apps", "app-stepup", "step_up_passed"), "reason").contains("critical_path"));
    }

    @Test
    void stepUpWithAppFactorWhenUserHasNoAppThenToldWhereToAddOneAndNothingEmailed() {
        WebClient client = signInByEmail("apps", "app-none");
        assertEquals(client.contextPath() + "/email2fa/challenge", locationPath(client.get("account/delete")));
        int mails = mailbox.count(address("app-none"));
        long issued = eventsOf("apps", "app-none", "challenge_issued").size();

        HttpResponse<String> page = client.get("email2fa/challenge");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("your account has no authenticator app yet"), page.body());
        assertTrue(page.body().contains("<a href=\"" + client.contextPath() + "/email2fa/settings\">your settings page</a>"), page.body());
        assertTrue(openingTag(page.body(), "app").contains("hidden"), "no app to offer: " + page.body());
        assertTrue(openingTag(page.body(), "resend").contains("hidden"), page.body());
        assertEquals(403, client.post("email2fa/resend", form("csrf", WebClient.csrfOf(page.body()))).statusCode());
        assertEquals(issued, eventsOf("apps", "app-none", "challenge_issued").size(), "no code issued");
        assertEquals(mails, mailbox.count(address("app-none")), "no email");
    }

    @Test
    void lockoutWhenWrongAppAndEmailedCodesReachTheThresholdTogetherThenTheRightAppCodeIsRefused() {
        Phone phone = withApp("app-lockout");
        WebClient client = atChallengeWithoutEmail("app-lockout");
        String csrf = client.csrf();
        for (int i = 0; i < LOCKOUT_THRESHOLD / 2; i++) {
            HttpResponse<String> wrong = client.post("email2fa/app", form("csrf", csrf, "appCode", phone.wrongCode()));
            assertEquals(200, wrong.statusCode(), wrong.body());
            assertTrue(wrong.body().contains(SecondFactorFlowIT.GENERIC_ERROR), wrong.body());
        }
        int seen = mailbox.count(address("app-lockout"));
        assertEquals(303, client.post("email2fa/resend", form("csrf", csrf)).statusCode());
        String wrongEmailed = SecondFactorFlowIT.otherCode(mailbox.awaitCode(address("app-lockout"), seen));
        for (int i = LOCKOUT_THRESHOLD / 2; i < LOCKOUT_THRESHOLD - 1; i++) {
            assertEquals(200, client.post("email2fa/verify", form("csrf", csrf, "code", wrongEmailed)).statusCode());
        }
        HttpResponse<String> last = client.post("email2fa/verify", form("csrf", csrf, "code", wrongEmailed));
        assertEquals(429, last.statusCode(), "the " + LOCKOUT_THRESHOLD + "th wrong code, of either kind, locks: " + last.body());

        String right = phone.nextCode();
        HttpResponse<String> refused = client.post("email2fa/app", form("csrf", csrf, "appCode", right));

        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Too many wrong codes were entered for your account."), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(List.of("failure_threshold"), AccountFeaturesIT.fieldOf(eventsOf("apps", "app-lockout", "locked_out"), "reason"));
        assertEquals(List.of("wrong_app_code", "wrong_app_code"), AccountFeaturesIT.fieldOf(eventsOf("apps", "app-lockout", "app_code_failed"), "reason"));
        assertTrue(eventsOf("apps", "app-lockout", "app_code_used").isEmpty(), "the right code did not pass the lock");
        assertEquals(303, client.get("account").statusCode(), "still not signed in");

        assertEquals("true", new WebClient(root("apps")).post("public/probe/unlock", form("subject", "app-lockout")).body().strip());
        assertEquals(client.contextPath() + "/account", locationPath(client.post("email2fa/app", form("csrf", csrf, "appCode", right))),
                "the lock, not the code, refused it: once unlocked, the same code was still unused");
    }

    @Test
    void noticesWhenAppAddedAndRemovedThenSentWithoutTheSecretOrAnyCode() {
        WebClient client = signInByEmail("apps", "app-notices");
        Phone phone = Phone.scanning(startApp(client).body());
        assertTrue(confirmApp(client, phone.nextCode()).body().contains("The authenticator app is added."));
        MimeMessage added = awaitNotice("app-notices", "An authenticator app was added to your");
        HttpResponse<String> page = client.get("email2fa/settings");
        assertTrue(client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "appRemove")).body()
                .contains("The authenticator app is removed."));
        MimeMessage removed = awaitNotice("app-notices", "The authenticator app was removed from your");

        List<String> secrets = new ArrayList<>(phone.secrets());
        secrets.addAll(phone.codesAround());
        secrets.addAll(mailbox.allCodes());
        for (MimeMessage notice : List.of(added, removed)) {
            String text = Mailbox.textOf(notice, "text/plain") + Mailbox.textOf(notice, "text/html");
            assertTrue(text.contains("authenticator app"), text);
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a notice holds a secret or a code");
            }
        }
    }

    @Test
    void auditWhenAppAddedUsedMistypedAndRemovedThenEachIsAnEventWithoutSecrets() {
        Phone phone = withApp("app-audited");
        WebClient client = atChallengeWithoutEmail("app-audited");
        String csrf = client.csrf();
        assertEquals(200, client.post("email2fa/app", form("csrf", csrf, "appCode", phone.wrongCode())).statusCode());
        assertEquals(303, client.post("email2fa/app", form("csrf", csrf, "appCode", phone.nextCode())).statusCode());
        HttpResponse<String> page = client.get("email2fa/settings");
        assertEquals(200, client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "appRemove"))
                .statusCode());

        List<String> expected = List.of("app_enrolled", "app_code_failed", "app_code_used", "app_removed");
        List<String> secrets = new ArrayList<>(phone.secrets());
        secrets.addAll(phone.codesAround());
        for (String channel : List.of("events", "listener-events")) {
            List<String> lines = new WebClient(root("apps")).get("public/probe/" + channel).body().lines()
                    .filter(line -> line.contains(" subject=app-audited ")).toList();
            List<String> apps = lines.stream().map(line -> line.substring("event=".length(), line.indexOf(' ')))
                    .filter(expected::contains).toList();
            assertEquals(expected, apps, channel + ": " + String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=app_code_failed ") && l.contains(" reason=wrong_app_code")),
                    channel);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=verified ") && l.contains(" reason=authenticator_app")), channel);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=app_removed ") && l.contains(" reason=last_strong_factor")), channel);
            for (String line : lines) {
                // Hex session hashes and times may hold six digits in a row by chance.
                String fields = line.replaceAll("(session|at|sinceSentMs)=\\S+", "");
                for (String secret : secrets) {
                    assertFalse(fields.contains(secret), channel + " carries a secret or code: " + line);
                }
            }
        }
    }

    @Test
    void settingsWhenNoSealingKeyThenAppsUnavailableStartAnswers409AndNothingIsStored() {
        WebClient client = signInByEmail("nokey", "app-nokey");

        HttpResponse<String> page = client.get("email2fa/settings");
        HttpResponse<String> start = client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "appStart"));

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Authenticator apps are not available on this site."), page.body());
        assertFalse(page.body().contains("id=\"app-start\""), page.body());
        assertEquals(409, start.statusCode(), start.body());
        assertTrue(start.body().contains("Authenticator apps are not available on this site."), start.body());
        assertFalse(start.body().contains("<svg"), start.body());
        assertEquals("rows=0 confirmed=0", storedApp("nokey", "app-nokey"));
        assertTrue(eventsOf("nokey", "app-nokey", "app_enrolled").isEmpty());
        assertFalse(client.get("email2fa/settings").body().contains("id=\"app-secret\""));
    }

    @Test
    void browserWhenUserAddsAppAndSignsInWithItsCodeThenNoEmailIsSent() throws Exception {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            String root = root("apps").toString();
            int seen = mailbox.count("alice@example.com");
            signInInBrowser(browser, wait, root);
            browser.findElement(By.name("code")).sendKeys(mailbox.awaitCode("alice@example.com", seen));
            browser.findElement(By.cssSelector("#verify button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));

            browser.get(root + "email2fa/settings");
            browser.findElement(By.cssSelector("#app-start button")).click();
            WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#app-enrol .qr svg")));
            browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", qr);
            String link = browser.findElement(By.id("app-uri")).getAttribute("href");
            assertEquals("QR code for your authenticator app", qr.getAccessibleName(), "what a screen reader says of the image");
            assertEquals(link, decodeQr(qr.getScreenshotAs(OutputType.BYTES)), "the QR code on the page holds the otpauth link");
            assertEquals(List.of(), foreignRequests(browser, root), "the page and its QR code fetch nothing from elsewhere");
            Phone phone = Phone.of(browser.findElement(By.id("app-secret")).getText(), link);
            HeadlessChromium.screenshot(browser, "15-settings-app-qr");
            AxeAudit.assertNoViolations(browser, "the settings page adding an authenticator app");
            browser.findElement(By.id("app-code")).sendKeys(phone.nextCode());
            browser.findElement(By.cssSelector("#app-confirm button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "The authenticator app is added."));
            awaitNotice("alice", "An authenticator app was added");

            browser.get(root + "logout");
            int before = mailbox.count("alice@example.com");
            signInInBrowser(browser, wait, root);
            assertEquals("Confirm it is you", browser.findElement(By.tagName("h1")).getText());
            assertTrue(browser.findElement(By.id("app-code")).isDisplayed(), "the app's field is open first");
            assertEquals("app-code", browser.switchTo().activeElement().getAttribute("id"), "and has the focus");
            assertFalse(browser.findElement(By.id("code")).isDisplayed(), "no emailed code to type");
            HeadlessChromium.screenshot(browser, "16-challenge-app");
            AxeAudit.assertNoViolations(browser, "the challenge page offering the authenticator app");
            browser.findElement(By.id("app-code")).sendKeys(phone.nextCode());
            browser.findElement(By.cssSelector("#app-form button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));
            assertTrue(browser.getCurrentUrl().endsWith("/account"), browser.getCurrentUrl());
            assertEquals(before, mailbox.count("alice@example.com"), "signed in with the app, no email sent");
        } finally {
            browser.quit();
        }
    }

    /** Logs alice in on the example's login page and waits for the challenge page. */
    static void signInInBrowser(ChromeDriver browser, WebDriverWait wait, String root) {
        signInInBrowser(browser, wait, root, "alice");
    }

    /** Logs a demo user ({@code alice} or {@code bob}) in on the example's login page and waits for the challenge page. */
    static void signInInBrowser(ChromeDriver browser, WebDriverWait wait, String root, String user) {
        browser.get(root + "login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(user);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/email2fa/challenge"));
    }

    /** The text of the QR code in a PNG, read by ZXing as a phone's camera would. */
    static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    /** Every resource the current page loaded from another origin than {@code root}'s. */
    @SuppressWarnings("unchecked")
    static List<String> foreignRequests(ChromeDriver browser, String root) {
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        String origin = URI.create(root).resolve("/").toString();
        return loaded.stream().filter(url -> !url.startsWith(origin)).toList();
    }

    /** The parameters of a link's query, decoded. */
    static Map<String, String> query(URI link) {
        Map<String, String> values = new HashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /**
     * The user's phone: the secret it scanned, and its codes. Each accepted code uses its time step
     * (RFC 6238 section 5.2), so the next code is that of a later step; with one step of skew the
     * server takes the next step's code at once, so no test waits for the clock. A code is made for
     * an explicit step rather than from a clock moved by 30 s, so a step that ends between two codes
     * cannot push the second one out of the window.
     */
    static final class Phone {

        final String shownSecret;
        final String link;
        final byte[] secret;
        private long lastStep = TotpVerifier.NO_STEP_USED;

        private Phone(String shownSecret, String link) {
            this.shownSecret = shownSecret;
            this.link = link;
            this.secret = new Base32().decode(shownSecret.replace(" ", ""));
            assertNotNull(secret);
        }

        /** Reads the key to type and the otpauth link off the settings page. */
        static Phone scanning(String settingsPage) {
            Matcher secret = SECRET.matcher(settingsPage);
            Matcher link = URI_LINK.matcher(settingsPage);
            assertTrue(secret.find() && link.find(), "no app being added on the page:\n" + settingsPage);
            return new Phone(secret.group(1), link.group(1).replace("&amp;", "&"));
        }

        static Phone of(String shownSecret, String link) {
            return new Phone(shownSecret, link);
        }

        /** The code of the first step after the last one used, no earlier than now. */
        String nextCode() {
            long now = currentStep();
            long step = Math.max(lastStep + 1, now);
            assertTrue(step <= now + 1, "a third code within one time step would have to wait for the clock");
            lastStep = step;
            return codeAt(step);
        }

        /** A code of the right length that no step near now has. */
        String wrongCode() {
            List<String> near = codesAround();
            for (int candidate = 0; ; candidate += 111_111) {
                String code = String.format(Locale.ROOT, "%06d", candidate % 1_000_000);
                if (!near.contains(code)) {
                    return code;
                }
            }
        }

        /** The codes of the steps the server may accept now, and the next one. */
        List<String> codesAround() {
            long now = currentStep();
            List<String> codes = new ArrayList<>();
            for (long step = now - 2; step <= now + 2; step++) {
                codes.add(codeAt(step));
            }
            return codes;
        }

        /** The secret as the page showed it, without spaces, and in lower case. */
        List<String> secrets() {
            String plain = shownSecret.replace(" ", "");
            return List.of(shownSecret, plain, plain.toLowerCase(Locale.ROOT), plain.substring(0, 16));
        }

        private String codeAt(long step) {
            Clock clock = Clock.fixed(Instant.ofEpochSecond(step * PERIOD), ZoneOffset.UTC);
            return new TotpVerifier(TOTP, clock).currentCode(secret);
        }

        private static long currentStep() {
            return Math.floorDiv(Instant.now().getEpochSecond(), PERIOD);
        }
    }

    /**
     * Posts an emailed code and a request for a new one from the challenge page of a step-up that takes
     * no emailed code: both are refused with 403, the code's answer saying {@code refusal}.
     */
    static void assertEmailRefused(WebClient client, String csrf, String emailed, String refusal) {
        HttpResponse<String> code = client.post("email2fa/verify", form("csrf", csrf, "code", emailed));
        HttpResponse<String> resend = client.post("email2fa/resend", form("csrf", csrf));
        assertEquals(403, code.statusCode(), code.body());
        assertTrue(code.body().contains(refusal), code.body());
        assertEquals(403, resend.statusCode(), resend.body());
    }
}
