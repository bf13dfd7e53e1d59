package io.github.email2fa.web;

import io.github.email2fa.backup.BackupCodes;
import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.signin.SendResult;
import io.github.email2fa.signin.AccountService;
import io.github.email2fa.signin.SignInService;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.SafeHtml;
import io.github.email2fa.text.TimeFormat;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The challenge page: its GET, which sends a flow's first code (never a later one), and its
 * rendering with the delivery status and a notice, for the form actions too.
 */
final class ChallengePage {

    /**
     * What the page says above the form, besides the delivery status. {@code MALFORMED_CODE} and
     * {@code MALFORMED_BACKUP_CODE} answer input that cannot be a code: they say what one looks like.
     * {@code REPLACED_CODE}, {@code EXPIRED_CODE}, {@code VOIDED_CODE} and {@code USED_BACKUP_CODE}
     * say why a code the user still holds stopped working.
     */
    enum Notice {
        NONE, INVALID_CODE, MALFORMED_CODE, MALFORMED_BACKUP_CODE, MALFORMED_APP_CODE, EXHAUSTED, REPLACED_CODE, EXPIRED_CODE,
        VOIDED_CODE, USED_BACKUP_CODE, APP_CODE_USED, APP_UNAVAILABLE, COOLDOWN, RATE_LIMITED, LOCKED, LOCKED_UNTIL_SUPPORT,
        BACKUP_ONLY, APP_OR_BACKUP_ONLY, APP_NEEDED, PASSKEY_ONLY, PASSKEY_NEEDED, STRONG_ONLY, STRONG_NEEDED, PASSKEY_REFUSED,
        PASSKEY_EXPIRED, PASSKEY_UNAVAILABLE
    }

    /**
     * The ways the page offers a flow: an emailed code unless the step-up refuses email, the app
     * and passkeys if the user has them and the flow takes them, and backup codes always.
     *
     * @param passkey whether a passkey is offered: the user has one, the flow takes it and this address can use it
     * @param strongFirst whether a passkey or the app is offered first: then no code is emailed until the user asks for one
     */
    record Ways(boolean email, boolean app, boolean passkey, boolean strongFirst) {

        /** Ways without a passkey. */
        Ways(boolean email, boolean app, boolean appFirst) {
            this(email, app, false, appFirst);
        }
    }

    private final ChallengeService challenges;
    private final SignInService signIn;
    private final AccountService accounts;
    private final FlowStarter flows;
    private final Actors actors;
    private final EmailLookup emails;
    private final StepUpRule stepUp;
    private final VerifiedSessions sessions;
    private final PasskeyCeremonies passkeys;
    private final String page;
    private final int rememberDays;
    private final Clock clock;

    /**
     * @param page the JSP ({@code email2fa.page.challenge})
     * @param rememberDays {@code email2fa.rememberDevice.days}; 0 offers no "remember this device"
     */
    ChallengePage(ChallengeService challenges, SignInService signIn, AccountService accounts, FlowStarter flows, Actors actors,
            EmailLookup emails, StepUpRule stepUp, VerifiedSessions sessions, PasskeyCeremonies passkeys, String page, int rememberDays,
            Clock clock) {
        this.challenges = challenges;
        this.signIn = signIn;
        this.accounts = accounts;
        this.flows = flows;
        this.actors = actors;
        this.emails = emails;
        this.stepUp = stepUp;
        this.sessions = sessions;
        this.passkeys = passkeys;
        this.page = page;
        this.rememberDays = rememberDays;
        this.clock = clock;
    }

    /** GET: shows the flow's page; the first view sends its code, later views never send mail. */
    void show(Exchange exchange) throws IOException, ServletException {
        HttpServletRequest request = exchange.request();
        String subject = exchange.subject();
        SignInFlow flow = SessionState.flow(request.getSession(), subject);
        if (flow == null) {
            if (sessions.isVerified(request, subject)) {
                Responses.seeOther(exchange.response(), SafeTarget.completed(request));
                return;
            }
            flow = flows.begin(request, subject, SignInFlow.Purpose.SIGN_IN, SafeTarget.root(request));
        }
        String email = emails.emailOrRefuse(exchange);
        if (email == null) {
            return;
        }
        Notice notice = Notice.NONE;
        Duration wait = null;
        Ways ways = ways(request, flow);
        if (!ways.email()) {
            notice = emailRefused(flow, ways);
        } else if (!flow.codeRequested() && !ways.strongFirst()) {
            SendResult sent = send(request, flow, email);
            if (sent.status() == SendResult.Status.QUEUED) {
                flow = flow.withCodeRequested();
                SessionState.saveFlow(request.getSession(), flow);
            } else {
                notice = noticeFor(sent);
                wait = sent.retryAfter();
            }
        } else {
            AccountLock lock = signIn.lockOf(subject);
            if (lock.locked()) {
                notice = noticeFor(lock);
                wait = lock.remaining();
            }
        }
        render(request, exchange.response(), flow, ways, email, notice, wait, null, HttpServletResponse.SC_OK);
    }

