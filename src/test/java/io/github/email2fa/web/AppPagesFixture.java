package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.totp.TotpSettings;
import io.github.email2fa.totp.TotpVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the container-free tests of authenticator apps share: a module with a sealing key (and the
 * {@code required} policy), a user who adds an app on the settings page, and codes computed as the
 * user's app computes them.
 */
abstract class AppPagesFixture {

    static final Messages ENGLISH = Messages.forLocale(Locale.ENGLISH);
    static final Pattern SECRET = Pattern.compile("<code id=\"app-secret\" dir=\"ltr\">([A-Z2-7 ]+)</code>");
    /** Codes as the user's app computes them, on the module's clock. */
    static final TotpVerifier APP = new TotpVerifier(TotpSettings.defaults("Web tests"), Clock.systemUTC());
    /**
     * The app's code of the next time step: the step of the code that confirmed an app is used, and
     * the next one is accepted at once (one step of skew), so a test need not wait for the clock.
     */
    static final TotpVerifier NEXT_STEP = new TotpVerifier(TotpSettings.defaults("Web tests"),
            Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30)));

    @TempDir
    static Path keys;

    WebModule web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    /** Starts a module with a sealing key and the {@code required} policy, changed by {@code overrides}. */
    WebModule start(String... overrides) throws Exception {
        Path key = keys.resolve("app.key");
        if (!Files.exists(key)) {
            Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        }
        String[] settings = new String[overrides.length + 4];
        settings[0] = "email2fa.app.secretKey";
        settings[1] = "file:" + key;
        settings[2] = "email2fa.policy";
        settings[3] = "required";
        System.arraycopy(overrides, 0, settings, 4, overrides.length);
        web = WebModule.start(settings);
        return web;
    }

    /** Adds an app on the settings page of {@code session} and confirms it with its current code; returns its secret. */
    byte[] addApp(FakeSession session) throws Exception {
        byte[] secret = secretOn(settings(change(session, "appStart")));
        SettingsView done = settings(change(session, "appConfirm").param("appCode", APP.currentCode(secret)));
        assertEquals(Html.escape(ENGLISH.get("settings.app.added")), done.getDone());
        return secret;
    }

    /** A session of {@link WebModule#USER} verified by an emailed code just now. */
    FakeSession verified() {
        FakeSession session = signedIn();
        web.verifyNow(session);
        return session;
    }

    /** The settings page the request gets, which must be a 200. */
    SettingsView settings(FakeRequest request) throws Exception {
        FakeResponse response = web.serve(request);
        assertEquals(200, response.getStatus(), "settings page");
        return assertInstanceOf(SettingsView.class, request.forwards().get(0).model());
    }

    /** The secret the page shows for typing. */
    static byte[] secretOn(SettingsView page) {
        Matcher secret = SECRET.matcher(page.getApp());
        assertTrue(secret.find(), page.getApp());
        byte[] bytes = new Base32().decode(secret.group(1).replace(" ", ""));
        assertNotNull(bytes);
        return bytes;
    }

    long countOf(AuditEvent.Type type) {
        return web.events.stream().filter(event -> event.type() == type).count();
    }

    static FakeRequest change(FakeSession session, String action) {
        return form(Routes.SETTINGS, session).param("action", action);
    }
}
