package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.flowOf;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

/**
 * Authenticator apps through the module's pages, without a container: adding one on the settings
 * page, the challenge page that offers it first and sends no email, "Email me a code", a step-up
 * that takes no emailed code, and a site without a sealing key.
 */
class AuthenticatorAppPagesTest extends AppPagesFixture {

    @Test
    void settingsWhenAppStartedThenQrCodeKeyAndUriShownAndNothingAnnounced() throws Exception {
        start();
        FakeSession session = verified();

        SettingsView page = settings(change(session, "appStart"));

        String app = page.getApp();
        assertAll(
                () -> assertTrue(app.contains("<svg"), app),
                () -> assertTrue(SECRET.matcher(app).find(), app),
                () -> assertTrue(app.contains("href=\"otpauth://totp/"), app),
                () -> assertTrue(app.contains("name=\"appCode\""), app),
                () -> assertEquals(0, countOf(AuditEvent.Type.APP_ENROLLED)));
        assertEquals(page.getApp(), settings(route("GET", Routes.SETTINGS).session(session)).getApp(), "a reload shows the same secret");
    }

    @Test
    void settingsWhenAppStartedThenQrCodeIsNamedAsAQrCodeNotAfterTheIssuer() throws Exception {
        start("email2fa.app.issuer", "Web Shop");
        FakeSession session = verified();

        String app = settings(change(session, "appStart")).getApp();

        assertTrue(app.contains("role=\"img\" aria-label=\"" + Html.escape(ENGLISH.get("settings.app.qrLabel")) + "\""), app);
        assertFalse(app.contains("aria-label=\"Web Shop\""), "a screen reader would announce the image as the issuer: " + app);
    }

    @Test
    void settingsWhenFirstCodeRightThenAppAddedWithEventAndStatus() throws Exception {
        start();
        FakeSession session = verified();

        byte[] secret = addApp(session);

        assertTrue(web.module.accounts().apps().hasApp(USER));
        assertEquals(1, countOf(AuditEvent.Type.APP_ENROLLED));
        SettingsView page = settings(route("GET", Routes.SETTINGS).session(session));
        assertTrue(page.getApp().contains("id=\"app-remove\""), page.getApp());
        assertFalse(page.getApp().contains(new Base32().encodeAsString(secret).substring(0, 8)), "the secret is not shown again");
    }

    @Test
    void settingsWhenFirstCodeWrongThenEnrolmentShownAgainWithTheError() throws Exception {
        start();
        FakeSession session = verified();
        byte[] secret = secretOn(settings(change(session, "appStart")));
        String wrong = APP.currentCode(secret).startsWith("0") ? "111111" : "000000";

        SettingsView page = settings(change(session, "appConfirm").param("appCode", wrong));

        assertTrue(page.getApp().contains(Html.escape(ENGLISH.get("settings.app.wrongCode"))), page.getApp());
        assertTrue(page.getApp().contains("aria-describedby=\"app-error\""), page.getApp());
        assertEquals(new Base32().encodeAsString(secret), new Base32().encodeAsString(secretOn(page)), "the same secret, still waiting");
        assertFalse(web.module.accounts().apps().hasApp(USER));
    }

