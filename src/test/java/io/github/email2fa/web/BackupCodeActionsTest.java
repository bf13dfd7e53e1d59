package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.STEP_UP_MAX_AGE;
import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.flowOf;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.signin.Actor;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.web.SignInFlow.Purpose;
import jakarta.servlet.ServletException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * POST {@code /email2fa/backup}: a backup code signs the session in through a page that says how
 * many are left, and is the only code a step-up takes with {@code email2fa.stepUp.factor=backup-code}.
 *
 * <p>Making backup codes runs the deliberately slow KDF ten times, so the tests share one module
 * and one set of codes, each test spending codes of its own; no test depends on how many another
 * one spent.
 */
class BackupCodeActionsTest {

    private static final Messages ENGLISH = Messages.forLocale(Locale.ENGLISH);

    private static WebModule web;
    private static Deque<String> unused;

    @BeforeAll
    static void start() {
        web = WebModule.start("email2fa.stepUp.factor", "backup-code");
        unused = new ArrayDeque<>(web.module.accounts().regenerateBackupCodes(Actor.application(USER)));
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void backupWhenCodeRightThenMessagePageWithCodesLeftAndLinkToSavedPage() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        int before = web.module.accounts().remainingBackupCodes(USER);

        FakeRequest request = form(Routes.BACKUP, session).param("backupCode", unused.pop());
        FakeResponse response = web.serve(request);

        MessageView view = request.model(MessageView.class);
        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals(Routes.MESSAGE_JSP, request.forwards().get(0).path()),
                () -> assertEquals("no-store", response.getHeader("Cache-Control")),
                () -> assertEquals(Html.escape(ENGLISH.get("backupUsed.title")), view.getTitle()),
                () -> assertEquals(Html.escape(ENGLISH.get("backupUsed.text", before - 1)), view.getText()),
                () -> assertEquals("/account", view.getContinueHref()),
                () -> assertEquals("", view.getAlertRole(), "good news is no alert"),
                () -> assertEquals(ENGLISH.get("backupUsed.continue"), view.getContinueLabel()));
    }

    @Test
    void backupWhenCodeRightThenRenewedSessionVerifiedByBackupCode() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String idBefore = session.getId();

        web.serve(form(Routes.BACKUP, session).param("backupCode", unused.pop()));

        long now = web.clock.millis();
        assertAll(
                () -> WebModule.assertVerifiedMark(USER, now, now, session.getAttribute(SessionState.VERIFIED)),
                () -> assertNotEquals(idBefore, session.getId()),
                () -> assertNull(flowOf(session)));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource({"nope", "k7m2q-9xw4", "k7m2q_9xw4t", "u7m2q-9xw4t"})
    void backupWhenInputCannotBeABackupCodeThenPageAgainSayingWhatOneIsAndNothingCounted(String typed) throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        int failuresBefore = web.module.support().status(USER).failuresInWindow();

        FakeRequest request = form(Routes.BACKUP, session).param("backupCode", typed);
        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.backupMalformed", 10)), request.model(ChallengeView.class).getError()),
                () -> assertEquals("open", request.model(ChallengeView.class).getBackupOpen(), "the form typed in stays open"),
                () -> assertEquals("autofocus", request.model(ChallengeView.class).getBackupAutofocus()),
                () -> assertEquals(failuresBefore, web.module.support().status(USER).failuresInWindow(), "not counted against the account"),
                () -> assertNull(session.getAttribute(SessionState.VERIFIED)));
    }

    @Test
    void backupWhenCodeTypedInFullWidthThenAccepted() throws Exception {
        String code = unused.pop();
        StringBuilder fullWidth = new StringBuilder();
        code.chars().forEach(c -> fullWidth.append(c == '-' ? '\uff0d' : (char) (c + 0xfee0)));
        FakeSession session = signedIn();
        web.startFlow(session, "/account");

        web.serve(form(Routes.BACKUP, session).param("backupCode", fullWidth.toString()));

        assertNotNull(session.getAttribute(SessionState.VERIFIED));
    }

    @Test
    void backupWhenCodeNotOnTheListThenPageAgainWithInvalidNotice() throws Exception {
        String typed = new StringBuilder(unused.peek()).reverse().toString();
        FakeSession session = signedIn();
        web.startFlow(session, "/account");

        FakeRequest request = form(Routes.BACKUP, session).param("backupCode", typed);
        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.invalid")), request.model(ChallengeView.class).getError()),
                () -> assertEquals("open", request.model(ChallengeView.class).getBackupOpen(), "the form typed in stays open"),
                () -> assertEquals("autofocus", request.model(ChallengeView.class).getBackupAutofocus()),
                () -> assertEquals("", request.model(ChallengeView.class).getCodeAutofocus()),
                () -> assertNull(session.getAttribute(SessionState.VERIFIED)));
    }

    @Test
    void backupWhenCodeWasUsedBeforeThenPageSaysWhenAndThatEachWorksOnce() throws Exception {
        String typed = spend(unused.pop());
        FakeSession session = signedIn();
        web.startFlow(session, "/account");

        FakeRequest request = form(Routes.BACKUP, session).param("backupCode", typed);
        FakeResponse response = web.serve(request);

        String error = request.model(ChallengeView.class).getError();
        assertAll(
                () -> assertEquals(200, response.getStatus()),
                // The services spent it on their own clock, a moment after this test's page clock: "moments ago".
                () -> assertTrue(error.matches("That backup code was already used <time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\" "
                        + "title=\"[^\"]+ UTC\">moments ago</time>\\. Each backup code works once: enter another one from your list\\."), error),
                () -> assertNull(session.getAttribute(SessionState.VERIFIED)),
                () -> assertEquals("used_backup_code", web.events.get(web.events.size() - 1).reason()));
    }

    @Test
    void backupWhenStepUpTakesBackupCodesOnlyThenCodeOpensCriticalPage() throws Exception {
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(STEP_UP_MAX_AGE.plusSeconds(1));
        SignInFlow flow = web.startFlow(session, "/account/delete");

        FakeRequest request = form(Routes.BACKUP, session).param("backupCode", unused.pop());
        web.serve(request);

        assertAll(
                () -> assertEquals(Purpose.STEP_UP, flow.purpose()),
                () -> assertEquals("/account/delete", request.model(MessageView.class).getContinueHref()),
                () -> assertTrue(web.throughFilter(browserGet("/account/delete", session)).passed()));
    }

    @Test
    void backupWhenMessagePageCannotBeShownThen303ToSavedPageSignedIn() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        FakeRequest request = form(Routes.BACKUP, session).param("backupCode", unused.pop()).forwardsTo((req, res) -> {
            throw new ServletException("message.jsp is missing");
        });

        FakeResponse response = web.serve(request);

        assertEquals(303, response.getStatus());
        assertEquals("/account", response.getHeader("Location"));
        assertTrue(web.isVerified(request, USER));
    }

    /** Signs a session in with {@code code}, so it is used up; returns it. */
    private static String spend(String code) throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        web.serve(form(Routes.BACKUP, session).param("backupCode", code));
        assertTrue(web.isVerified(browserGet("/", session), USER), "the code was accepted once");
        return code;
    }
}