    /** What the page says when the flow takes no emailed code: which factor it needs, and whether the user has it. */
    private Notice emailRefused(SignInFlow flow, Ways ways) {
        boolean holds = ways.passkey() || ways.app();
        return switch (stepUp.insteadOfEmail(flow)) {
            case BACKUP_CODE -> Notice.BACKUP_ONLY;
            case PASSKEY -> ways.passkey() ? Notice.PASSKEY_ONLY : Notice.PASSKEY_NEEDED;
            case STRONG -> holds ? Notice.STRONG_ONLY : Notice.STRONG_NEEDED;
            case APP, EMAIL -> holds ? Notice.APP_OR_BACKUP_ONLY : Notice.APP_NEEDED;
        };
    }

    /** The ways this flow is offered on this request's address; see {@link Ways}. */
    Ways ways(HttpServletRequest request, SignInFlow flow) {
        String subject = flow.subject();
        boolean hasApp = stepUp.accepts(flow, WayIn.APP) && accounts.apps().canCheck(subject);
        boolean hasPasskey = stepUp.accepts(flow, WayIn.PASSKEY) && accounts.passkeys().hasPasskey(subject)
                && passkeys.verifier(request).isPresent();
        boolean email = stepUp.accepts(flow, WayIn.EMAIL);
        return new Ways(email, hasApp, hasPasskey, (hasApp || hasPasskey) && !"email".equals(accounts.preferredFactor(subject)));
    }

    /** Issues a code and queues its email, behind the lock, cooldown and quotas. */
    SendResult send(HttpServletRequest request, SignInFlow flow, String email) {
        return signIn.send(actors.attempt(request, flow, email));
    }

    /**
     * Renders the challenge page for this flow.
     *
     * @param span the time the notice names: the wait for {@code COOLDOWN}, {@code RATE_LIMITED} and
     *        {@code LOCKED}; how long ago the code was spent for {@code USED_BACKUP_CODE}; else {@code null}
     * @param answered the way the page answers (an app or backup code), whose form then stays open with
     *        the field focused; {@code null} for none
     */
    void render(HttpServletRequest request, HttpServletResponse response, SignInFlow flow, String email, Notice notice,
            Duration span, WayIn answered, int status) throws ServletException, IOException {
        render(request, response, flow, ways(request, flow), email, notice, span, answered, status);
    }

    /** Renders the page with the ways already worked out for this request (each costs store reads and opening the app's secret). */
    private void render(HttpServletRequest request, HttpServletResponse response, SignInFlow flow, Ways ways, String email,
            Notice notice, Duration span, WayIn answered, int status) throws ServletException, IOException {
        Messages messages = Messages.forLocale(request.getLocale());
        Challenge challenge = challenges.find(flow.id()).orElse(null);
        boolean pending = challenge != null && challenge.delivery() == Challenge.Delivery.PENDING;
        SafeHtml delivery = ways.email() && (flow.codeRequested() || !ways.strongFirst()) ? status(messages, flow, challenge, email)
                : messages.html(ways.passkey() ? "challenge.passkeyFirst" : ways.app() ? "challenge.appFirst" : "challenge.emailNotAccepted",
                        Html.isolated(EmailMask.mask(email)));
        if (RememberedDeviceCheck.wasForgotten(request.getSession(false))) {
            delivery = messages.html("challenge.deviceNotRemembered", delivery);
        }
        ChallengeView view = new ChallengeView(messages, Csrf.token(request.getSession()), request.getContextPath(),
                delivery, error(messages, notice, span, request), pending, ways, flow.codeRequested(), accounts.apps().digits(),
                answered, rememberDays > 0 && flow.purpose() == SignInFlow.Purpose.SIGN_IN, rememberDays);
        PageRenderer.render(request, response, page, view, status);
    }

    /** The notice for a send that did not happen. */
    static Notice noticeFor(SendResult result) {
        return switch (result.status()) {
            case QUEUED -> Notice.NONE;
            case COOLDOWN -> Notice.COOLDOWN;
            case RATE_LIMITED -> Notice.RATE_LIMITED;
            case LOCKED -> noticeFor(result.lock());
        };
    }

