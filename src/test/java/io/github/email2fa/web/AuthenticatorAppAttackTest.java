package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import java.util.List;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

/**
 * Authenticator apps as an attacker meets them on the module's pages: someone who has the user's
 * password and mailbox (what {@code email2fa.stepUp.factor=app} defends against) and a second
 * session of the user, and hostile input.
 */
class AuthenticatorAppAttackTest extends AppPagesFixture {

    @Test
    void appFactorWhenOnlyAnEmailedCodeIsFreshThenTheUsersAppCannotBeRemovedNorBackupCodesMade() throws Exception {
        start("email2fa.stepUp.factor", "app");
        addApp(verified());
        int backupCodes = web.module.accounts().remainingBackupCodes(USER);
        FakeSession attacker = verified();

        FakeRequest remove = change(attacker, "appRemove");
        FakeResponse removed = web.serve(remove);
        FakeRequest regenerate = change(attacker, "regenerate");
        FakeResponse regenerated = web.serve(regenerate);

        assertAll(
                () -> WebModule.assertProblemPage(remove, removed, 403, "problem.settingsStale"),
                () -> WebModule.assertProblemPage(regenerate, regenerated, 403, "problem.settingsStale"),
                () -> assertTrue(web.module.accounts().apps().hasApp(USER), "the app stays"),
                () -> assertEquals(backupCodes, web.module.accounts().remainingBackupCodes(USER), "no new backup codes"),
                () -> assertEquals(0, countOf(AuditEvent.Type.APP_REMOVED)));
    }

    @Test
    void backupCodeFactorWhenUserHasBackupCodesThenAnEmailedCodeCannotMakeNewOnesAndOnlyABackupCodeOpensSettings() throws Exception {
        start("email2fa.stepUp.factor", "backup-code");
        List<String> codes = web.module.accounts().regenerateBackupCodes(io.github.email2fa.signin.Actor.application(USER));
        FakeSession attacker = verified();

        FakeRequest regenerate = change(attacker, "regenerate");
        FakeResponse regenerated = web.serve(regenerate);
        FakeResponse opened = web.serve(route("GET", Routes.SETTINGS).session(attacker));
        FakeRequest emailed = form(Routes.VERIFY, attacker).param("code", "123456");
        FakeResponse emailRefused = web.serve(emailed);

        WebModule.assertProblemPage(regenerate, regenerated, 403, "problem.settingsStale");
        assertEquals(303, opened.getStatus(), "the settings page asks for a backup code first");
        WebModule.assertProblemPage(emailed, emailRefused, 403, "problem.backupOnly");
        assertEquals(codes.size(), web.module.accounts().remainingBackupCodes(USER), "the user's codes stay as they were");

        web.serve(form(Routes.BACKUP, attacker).param("backupCode", codes.get(0)));

        assertEquals(200, web.serve(route("GET", Routes.SETTINGS).session(attacker)).getStatus(), "a backup code opens the settings");
    }

    @Test
    void backupCodeFactorWhenUserHasNoBackupCodesThenAnEmailedCodeOpensSettingsToMakeThem() throws Exception {
        start("email2fa.stepUp.factor", "backup-code");
        FakeSession session = verified();

        FakeRequest regenerate = change(session, "regenerate");
        FakeResponse made = web.serve(regenerate);

        assertEquals(200, made.getStatus());
        assertEquals(10, web.module.accounts().remainingBackupCodes(USER));
    }