    @Test
    void challengeWhenUserHasAppThenAppOfferedFirstAndNoCodeEmailed() throws Exception {
        start();
        addApp(verified());
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        FakeRequest request = route("GET", Routes.CHALLENGE).session(signIn);
        web.serve(request);

        ChallengeView page = assertInstanceOf(ChallengeView.class, request.forwards().get(0).model());
        assertAll(
                () -> assertEquals("open", page.getAppOpen()),
                () -> assertEquals("", page.getAppHidden()),
                () -> assertEquals("autofocus", page.getAppAutofocus()),
                () -> assertEquals("hidden", page.getCodeFormHidden(), "no emailed code to type"),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.emailMe")), page.getResend()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.titleNoEmail")), page.getTitle()),
                () -> assertFalse(flowOf(signIn).codeRequested()),
                () -> assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED), "nothing was sent"));
    }

    @Test
    void challengeWhenAppCodePostedThenSignedInAndSentToTheTarget() throws Exception {
        start();
        byte[] secret = addApp(verified());
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        web.serve(route("GET", Routes.CHALLENGE).session(signIn));

        FakeResponse response = web.serve(form(Routes.APP, signIn).param("appCode", NEXT_STEP.currentCode(secret)));

        assertEquals(303, response.getStatus());
        assertEquals("/account", response.getHeader("Location"));
        assertTrue(web.throughFilter(browserGet("/account", signIn)).passed());
        assertEquals(1, countOf(AuditEvent.Type.APP_CODE_USED));
        assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED));
    }

    @Test
    void challengeWhenAppCodeUsedAgainThenSaysToWaitForTheNextOne() throws Exception {
        start();
        byte[] secret = addApp(verified());
        String code = NEXT_STEP.currentCode(secret);
        FakeSession first = signedIn();
        web.startFlow(first, "/account");
        web.serve(form(Routes.APP, first).param("appCode", code));
        FakeSession second = signedIn();
        web.startFlow(second, "/account");

        FakeRequest replay = form(Routes.APP, second).param("appCode", code);
        web.serve(replay);

        ChallengeView page = assertInstanceOf(ChallengeView.class, replay.forwards().get(0).model());
        assertEquals(Html.escape(ENGLISH.get("challenge.appCodeUsed")), page.getError());
        assertEquals("open", page.getAppOpen(), "the app's form stays open");
    }

    @Test
    void challengeWhenEmailMeACodeThenCodeIssuedAndItsFieldShown() throws Exception {
        start();
        addApp(verified());
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        web.serve(route("GET", Routes.CHALLENGE).session(signIn));

        FakeResponse asked = web.serve(form(Routes.RESEND, signIn));

        assertEquals(303, asked.getStatus());
        assertEquals(1, countOf(AuditEvent.Type.CHALLENGE_ISSUED));
        FakeRequest again = route("GET", Routes.CHALLENGE).session(signIn);
        web.serve(again);
        ChallengeView page = assertInstanceOf(ChallengeView.class, again.forwards().get(0).model());
        assertEquals("", page.getCodeFormHidden());
        assertEquals(Html.escape(ENGLISH.get("challenge.resend")), page.getResend());
        assertEquals("", page.getAppHidden(), "the app is still offered");
    }

    @Test
    void challengeWhenEmailPreferredThenCodeEmailedOnFirstViewAndAppOfferedBelow() throws Exception {
        start();
        FakeSession settings = verified();
        addApp(settings);
        web.serve(change(settings, "prefer").param("factor", "email"));
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        FakeRequest request = route("GET", Routes.CHALLENGE).session(signIn);
        web.serve(request);

        ChallengeView page = assertInstanceOf(ChallengeView.class, request.forwards().get(0).model());
        assertEquals(1, countOf(AuditEvent.Type.CHALLENGE_ISSUED));
        assertEquals("", page.getCodeFormHidden());
        assertEquals("", page.getAppHidden());
        assertEquals("", page.getAppOpen());
    }

    @Test
    void stepUpWithAppFactorWhenUserHasAppThenEmailRefusedAndAppCodeOpensThePath() throws Exception {
        start("email2fa.stepUp.factor", "app");
        byte[] secret = addApp(verified());
        FakeSession session = verified();
        web.clock.advance(WebModule.STEP_UP_MAX_AGE.plusMinutes(1));
        web.startFlow(session, "/account/delete");

        FakeRequest page = route("GET", Routes.CHALLENGE).session(session);
        web.serve(page);
        FakeRequest emailed = form(Routes.VERIFY, session).param("code", "123456");
        FakeResponse refused = web.serve(emailed);
        FakeRequest resend = form(Routes.RESEND, session);
        FakeResponse resendRefused = web.serve(resend);

        ChallengeView view = assertInstanceOf(ChallengeView.class, page.forwards().get(0).model());
        assertEquals(Html.escape(ENGLISH.get("challenge.appOrBackupOnly")), view.getError());
        assertEquals("hidden", view.getResendHidden());
        WebModule.assertProblemPage(emailed, refused, 403, "problem.appOrBackupOnly");
        WebModule.assertProblemPage(resend, resendRefused, 403, "problem.appOrBackupOnly");
        assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED));

        web.serve(form(Routes.APP, session).param("appCode", NEXT_STEP.currentCode(secret)));

        assertTrue(web.throughFilter(browserGet("/account/delete", session)).passed(), "a fresh app code opens the step-up path");
    }

    @Test
    void stepUpWithAppFactorWhenUserHasNoAppThenToldWhereToAddOne() throws Exception {
        start("email2fa.stepUp.factor", "app");
        FakeSession session = verified();
        web.clock.advance(WebModule.STEP_UP_MAX_AGE.plusMinutes(1));
        web.startFlow(session, "/account/delete");

        FakeRequest page = route("GET", Routes.CHALLENGE).session(session);
        web.serve(page);

        ChallengeView view = assertInstanceOf(ChallengeView.class, page.forwards().get(0).model());
        assertTrue(view.getError().contains("href=\"/email2fa/settings\""), view.getError());
        assertEquals("hidden", view.getAppHidden());
        assertEquals("open", view.getBackupOpen(), "a backup code still works");
        assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED));
    }

    @Test
    void settingsWhenNoSealingKeyThenSectionSaysUnavailableAndStartAnswered409() throws Exception {
        web = WebModule.start("email2fa.policy", "required");
        FakeSession session = verified();

        SettingsView page = settings(route("GET", Routes.SETTINGS).session(session));
        FakeRequest start = change(session, "appStart");
        FakeResponse refused = web.serve(start);

        assertTrue(page.getApp().contains(Html.escape(ENGLISH.get("settings.app.unavailable"))), page.getApp());
        assertFalse(page.getApp().contains("app-start"), page.getApp());
        WebModule.assertProblemPage(start, refused, 409, "settings.app.unavailable");
        assertEquals(null, web.module.accounts().apps().confirmedApp(USER));
    }

    @Test
    void settingsWhenAppRemovedThenEventAndTheChallengePageEmailsACodeAgain() throws Exception {
        start();
        FakeSession settings = verified();
        addApp(settings);

        web.serve(change(settings, "appRemove"));

        assertEquals(1, countOf(AuditEvent.Type.APP_REMOVED));
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        FakeRequest request = route("GET", Routes.CHALLENGE).session(signIn);
        web.serve(request);
        ChallengeView page = assertInstanceOf(ChallengeView.class, request.forwards().get(0).model());
        assertEquals("hidden", page.getAppHidden());
        assertEquals(1, countOf(AuditEvent.Type.CHALLENGE_ISSUED));
    }

    @Test
    void preferWhenFactorUnknownThen400() throws Exception {
        start();
        FakeSession session = verified();

        FakeRequest request = change(session, "prefer").param("factor", "sms");
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 400, "problem.unknownAction");
    }
}
