package io.github.email2fa.web;

import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.passkey.PasskeyChallenge;
import io.github.email2fa.passkey.PasskeyVerifier;
import io.github.email2fa.signin.AccountService;
import io.github.email2fa.signin.SendResult;
import io.github.email2fa.signin.SignInService;
import io.github.email2fa.signin.VerifyOutcome;
import io.github.email2fa.text.TimeFormat;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The challenge page's form actions: an emailed code, a code from an authenticator app, a passkey
 * (and the options for its dialogue), a backup code, and "send a new code".
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
    private final PasskeyCeremonies passkeys;
    private final Clock clock;

    CodeActions(SignInService signIn, AccountService accounts, ChallengePage page, SignInCompletion completion, EmailLookup emails,
            Actors actors, StepUpRule stepUp, VerifiedSessions sessions, PasskeyCeremonies passkeys, Clock clock) {
        this.signIn = signIn;
        this.accounts = accounts;
        this.page = page;
        this.completion = completion;
        this.emails = emails;
        this.actors = actors;
        this.stepUp = stepUp;
        this.sessions = sessions;
        this.passkeys = passkeys;
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
                    Routes.url(exchange.request(), Routes.CHALLENGE), emailRefusedKey(exchange.flow()));
            return;
        }
        VerifyOutcome outcome = signIn.verifyApp(actors.attempt(exchange.request(), exchange.flow(), email),
                exchange.request().getParameter("appCode"), accounts.apps());
        answer(exchange, email, outcome, WayIn.APP);
    }

    /**
     * POST for the options of the browser's passkey dialogue: JSON for
     * {@code navigator.credentials.get()}, with a new challenge kept in the session. Answers a
     * short plain text with 403 where the flow takes no passkey, 409 where the user has none that
     * works here, and 429 while the account is locked.
     */
    void passkeyOptions(Exchange exchange) throws IOException {
        HttpServletResponse response = exchange.response();
        if (!stepUp.accepts(exchange.flow(), WayIn.PASSKEY)) {
            Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, "This step does not take a passkey.");
            return;
        }
        AccountLock lock = signIn.lockOf(exchange.subject());
        if (lock.locked()) {
            limited(response, lock.remaining());
            Responses.plain(response, TOO_MANY_REQUESTS, "Too many failed attempts; try again later.");
            return;
        }
        PasskeyVerifier verifier = passkeys.verifier(exchange.request()).orElse(null);
        if (verifier == null || !accounts.passkeys().hasPasskey(exchange.subject())) {
            Responses.plain(response, HttpServletResponse.SC_CONFLICT, "No passkey of this account can be used on this address.");
            return;
        }
        PasskeyChallenge challenge = passkeys.begin(exchange.request(), PasskeyCeremonies.Kind.SIGN_IN, exchange.subject(), verifier);
        Responses.json(response, HttpServletResponse.SC_OK, accounts.passkeys().requestOptions(verifier, challenge, exchange.subject()));
    }

    /** POST of a passkey's answer (field {@code credential}); refused where the flow takes no passkey. */
    void passkey(Exchange exchange) throws IOException, ServletException {
        String email = emails.emailOrRefuse(exchange);
        if (email == null) {
            return;
        }
        HttpServletRequest request = exchange.request();
        if (!stepUp.accepts(exchange.flow(), WayIn.PASSKEY)) {
            ProblemPage.show(request, exchange.response(), HttpServletResponse.SC_FORBIDDEN, Routes.url(request, Routes.CHALLENGE),
                    "problem.passkeyNotAccepted");
            return;
        }
        // Taken out before anything else, whatever the outcome: an answer is checked at most once.
        PasskeyChallenge challenge = passkeys.take(request, PasskeyCeremonies.Kind.SIGN_IN, exchange.subject());
        PasskeyVerifier verifier = passkeys.verifier(request).orElse(null);
        if (verifier == null) {
            show(exchange, email, ChallengePage.Notice.PASSKEY_UNAVAILABLE, null, null);
            return;
        }
        VerifyOutcome outcome = signIn.verifyPasskey(actors.attempt(request, exchange.flow(), email), verifier,
                request.getParameter("credential"), challenge, accounts.passkeys());
        answer(exchange, email, outcome, WayIn.PASSKEY);
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
                case PASSKEY -> ChallengePage.Notice.PASSKEY_REFUSED;
            }, null, answered);
            case PASSKEY_REFUSED -> show(exchange, email, ChallengePage.Notice.PASSKEY_REFUSED, null, answered);
            case PASSKEY_EXPIRED -> show(exchange, email, ChallengePage.Notice.PASSKEY_EXPIRED, null, answered);
            case PASSKEY_UNAVAILABLE -> show(exchange, email, ChallengePage.Notice.PASSKEY_UNAVAILABLE, null, null);
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

    /** 403 for an emailed code, or a request for one, in a step-up that takes other ways only. */
    private void refuseEmailedCode(Exchange exchange) throws IOException, ServletException {
        ProblemPage.show(exchange.request(), exchange.response(), HttpServletResponse.SC_FORBIDDEN,
                Routes.url(exchange.request(), Routes.CHALLENGE), emailRefusedKey(exchange.flow()));
    }

    /** Which ways the flow takes, when they are not an emailed code. */
    private String emailRefusedKey(SignInFlow flow) {
        return switch (stepUp.insteadOfEmail(flow)) {
            case BACKUP_CODE -> "problem.backupOnly";
            case PASSKEY -> "problem.passkeyOnly";
            case STRONG -> "problem.strongOnly";
            case APP, EMAIL -> "problem.appOrBackupOnly";
        };
    }

    /** Tells clients how long to wait; a lock that only support can lift gets no {@code Retry-After}. */
    private static void limited(HttpServletResponse response, Duration wait) {
        if (wait != null) {
            response.setHeader("Retry-After", String.valueOf(TimeFormat.wholeSeconds(wait)));
        }
    }
}