    @Test
    void appFactorWhenUserWithAppOpensSettingsAfterAnEmailedCodeThenOnlyAnAppCodeOpensThem() throws Exception {
        start("email2fa.stepUp.factor", "app");
        byte[] secret = addApp(verified());
        FakeSession session = verified();

        FakeResponse opened = web.serve(route("GET", Routes.SETTINGS).session(session));
        FakeRequest page = route("GET", Routes.CHALLENGE).session(session);
        web.serve(page);
        FakeRequest emailed = form(Routes.VERIFY, session).param("code", "123456");
        FakeResponse emailRefused = web.serve(emailed);
        FakeRequest resend = form(Routes.RESEND, session);
        FakeResponse resendRefused = web.serve(resend);

        assertEquals(303, opened.getStatus());
        assertEquals("/email2fa/challenge", opened.getHeader("Location"));
        ChallengeView view = assertInstanceOf(ChallengeView.class, page.forwards().get(0).model());
        assertAll(
                () -> assertEquals("hidden", view.getResendHidden(), "no emailed code is offered"),
                () -> assertEquals("", view.getAppHidden()),
                () -> WebModule.assertProblemPage(emailed, emailRefused, 403, "problem.appOrBackupOnly"),
                () -> WebModule.assertProblemPage(resend, resendRefused, 403, "problem.appOrBackupOnly"),
                () -> assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED)));

        FakeResponse passed = web.serve(form(Routes.APP, session).param("appCode", NEXT_STEP.currentCode(secret)));
        assertEquals(303, passed.getStatus());
        assertEquals("/email2fa/settings", passed.getHeader("Location"));
        SettingsView removed = settings(change(session, "appRemove"));
        assertEquals(Html.escape(ENGLISH.get("settings.app.removed")), removed.getDone());
    }

    @Test
    void appFactorWhenTheAppWasJustAddedInThisSessionThenItsFirstCodeKeepsTheSettingsOpen() throws Exception {
        start("email2fa.stepUp.factor", "app");
        FakeSession session = verified();
        addApp(session);

        SettingsView removed = settings(change(session, "appRemove"));

        assertEquals(Html.escape(ENGLISH.get("settings.app.removed")), removed.getDone());
    }

    @Test
    void appFactorWhenUserHasNoAppThenAnEmailedCodeStillOpensSettingsToAddOne() throws Exception {
        start("email2fa.stepUp.factor", "app");
        FakeSession session = verified();

        SettingsView page = settings(route("GET", Routes.SETTINGS).session(session));

        assertTrue(page.getApp().contains("id=\"app-start\""), page.getApp());
    }

    @Test
    void emailFactorWhenUserHasAppThenAnEmailedCodeStillOpensSettings() throws Exception {
        start();
        addApp(verified());
        FakeSession session = verified();

        SettingsView page = settings(change(session, "appRemove"));

        assertEquals(Html.escape(ENGLISH.get("settings.app.removed")), page.getDone());
    }

    @Test
    void settingsWhenAnotherSessionStartedAnEnrolmentThenItsSecretIsNeitherShownNorConfirmedHere() throws Exception {
        start();
        FakeSession attacker = verified();
        byte[] planted = secretOn(settings(change(attacker, "appStart")));
        FakeSession victim = verified();

        SettingsView page = settings(route("GET", Routes.SETTINGS).session(victim));
        SettingsView confirmed = settings(change(victim, "appConfirm").param("appCode", APP.currentCode(planted)));

        String shown = page.getApp();
        assertAll(
                () -> assertFalse(shown.contains("app-secret"), shown),
                () -> assertFalse(shown.contains("otpauth://"), shown),
                () -> assertFalse(shown.contains(new Base32().encodeAsString(planted).substring(0, 8)), shown),
                () -> assertTrue(shown.contains("id=\"app-start\""), "the victim can start an enrolment of their own: " + shown),
                () -> assertEquals(Html.escape(ENGLISH.get("settings.app.startAgain")), confirmed.getDone()),
                () -> assertFalse(web.module.accounts().apps().hasApp(USER), "the planted secret is no way in"));
    }

    @Test
    void settingsWhenVictimStartsAfterAPlantedEnrolmentThenTheVictimGetsANewSecretTheOtherSessionCannotSee() throws Exception {
        start();
        FakeSession attacker = verified();
        byte[] planted = secretOn(settings(change(attacker, "appStart")));
        FakeSession victim = verified();

        byte[] own = secretOn(settings(change(victim, "appStart")));
        SettingsView attackerView = settings(route("GET", Routes.SETTINGS).session(attacker));

        assertNotEquals(new Base32().encodeAsString(planted), new Base32().encodeAsString(own));
        assertFalse(attackerView.getApp().contains("app-secret"), attackerView.getApp());
        assertEquals(Html.escape(ENGLISH.get("settings.app.added")),
                settings(change(victim, "appConfirm").param("appCode", APP.currentCode(own))).getDone());
    }

    @Test
    void settingsWhenEnrolmentStartedHereThenAReloadShowsTheSameSecretAndItsCodeConfirms() throws Exception {
        start();
        FakeSession session = verified();
        SettingsView started = settings(change(session, "appStart"));

        SettingsView reloaded = settings(route("GET", Routes.SETTINGS).session(session));
        byte[] secret = secretOn(reloaded);

        assertEquals(started.getApp(), reloaded.getApp());
        assertEquals(Html.escape(ENGLISH.get("settings.app.added")),
                settings(change(session, "appConfirm").param("appCode", APP.currentCode(secret))).getDone());
    }

    @Test
    void appCodeWhenInputHostileThenPlainAnswersAndNothingCounted() throws Exception {
        start();
        addApp(verified());
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        String[] hostile = {null, "", " ", "1".repeat(100_000), "12345", "1234567", "12 34 5x", "\u0000\u0000\u0000\u0000\u0000\u0000",
            "%31%32%33%34%35%36", "\uD83D\uDE001234567", "１２３４５", "+123456", "-12345"};

        for (String input : hostile) {
            FakeRequest request = form(Routes.APP, signIn);
            if (input != null) {
                request.param("appCode", input);
            }
            FakeResponse response = web.serve(request);
            assertEquals(200, response.getStatus(), "input " + (input == null ? null : input.length() + " chars"));
            ChallengeView page = assertInstanceOf(ChallengeView.class, request.forwards().get(0).model());
            assertEquals(Html.escape(ENGLISH.get("challenge.appMalformed").replace("{0}", "6")), page.getError());
        }
        assertEquals(0, countOf(AuditEvent.Type.APP_CODE_FAILED), "malformed input is no guess");
        assertFalse(web.module.signIn().lockOf(USER).locked());
    }

    @Test
    void appCodeWhenUserHasNoAppThenNothingCheckedOrCounted() throws Exception {
        start();
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        for (int i = 0; i < 30; i++) {
            FakeRequest request = form(Routes.APP, signIn).param("appCode", String.format("%06d", i));
            assertEquals(200, web.serve(request).getStatus());
        }

        assertEquals(0, countOf(AuditEvent.Type.APP_CODE_FAILED));
        assertFalse(web.module.signIn().lockOf(USER).locked());
    }

    @Test
    void settingsWhenConfirmInputHostileThen200WithTheMalformedMessage() throws Exception {
        start();
        FakeSession session = verified();
        settings(change(session, "appStart"));

        for (String input : new String[] {null, "x".repeat(100_000), "\u0000", "<script>"}) {
            FakeRequest request = change(session, "appConfirm");
            if (input != null) {
                request.param("appCode", input);
            }
            SettingsView page = settings(request);
            assertTrue(page.getApp().contains("id=\"app-error\""), page.getApp());
            assertFalse(page.getApp().contains("<script>"), page.getApp());
        }
        FakeRequest noFactor = change(session, "prefer");
        assertEquals(400, web.serve(noFactor).getStatus());
    }

    @Test
    void settingsWhenIssuerAndAddressHostileThenEscapedInTheSvgUriAndPage() throws Exception {
        start("email2fa.app.issuer", "\"><script>alert(1)</script>&amp; Ä:x");
        String address = "o'b&c:%41@example.com";
        FakeSession session = signedIn(address);
        web.markVerified(session, address, WayIn.EMAIL);

        FakeRequest request = change(session, "appStart");
        SettingsView page = settings(request);

        String app = page.getApp();
        assertAll(
                () -> assertFalse(app.contains("<script"), app),
                () -> assertTrue(app.contains("aria-label=\"" + ENGLISH.get("settings.app.qrLabel") + "\""), "named in the page's language"),
                () -> assertTrue(app.contains("href=\"otpauth://totp/%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%26amp%3B%20%C3%84%3Ax:"
                        + "o%27b%26c%3A%2541@example.com?secret="), app));
    }

    @Test
    void settingsWhenEnrolmentShownThenNoStoreAndTheSecretIsNotInAnyHeader() throws Exception {
        start();
        FakeSession session = verified();
        FakeRequest request = change(session, "appStart");

        FakeResponse response = web.serve(request);

        assertEquals("no-store", response.getHeader("Cache-Control"));
        assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
        SettingsView page = assertInstanceOf(SettingsView.class, request.forwards().get(0).model());
        String secret = new Base32().encodeAsString(secretOn(page)).replace("=", "");
        for (String name : response.getHeaderNames()) {
            assertFalse(String.valueOf(response.getHeader(name)).contains(secret), name);
        }
        assertFalse(web.events.toString().contains(secret), "no event holds the secret");
    }
}
