package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.STEP_UP_MAX_AGE;
import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.flowOf;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.signin.Attempt;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.SafeHtml;
import io.github.email2fa.web.SignInFlow.Purpose;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GET {@code /email2fa/challenge}: the first view of a flow sends its code, later views (refresh,
 * back button, mail scanners) never send mail; the page model says what happened.
 */
class ChallengePageTest {

    private static final Messages ENGLISH = Messages.forLocale(Locale.ENGLISH);

    private WebModule web = WebModule.start();

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void showWhenFirstViewThenCodeIssuedAndFlowNotesIt() throws Exception {
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");

        FakeRequest request = get(session);
        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals("no-store", response.getHeader("Cache-Control")),
                () -> assertEquals("/WEB-INF/email2fa/challenge.jsp", request.forwards().get(0).path()),
                () -> assertTrue(flowOf(session).codeRequested()),
                () -> assertEquals(flow.id(), flowOf(session).id()),
                () -> assertTrue(web.module.challenges().find(flow.id()).isPresent(), "a challenge was issued"),
                () -> assertEquals("", request.model(ChallengeView.class).getError()),
                () -> assertEquals("autofocus", request.model(ChallengeView.class).getCodeAutofocus()),
                () -> assertEquals("", request.model(ChallengeView.class).getBackupOpen()));
    }

    @Test
    void showWhenViewedAgainThenNoNewCode() throws Exception {
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        web.serve(get(session));
        Challenge first = web.module.challenges().find(flow.id()).orElseThrow();

        web.serve(get(session));
        FakeRequest third = get(session);
        FakeResponse response = web.serve(third);

        assertEquals(first.id(), web.module.challenges().find(flow.id()).orElseThrow().id(), "the challenge was replaced");
        assertEquals(200, response.getStatus());
        assertEquals("", third.model(ChallengeView.class).getError());
    }

    @Test
    void showWhenNoFlowAndNotVerifiedThenSignInFlowBackToRootAndCodeSent() throws Exception {
        FakeSession session = signedIn();

        web.serve(get(session).contextPath("/shop"));

        SignInFlow flow = flowOf(session);
        assertEquals(new SignInFlow(flow.id(), USER, "/shop/", true, Purpose.SIGN_IN), flow);
        assertTrue(web.module.challenges().find(flow.id()).isPresent());
    }

    @Test
    void showWhenNoFlowAndAlreadyVerifiedThen303ToRoot() throws Exception {
        FakeSession session = signedIn();
        web.verifyNow(session);

        FakeResponse response = web.serve(get(session).contextPath("/shop"));

        assertEquals(303, response.getStatus());
        assertEquals("/shop/", response.getHeader("Location"));
        assertEquals(null, flowOf(session));
    }

    @ParameterizedTest(name = "code requested before: {0}")
    @CsvSource({"false", "true"})
    void showWhenAccountLockedThenLockedNoticeWithTimeAndNoCode(boolean codeRequested) throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "2", "email2fa.lockout.durations", "1m");
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        if (codeRequested) {
            web.issueCode(session);
        }
        lockOut(flow);

        FakeRequest request = get(session);
        FakeResponse response = web.serve(request);

        // Locked for a minute: said relative to now, with the moment it ends in UTC.
        assertEquals(200, response.getStatus());
        assertEquals("Too many wrong codes were entered for your account. For your security, sign-in with a code is paused, and the"
                + " codes already sent no longer work. You can request a new code <time datetime=\"2025-03-01T09:01:00Z\""
                + " title=\"2025-03-01 09:01 UTC\">1 minute from now</time>.", request.model(ChallengeView.class).getError());
        assertTrue(web.module.challenges().find(flow.id()).filter(c -> c.state() == Challenge.State.LIVE).isEmpty(),
                "no live code while locked");
    }

    @Test
    void showWhenAccountLockedUntilSupportThenNoticeSaysSo() throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "2", "email2fa.lockout.hardLimit", "2");
        FakeSession session = signedIn();
        lockOut(web.startFlow(session, "/account"));

        FakeRequest request = get(session);
        web.serve(request);

        assertEquals(Html.escape(ENGLISH.get("challenge.lockedUntilSupport")), request.model(ChallengeView.class).getError());
    }

    @Test
    void showWhenStepUpAcceptsBackupCodesOnlyThenBackupFormOpenAndNoCodeSent() throws Exception {
        web.close();
        web = WebModule.start("email2fa.stepUp.factor", "backup-code");
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(STEP_UP_MAX_AGE.plusSeconds(1));
        SignInFlow flow = web.startFlow(session, "/account/delete");

        FakeRequest request = get(session);
        web.serve(request);

        ChallengeView view = request.model(ChallengeView.class);
        assertAll(
                () -> assertEquals(Purpose.STEP_UP, flow.purpose()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.backupOnly")), view.getError()),
                () -> assertEquals("hidden", view.getCodeFormHidden()),
                () -> assertEquals("open", view.getBackupOpen()),
                () -> assertEquals("autofocus", view.getBackupAutofocus(), "focus on the only field shown"),
                () -> assertEquals("", view.getCodeAutofocus()),
                () -> assertFalse(flowOf(session).codeRequested()),
                () -> assertTrue(web.module.challenges().find(flow.id()).isEmpty(), "no emailed code"));
    }

    @Test
    void showWhenUserHasNoAddressThen403AndNoFlowCode() throws Exception {
        FakeSession session = signedIn("bob");

        FakeRequest request = get(session);
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "challenge.noEmail");
    }

    @ParameterizedTest(name = "{0} flow, remember {1} days -> hidden=\"{2}\"")
    @CsvSource({"SIGN_IN, 30, ''", "SIGN_IN, 0, hidden", "STEP_UP, 30, hidden", "CONFIRM, 30, hidden"})
    void showWhenFlowPurposeAndRememberSettingThenRememberOfferedOnlyAtSignIn(Purpose purpose, int days, String hidden)
            throws Exception {
        web.close();
        web = WebModule.start("email2fa.rememberDevice.days", String.valueOf(days));
        FakeSession session = signedIn();
        SessionState.saveFlow(session, new SignInFlow("flow-1", USER, "/account", false, purpose));

        FakeRequest request = get(session);
        web.serve(request);

        assertEquals(hidden, request.model(ChallengeView.class).getRememberHidden());
    }

    @Test
    void showWhenRenderedThenModelCarriesSessionTokenAndFormActions() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");

        FakeRequest request = get(session).contextPath("/shop");
        web.serve(request);

        ChallengeView view = request.model(ChallengeView.class);
        assertAll(
                () -> assertEquals(Csrf.token(session), view.getCsrf()),
                () -> assertEquals("/shop/email2fa/verify", view.getVerifyAction()),
                () -> assertEquals("/shop/email2fa/backup", view.getBackupAction()),
                () -> assertEquals("/shop/email2fa/resend", view.getResendAction()),
                () -> assertEquals("/shop/email2fa/cancel", view.getCancelAction()),
                () -> assertEquals(ENGLISH.get("challenge.title"), view.getTitle()),
                () -> assertEquals("", view.getCodeFormHidden()),
                () -> assertEquals("hidden", view.getErrorHidden()));
    }

    @Test
    void showWhenLocaleGermanThenPageInGerman() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");

        FakeRequest request = get(session).locale(Locale.GERMAN);
        web.serve(request);

        ChallengeView view = request.model(ChallengeView.class);
        assertEquals("de", view.getLang());
        assertEquals(Html.escape(Messages.forLocale(Locale.GERMAN).get("challenge.title")), view.getTitle());
    }

    @Test
    void showWhenApplicationHasItsOwnPageThenForwardsThere() throws Exception {
        web.close();
        web = WebModule.start("email2fa.page.challenge", "/WEB-INF/app/code.jsp");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");

        FakeRequest request = get(session);
        web.serve(request);

        assertEquals("/WEB-INF/app/code.jsp", request.forwards().get(0).path());
    }

    @Test
    void viewWhenEmailIsOnItsWayThenOffersALinkToLookAgainInsteadOfReloadingItself() {
        ChallengeView pending = new ChallengeView(ENGLISH, "csrf", "/shop", Html.text("sending"), SafeHtml.EMPTY, true,
                new ChallengePage.Ways(true, false, false), true, 6, null, true, 30);
        ChallengeView sent = new ChallengeView(ENGLISH, "csrf", "/shop", Html.text("sent"), SafeHtml.EMPTY, false,
                new ChallengePage.Ways(true, false, false), true, 6, null, true, 30);

        assertAll(
                () -> assertEquals("", pending.getCheckAgainHidden()),
                () -> assertEquals("/shop/email2fa/challenge", pending.getCheckAgainHref()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.checkAgain")), pending.getCheckAgain()),
                () -> assertEquals("hidden", sent.getCheckAgainHidden()));
    }

    private static FakeRequest get(FakeSession session) {
        return route("GET", Routes.CHALLENGE).session(session);
    }

    /**
     * Enters well-formed codes that can never match, in another flow of the user that has none,
     * until the account locks (threshold 2). Malformed input would not count.
     */
    private void lockOut(SignInFlow flow) {
        Attempt attempt = new Attempt(flow.id() + "-other", USER, USER, Locale.ENGLISH, "192.0.2.10", null);
        web.module.signIn().verify(attempt, "000000");
        web.module.signIn().verify(attempt, "000000");
        assertTrue(web.module.signIn().lockOf(USER).locked(), "the account is locked");
    }
}
