package io.github.email2fa.web;

import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.signin.AccountService;
import io.github.email2fa.signin.SendResult;
import io.github.email2fa.signin.SignInService;
import io.github.email2fa.signin.VerifyOutcome;
import io.github.email2fa.text.TimeFormat;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The challenge page's form actions: an emailed code, a code from an authenticator app, a backup
 * code, and "send a new code".
 * Each runs in the session's flow; the services apply the limits and raise the events, and
 * this only shows the outcome.
 */
final class CodeActions {

    private static final int TOO_MANY_REQUESTS = 429;

    private final SignInService signIn;
    private final AccountService accounts;
    private final ChallengePage page;
    private final SignInCompletion completion;
    private final EmailLookup emails;
    private final Actors actors;
    private final StepUpRule stepUp;
    private final VerifiedSessions sessions;
    private final Clock clock;

    CodeActions(SignInService signIn, AccountService accounts, ChallengePage page, SignInCompletion completion, EmailLookup emails,
            Actors actors, StepUpRule stepUp, VerifiedSessions sessions, Clock clock) {
        this.signIn = signIn;
        this.accounts = accounts;
        this.page = page;
        this.completion = completion;
        this.emails = emails;
        this.actors = actors;
        this.stepUp = stepUp;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** POST of an emailed code (field {@code code}); refused where a step-up takes no emailed code. */
    void verify(Exchange exchange) throws IOException, ServletException {
        String email = emails.emailOrRefuse(exchange);
        if (email == null) {
            return;
        }
        if (!stepUp.accepts(exchange.flow(), WayIn.EMAIL)) {
            refuseEmailedCode(exchange);
            return;
        }
        VerifyOutcome outcome = signIn.verify(actors.attempt(exchange.request(), exchange.flow(), email),
                exchange.request().getParameter("code"));
        answer(exchange, email, outcome, WayIn.EMAIL);
    }

    /** POST of a code from an authenticator app (field {@code appCode}); refused where only a backup code counts. */
    void app(Exchange exchange) throws IOException, ServletException {
        String email = emails.emailOrRefuse(exchange);
        if (email == null) {
            return;
        }
        if (!stepUp.accepts(exchange.flow(), WayIn.APP)) {
            ProblemPage.show(exchange.request(), exchange.response(), HttpServletResponse.SC_FORBIDDEN,
                    Routes.url(exchange.request(), Routes.CHALLENGE), "problem.backupOnly");
            return;
        }
        VerifyOutcome outcome = signIn.verifyApp(actors.attempt(exchange.request(), exchange.flow(), email),
                exchange.request().getParameter("appCode"), accounts.apps());
        answer(exchange, email, outcome, WayIn.APP);
    }

    /** POST of a backup code (field {@code backupCode}). */
    void backup(Exchange exchange) throws IOException, ServletException {
        String email = emails.emailOrRefuse(exchange);
        if (email == null) {
            return;
        }
        VerifyOutcome outcome = signIn.verifyBackup(actors.attempt(exchange.request(), exchange.flow(), email),
                exchange.request().getParameter("backupCode"), accounts.backupCodes());
        answer(exchange, email, outcome, WayIn.BACKUP);
    }

    /** POST "send a new code": back to the page, or the page with the wait when a limit stands. */
    void resend(Exchange exchange) throws IOException, ServletException {
        String email = emails.emailOrRefuse(exchange);
        if (email == null) {
            return;
        }
        SignInFlow flow = exchange.flow();
        if (!stepUp.accepts(flow, WayIn.EMAIL)) {
            // No emailed code could pass this flow: sending one would only spend the user's quota.
            refuseEmailedCode(exchange);
            return;
        }
        SendResult sent = page.send(exchange.request(), flow, email);
        if (sent.status() == SendResult.Status.QUEUED) {
            if (!flow.codeRequested()) {
                SessionState.saveFlow(exchange.request().getSession(), flow.withCodeRequested());
            }
            Responses.seeOther(exchange.response(), Routes.url(exchange.request(), Routes.CHALLENGE));
            return;
        }
        limited(exchange.response(), sent.retryAfter());
        page.render(exchange.request(), exchange.response(), flow, email, ChallengePage.noticeFor(sent), sent.retryAfter(), null,
                TOO_MANY_REQUESTS);
    }

    /** Shows the outcome of a code that came the way {@code way}. */
    private void answer(Exchange exchange, String email, VerifyOutcome outcome, WayIn way)
            throws ServletException, IOException {
        SignInFlow flow = exchange.flow();
        if (outcome.status() == VerifyOutcome.Status.VERIFIED) {
            completion.complete(exchange.request(), exchange.response(), flow, email, way, outcome.backupCodesLeft());
            return;
        }
        if (outcome.status() != VerifyOutcome.Status.LOCKED && sessions.isVerified(exchange.request(), flow.subject())) {
            // A second sending of the same code, overtaken by the first (which consumed it): the session
            // is signed in, and the challenge route sends it on to the target.
            Responses.seeOther(exchange.response(), Routes.url(exchange.request(), Routes.CHALLENGE));
            return;
        }
        // An emailed code's answer leaves the page as it first shows; an app or backup code's keeps its own form open.
        WayIn answered = way == WayIn.EMAIL ? null : way;
        switch (outcome.status()) {
            case LOCKED -> {
                AccountLock lock = outcome.lock();
                limited(exchange.response(), lock.remaining());
                page.render(exchange.request(), exchange.response(), flow, email, ChallengePage.noticeFor(lock), lock.remaining(),
                        answered, TOO_MANY_REQUESTS);
            }
            case MALFORMED -> show(exchange, email, switch (way) {
                case BACKUP -> ChallengePage.Notice.MALFORMED_BACKUP_CODE;
                case APP -> ChallengePage.Notice.MALFORMED_APP_CODE;
                case EMAIL -> ChallengePage.Notice.MALFORMED_CODE;
            }, null, answered);
            case EXHAUSTED -> show(exchange, email, ChallengePage.Notice.EXHAUSTED, null, answered);
            case REPLACED -> show(exchange, email, ChallengePage.Notice.REPLACED_CODE, null, answered);
            case EXPIRED -> show(exchange, email, ChallengePage.Notice.EXPIRED_CODE, null, answered);
            case VOIDED -> show(exchange, email, ChallengePage.Notice.VOIDED_CODE, null, answered);
            case USED_BEFORE -> show(exchange, email, ChallengePage.Notice.USED_BACKUP_CODE,
                    Duration.between(outcome.usedBefore(), clock.instant()), answered);
            case ALREADY_USED -> show(exchange, email, ChallengePage.Notice.APP_CODE_USED, null, answered);
            case APP_UNAVAILABLE -> show(exchange, email, ChallengePage.Notice.APP_UNAVAILABLE, null, null);
            case REJECTED, VERIFIED -> show(exchange, email, ChallengePage.Notice.INVALID_CODE, null, answered);
        }
    }

    /** The challenge page with a notice; {@code answered} keeps that way's form open with its field focused. */
    private void show(Exchange exchange, String email, ChallengePage.Notice notice, Duration span, WayIn answered)
            throws ServletException, IOException {
        page.render(exchange.request(), exchange.response(), exchange.flow(), email, notice, span, answered, HttpServletResponse.SC_OK);
    }

    /** 403 for an emailed code, or a request for one, in a step-up that takes app or backup codes only. */
    private void refuseEmailedCode(Exchange exchange) throws IOException, ServletException {
        ProblemPage.show(exchange.request(), exchange.response(), HttpServletResponse.SC_FORBIDDEN,
                Routes.url(exchange.request(), Routes.CHALLENGE),
                stepUp.acceptsBackupCodeOnly(exchange.flow()) ? "problem.backupOnly" : "problem.appOrBackupOnly");
    }

    /** Tells clients how long to wait; a lock that only support can lift gets no {@code Retry-After}. */
    private static void limited(HttpServletResponse response, Duration wait) {
        if (wait != null) {
            response.setHeader("Retry-After", String.valueOf(TimeFormat.wholeSeconds(wait)));
        }
    }
}