    /** The notice for a locked account: with a time, or "ask support". */
    static Notice noticeFor(AccountLock lock) {
        return lock.untilSupport() ? Notice.LOCKED_UNTIL_SUPPORT : Notice.LOCKED;
    }

    /** Where the code went and when, or why there is none to enter. */
    private SafeHtml status(Messages messages, SignInFlow flow, Challenge challenge, String email) {
        SafeHtml address = Html.isolated(EmailMask.mask(email));
        if (challenge == null) {
            // A flow that sent a code and has none left: it expired, or the store let it go.
            return messages.html(flow.codeRequested() ? "challenge.expired" : "challenge.none", address);
        }
        if (challenge.state() == Challenge.State.EXHAUSTED) {
            return messages.html("challenge.exhausted");
        }
        if (challenge.state() == Challenge.State.VOIDED) {
            return messages.html("challenge.voided");
        }
        return switch (challenge.delivery()) {
            case PENDING -> messages.html("challenge.sending", address);
            case FAILED -> messages.html("challenge.sendFailed");
            case SENT -> messages.html(challenge.replacedAnother() ? "challenge.resent" : "challenge.sent", address,
                    ago(challenge.sentAt(), messages));
        };
    }

    private SafeHtml error(Messages messages, Notice notice, Duration span, HttpServletRequest request) {
        return switch (notice) {
            case NONE -> SafeHtml.EMPTY;
            case INVALID_CODE -> messages.html("challenge.invalid");
            case MALFORMED_CODE -> messages.html("challenge.malformed", challenges.codeLength());
            case MALFORMED_BACKUP_CODE -> messages.html("challenge.backupMalformed", BackupCodes.LENGTH);
            case MALFORMED_APP_CODE -> messages.html("challenge.appMalformed", accounts.apps().digits());
            case APP_CODE_USED -> messages.html("challenge.appCodeUsed");
            case APP_UNAVAILABLE -> messages.html("challenge.appUnavailable");
            case EXHAUSTED -> messages.html("challenge.exhausted");
            case REPLACED_CODE -> messages.html("challenge.replaced");
            case EXPIRED_CODE -> messages.html("challenge.codeExpired");
            case VOIDED_CODE -> messages.html("challenge.voided");
            case USED_BACKUP_CODE -> messages.html("challenge.backupUsedBefore",
                    ago(clock.instant().minus(span == null ? Duration.ZERO : span), messages));
            case COOLDOWN -> messages.html("challenge.wait", TimeFormat.wholeSeconds(span));
            case RATE_LIMITED -> messages.html("challenge.rateLimited", in(span, messages));
            case LOCKED -> messages.html("challenge.locked", in(span, messages));
            case LOCKED_UNTIL_SUPPORT -> messages.html("challenge.lockedUntilSupport");
            case BACKUP_ONLY -> messages.html("challenge.backupOnly");
            case APP_OR_BACKUP_ONLY -> messages.html("challenge.appOrBackupOnly");
            case APP_NEEDED -> messages.html("challenge.appNeeded", Html.link(Routes.url(request, Routes.SETTINGS),
                    messages.get("challenge.appNeededLink")));
            case PASSKEY_ONLY -> messages.html("challenge.passkeyOnly");
            case PASSKEY_NEEDED -> messages.html("challenge.passkeyNeeded", Html.link(Routes.url(request, Routes.SETTINGS),
                    messages.get("challenge.appNeededLink")));
            case STRONG_ONLY -> messages.html("challenge.strongOnly");
            case STRONG_NEEDED -> messages.html("challenge.strongNeeded", Html.link(Routes.url(request, Routes.SETTINGS),
                    messages.get("challenge.appNeededLink")));
            case PASSKEY_REFUSED -> messages.html("challenge.passkeyRefused");
            case PASSKEY_EXPIRED -> messages.html("challenge.passkeyExpired");
            case PASSKEY_UNAVAILABLE -> messages.html("challenge.passkeyUnavailable");
        };
    }

    /** "2 minutes ago", with the exact instant in UTC in its {@code <time>} element. */
    private SafeHtml ago(Instant at, Messages messages) {
        return Html.time(at, TimeFormat.ago(at, clock.instant(), messages.locale()));
    }

    /** "15 minutes from now", rounded up, with the instant it ends in its {@code <time>} element. */
    private SafeHtml in(Duration wait, Messages messages) {
        Instant now = clock.instant();
        Duration span = wait == null ? Duration.ZERO : wait;
        // The end as Retry-After gives it, in whole seconds rounded up.
        return Html.time(now.plusSeconds(TimeFormat.wholeSeconds(span)), TimeFormat.in(span, now, messages.locale()));
    }
}
