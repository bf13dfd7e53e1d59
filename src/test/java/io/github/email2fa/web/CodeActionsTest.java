package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.STEP_UP_MAX_AGE;
import static io.github.email2fa.web.WebModule.T0;
import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.flowOf;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.web.SignInFlow.Purpose;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * POST {@code /email2fa/verify} and {@code /email2fa/resend}: an emailed code signs the session
 * in (or opens a critical path), a wrong one shows the page again, and the limits answer 429 with
 * the wait. Backup codes are covered by {@link BackupCodeActionsTest}.
 */
class CodeActionsTest {

    private static final Messages ENGLISH = Messages.forLocale(Locale.ENGLISH);

    private WebModule web = WebModule.start();

    @AfterEach
    void stop() {
        web.close();
    }

    // ---- verify ----

    @Test
    void verifyWhenCodeRightThen303ToSavedPageInRenewedVerifiedSession() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String code = web.issueCode(session);
        String idBefore = session.getId();
        String csrfBefore = Csrf.token(session);

        FakeResponse response = web.serve(form(Routes.VERIFY, session).param("code", code));

        assertAll(
                () -> assertEquals(303, response.getStatus()),
                () -> assertEquals("/account", response.getHeader("Location")),
                () -> assertNotEquals(idBefore, session.getId(), "a new session id after the second factor"),
                () -> assertNotEquals(csrfBefore, Csrf.token(session), "a new form token in the renewed session"),
                () -> WebModule.assertVerifiedMark(USER, web.clock.millis(), 0L, session.getAttribute(SessionState.VERIFIED)),
                () -> assertNull(flowOf(session), "the flow is over"));
    }

    @Test
    void verifyWhenCodeRightThenFilterLetsTheSessionThrough() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        web.serve(form(Routes.VERIFY, session).param("code", web.issueCode(session)));

        assertTrue(web.throughFilter(browserGet("/account", session)).passed());
    }

    @Test
    void verifyWhenCodeTypedWithSpacesAndDashesThenAccepted() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String code = web.issueCode(session);

        FakeResponse response = web.serve(form(Routes.VERIFY, session).param("code", " " + code.substring(0, 3) + "- " + code.substring(3)));

        assertEquals(303, response.getStatus());
    }

    @ParameterizedTest(name = "remember={0}, {1} flow, https={2} -> cookie {3}")
    @CsvSource(nullValues = "null", value = {
            "1,    SIGN_IN, true,  __Host-email2fa-device",
            "1,    SIGN_IN, false, email2fa-device",
            "null, SIGN_IN, true,  null",
            "0,    SIGN_IN, true,  null",
            "on,   SIGN_IN, true,  null",
            "1,    STEP_UP, true,  null",
            "1,    CONFIRM, true,  null"})
    void verifyWhenCodeRightThenDeviceRememberedOnlyWhenAskedAtSignIn(String remember, Purpose purpose, boolean https,
            String cookieName) throws Exception {
        web.close();
        web = WebModule.start("email2fa.requireHttps", String.valueOf(https));
        FakeSession session = signedIn();
        SessionState.saveFlow(session, new SignInFlow("flow-1", USER, "/account", false, purpose));
        FakeRequest request = form(Routes.VERIFY, session).param("code", web.issueCode(session)).secure(https)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        if (remember != null) {
            request.param("remember", remember);
        }

        FakeResponse response = web.serve(request);

        assertEquals(303, response.getStatus());
        if (cookieName == null) {
            assertEquals(List.of(), response.cookies());
            assertEquals(List.of(), web.module.accounts().devicesOf(USER));
            return;
        }
        Cookie cookie = response.cookie(cookieName).orElseThrow();
        assertAll(
                () -> assertEquals(Duration.ofDays(30).toSeconds(), cookie.getMaxAge()),
                () -> assertEquals(https, cookie.getSecure()),
                () -> assertTrue(web.module.devices().recognize(USER, cookie.getValue()).isPresent(), "the cookie's token works"),
                () -> assertEquals("Firefox on Linux", web.module.accounts().devicesOf(USER).get(0).userAgentSummary()));
    }

    @Test
    void verifyWhenStepUpCodeRightThen303ToCriticalPageWithFreshMark() throws Exception {
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(STEP_UP_MAX_AGE.plusMinutes(1));
        SignInFlow flow = web.startFlow(session, "/account/delete");

        FakeResponse response = web.serve(form(Routes.VERIFY, session).param("code", web.issueCode(session)));

        assertAll(
                () -> assertEquals(Purpose.STEP_UP, flow.purpose()),
                () -> assertEquals("/account/delete", response.getHeader("Location")),
                () -> assertEquals(web.clock.millis(), ((VerifiedMark) session.getAttribute(SessionState.VERIFIED)).verifiedAtMillis()),
                () -> assertTrue(web.throughFilter(browserGet("/account/delete", session)).passed()));
    }

    @Test
    void verifyWhenCodeNotTheOneSentThenPageAgainWithInvalidNotice() throws Exception {
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        String code = web.issueCode(session);
        FakeRequest request = form(Routes.VERIFY, session).param("code", otherThan(code));

        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals(invalid(), request.model(ChallengeView.class).getError()),
                () -> assertEquals("autofocus", request.model(ChallengeView.class).getCodeAutofocus(), "back in the field typed in"),
                () -> assertEquals("", request.model(ChallengeView.class).getBackupOpen()),
                () -> assertEquals(flow.id(), flowOf(session).id(), "the flow goes on"),
                () -> assertNull(session.getAttribute(SessionState.VERIFIED)),
                () -> assertEquals(1, web.module.support().status(USER).failuresInWindow(), "a wrong code is counted"));
    }

    @ParameterizedTest(name = "code \"{0}\"")
    @CsvSource(nullValues = "null", value = {"12345", "1234567", "12a456", "123.456", "''", "null", "١٢٣٤٥"})
    void verifyWhenInputCannotBeACodeThenPageAgainSayingWhatACodeIsAndNothingCounted(String typed) throws Exception {
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        String code = web.issueCode(session);
        FakeRequest request = form(Routes.VERIFY, session);
        if (typed != null) {
            request.param("code", typed);
        }

        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.malformed", 6)), request.model(ChallengeView.class).getError()),
                () -> assertEquals("Enter the 6 digits from the email.", ENGLISH.get("challenge.malformed", 6)),
                () -> assertEquals(flow.id(), flowOf(session).id(), "the flow goes on"),
                () -> assertNull(session.getAttribute(SessionState.VERIFIED)),
                () -> assertEquals(0, web.module.support().status(USER).failuresInWindow(), "not counted against the account"),
                () -> assertEquals(0, web.module.challenges().find(flow.id()).orElseThrow().failures(), "no attempt used"));

        web.serve(form(Routes.VERIFY, session).param("code", code));

        assertNotNull(session.getAttribute(SessionState.VERIFIED), "the code still works");
    }

    @Test
    void verifyWhenRightCodeTypedInArabicIndicDigitsThenVerified() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        StringBuilder arabic = new StringBuilder();
        web.issueCode(session).chars().forEach(c -> arabic.append((char) ('\u0660' + c - '0')));

        web.serve(form(Routes.VERIFY, session).param("code", arabic.toString()));

        assertNotNull(session.getAttribute(SessionState.VERIFIED));
    }

    @Test
    void verifyWhenMalformedInputOnExhaustedCodeThenExhaustedNotice() throws Exception {
        web.close();
        web = WebModule.start("email2fa.code.maxAttempts", "1");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        web.serve(form(Routes.VERIFY, session).param("code", otherThan(web.issueCode(session))));

        FakeRequest request = form(Routes.VERIFY, session).param("code", "12345");
        web.serve(request);

        assertEquals(Html.escape(ENGLISH.get("challenge.exhausted")), request.model(ChallengeView.class).getError());
        assertEquals(Html.escape(ENGLISH.get("challenge.exhausted")), request.model(ChallengeView.class).getStatus());
    }

    @Test
    void verifyWhenMalformedInputOnLockedAccountThenLockedNotice() throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "1");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        web.serve(form(Routes.VERIFY, session).param("code", otherThan(web.issueCode(session))));

        FakeRequest request = form(Routes.VERIFY, session).param("code", "12345");
        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(429, response.getStatus()),
                () -> assertTrue(web.module.signIn().lockOf(USER).locked()),
                () -> assertNotEquals(Html.escape(ENGLISH.get("challenge.malformed", 6)), request.model(ChallengeView.class).getError()),
                () -> assertTrue(request.model(ChallengeView.class).getError().startsWith("Too many wrong codes were entered"),
                        request.model(ChallengeView.class).getError()));
    }

    @Test
    void verifyWhenWrongCodesReachMaxAttemptsThenExhaustedNotice() throws Exception {
        web.close();
        web = WebModule.start("email2fa.code.maxAttempts", "3");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String wrong = otherThan(web.issueCode(session));
        List<String> notices = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            FakeRequest request = form(Routes.VERIFY, session).param("code", wrong);
            web.serve(request);
            notices.add(request.model(ChallengeView.class).getError());
        }

        assertEquals(List.of(invalid(), invalid(), Html.escape(ENGLISH.get("challenge.exhausted"))), notices);
    }

    @Test
    void verifyWhenChallengeExhaustedThenEvenTheRightCodeIsRefused() throws Exception {
        web.close();
        web = WebModule.start("email2fa.code.maxAttempts", "1");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String code = web.issueCode(session);
        web.serve(form(Routes.VERIFY, session).param("code", otherThan(code)));

        FakeRequest request = form(Routes.VERIFY, session).param("code", code);
        FakeResponse response = web.serve(request);

        // A dead code says why it stopped working, whatever is typed.
        ChallengeView view = request.model(ChallengeView.class);
        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.exhausted")), view.getError()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.exhausted")), view.getStatus()),
                () -> assertNull(session.getAttribute(SessionState.VERIFIED)));
    }

    @Test
    void verifyWhenFailureLocksAccountThen429WithRetryAfter() throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "2", "email2fa.lockout.durations", "1m");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String wrong = otherThan(web.issueCode(session));
        web.serve(form(Routes.VERIFY, session).param("code", wrong));

        FakeRequest request = form(Routes.VERIFY, session).param("code", wrong);
        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(429, response.getStatus()),
                () -> assertEquals("60", response.getHeader("Retry-After")),
                () -> assertEquals(429, request.forwards().get(0).status()),
                // Locked for a minute: said relative to now, with the moment it ends in UTC.
                () -> assertEquals(ENGLISH.html("challenge.locked", Html.time(T0.plusSeconds(60), "1 minute from now")).toString(),
                        request.model(ChallengeView.class).getError()));
    }

    @Test
    void verifyWhenAccountLockedThenRightCodeRefusedToo() throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "1");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String code = web.issueCode(session);
        web.serve(form(Routes.VERIFY, session).param("code", otherThan(code)));

        FakeResponse response = web.serve(form(Routes.VERIFY, session).param("code", code));

        assertEquals(429, response.getStatus());
        assertNull(session.getAttribute(SessionState.VERIFIED));
    }

    @Test
    void verifyWhenLockedUntilSupportThen429WithoutRetryAfter() throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "1", "email2fa.lockout.hardLimit", "1");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");

        FakeRequest request = form(Routes.VERIFY, session).param("code", otherThan(web.issueCode(session)));
        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(429, response.getStatus()),
                () -> assertNull(response.getHeader("Retry-After"), "no wait ends this lock"),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.lockedUntilSupport")),
                        request.model(ChallengeView.class).getError()));
    }

    @Test
    void verifyWhenStepUpAcceptsBackupCodesOnlyThen403() throws Exception {
        web.close();
        web = WebModule.start("email2fa.stepUp.factor", "backup-code");
        FakeSession session = signedIn();
        SessionState.saveFlow(session, new SignInFlow("flow-1", USER, "/account/delete", false, Purpose.STEP_UP));

        FakeRequest request = form(Routes.VERIFY, session).param("code", web.issueCode(session));
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "problem.backupOnly");
        assertNull(session.getAttribute(SessionState.VERIFIED));
    }

    @Test
    void verifyWhenUserHasNoAddressThen403() throws Exception {
        FakeSession session = signedIn("bob");
        SessionState.saveFlow(session, new SignInFlow("flow-1", "bob", "/account", false, Purpose.SIGN_IN));

        FakeRequest request = form(Routes.VERIFY, session).param("code", "123456");
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "challenge.noEmail");
    }

    // ---- resend ----

    @Test
    void resendWhenNoCodeYetThen303ToChallengeAndCodeIssued() throws Exception {
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");

        FakeResponse response = web.serve(form(Routes.RESEND, session));

        assertAll(
                () -> assertEquals(303, response.getStatus()),
                () -> assertEquals("/email2fa/challenge", response.getHeader("Location")),
                () -> assertTrue(flowOf(session).codeRequested()),
                () -> assertTrue(web.module.challenges().find(flow.id()).isPresent()));
    }

    @Test
    void resendWhenCooldownAllowsThenNewChallengeReplacesTheOld() throws Exception {
        web.close();
        web = WebModule.start("email2fa.resend.cooldown", "0s");
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        web.serve(route("GET", Routes.CHALLENGE).session(session));
        long first = web.module.challenges().find(flow.id()).orElseThrow().id();

        FakeResponse response = web.serve(form(Routes.RESEND, session));

        assertEquals(303, response.getStatus());
        assertNotEquals(first, web.module.challenges().find(flow.id()).orElseThrow().id());
    }

    @Test
    void resendWhenCooldownRunsThen429WithRetryAfterAndWait() throws Exception {
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        web.serve(route("GET", Routes.CHALLENGE).session(session));
        long first = web.module.challenges().find(flow.id()).orElseThrow().id();

        FakeRequest request = form(Routes.RESEND, session);
        FakeResponse response = web.serve(request);

        String seconds = response.getHeader("Retry-After");
        assertAll(
                () -> assertEquals(429, response.getStatus()),
                () -> assertTrue(seconds.equals("30") || seconds.equals("29"), "Retry-After " + seconds),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.wait", Long.parseLong(seconds))),
                        request.model(ChallengeView.class).getError()),
                () -> assertEquals(first, web.module.challenges().find(flow.id()).orElseThrow().id(), "no new code"));
    }

    @Test
    void resendWhenAccountSendQuotaUsedThen429RateLimited() throws Exception {
        web.close();
        web = WebModule.start("email2fa.resend.cooldown", "0s", "email2fa.send.perAccount", "1");
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        web.serve(route("GET", Routes.CHALLENGE).session(session));

        FakeRequest request = form(Routes.RESEND, session);
        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(429, response.getStatus()),
                () -> assertNotNull(response.getHeader("Retry-After")),
                () -> assertTrue(request.model(ChallengeView.class).getError().startsWith("Too many codes were requested."),
                        request.model(ChallengeView.class).getError()));
    }

    @Test
    void resendWhenAccountLockedThen429AndNoCode() throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "1");
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        web.serve(form(Routes.VERIFY, session).param("code", otherThan(web.issueCode(session))));
        long voided = web.module.challenges().find(flow.id()).orElseThrow().id();

        FakeResponse response = web.serve(form(Routes.RESEND, session));

        Challenge after = web.module.challenges().find(flow.id()).orElseThrow();
        assertEquals(429, response.getStatus());
        assertEquals(Challenge.State.VOIDED, after.state(), "voided by the lockout");
        assertEquals(voided, after.id(), "no new code");
    }

    @Test
    void resendWhenStepUpTakesBackupCodesOnlyThenNoEmailedCodeSent() throws Exception {
        web.close();
        web = WebModule.start("email2fa.stepUp.factor", "backup-code");
        FakeSession session = signedIn();
        SignInFlow flow = new SignInFlow("flow-1", USER, "/account/delete", false, Purpose.STEP_UP);
        SessionState.saveFlow(session, flow);

        int status = web.serve(form(Routes.RESEND, session)).getStatus();

        assertEquals(403, status);
        assertTrue(web.module.challenges().find(flow.id()).isEmpty(), "an emailed code was issued that this flow refuses");
    }

    @Test
    void resendWhenUserHasNoAddressThen403() throws Exception {
        FakeSession session = signedIn("bob");
        SessionState.saveFlow(session, new SignInFlow("flow-1", "bob", "/account", false, Purpose.SIGN_IN));

        assertEquals(403, web.serve(form(Routes.RESEND, session)).getStatus());
    }

    private static String invalid() {
        return Html.escape(ENGLISH.get("challenge.invalid"));
    }

    /** A well-formed code that is not {@code code}: its last digit changed. */
    private static String otherThan(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }
}
