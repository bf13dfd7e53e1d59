package io.github.email2fa.web;

import io.github.email2fa.backup.BackupCodes;
import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.signin.SendResult;
import io.github.email2fa.signin.SignInService;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.TimeFormat;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The challenge page: its GET, which sends a flow's first code (never a later one), and its
 * rendering with the delivery status and a notice, for the form actions too.
 */
final class ChallengePage {

    /**
     * What the page says above the form, besides the delivery status. {@code MALFORMED_CODE} and
     * {@code MALFORMED_BACKUP_CODE} answer input that cannot be a code: they say what one looks like.
     */
    enum Notice {
        NONE, INVALID_CODE, MALFORMED_CODE, MALFORMED_BACKUP_CODE, EXHAUSTED, COOLDOWN, RATE_LIMITED, LOCKED, LOCKED_UNTIL_SUPPORT,
        BACKUP_ONLY
    }

    private final ChallengeService challenges;
    private final SignInService signIn;
    private final FlowStarter flows;
    private final Actors actors;
    private final EmailLookup emails;
    private final StepUpRule stepUp;
    private final VerifiedSessions sessions;
    private final String page;
    private final int rememberDays;
    private final Clock clock;

    /**
     * @param page the JSP ({@code email2fa.page.challenge})
     * @param rememberDays {@code email2fa.rememberDevice.days}; 0 offers no "remember this device"
     */
    ChallengePage(ChallengeService challenges, SignInService signIn, FlowStarter flows, Actors actors, EmailLookup emails,
            StepUpRule stepUp, VerifiedSessions sessions, String page, int rememberDays, Clock clock) {
        this.challenges = challenges;
        this.signIn = signIn;
        this.flows = flows;
        this.actors = actors;
        this.emails = emails;
        this.stepUp = stepUp;
        this.sessions = sessions;
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
        if (stepUp.acceptsBackupCodeOnly(flow)) {
            notice = Notice.BACKUP_ONLY;
        } else if (!flow.codeRequested()) {
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
        render(request, exchange.response(), flow, email, notice, wait, false, HttpServletResponse.SC_OK);
    }

    /** Issues a code and queues its email, behind the lock, cooldown and quotas. */
    SendResult send(HttpServletRequest request, SignInFlow flow, String email) {
        return signIn.send(actors.attempt(request, flow, email));
    }

    /**
     * Renders the challenge page for this flow.
     *
     * @param backupAnswered whether the page answers a backup code: its form then stays open, with the field focused
     */
    void render(HttpServletRequest request, HttpServletResponse response, SignInFlow flow, String email, Notice notice,
            Duration wait, boolean backupAnswered, int status) throws ServletException, IOException {
        Locale locale = request.getLocale();
        Messages messages = Messages.forLocale(locale);
        Challenge challenge = challenges.find(flow.id()).orElse(null);
        boolean pending = challenge != null && challenge.delivery() == Challenge.Delivery.PENDING;
        ChallengeView view = new ChallengeView(messages, Csrf.token(request.getSession()), request.getContextPath(),
                status(messages, challenge, email, locale), error(messages, notice, wait, locale), pending,
                stepUp.acceptsBackupCodeOnly(flow), backupAnswered, rememberDays > 0 && flow.purpose() == SignInFlow.Purpose.SIGN_IN,
                rememberDays);
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

    private String status(Messages messages, Challenge challenge, String email, Locale locale) {
        String masked = EmailMask.mask(email);
        if (challenge == null) {
            return messages.get("challenge.none", masked);
        }
        if (challenge.state() == Challenge.State.EXHAUSTED) {
            return messages.get("challenge.exhausted");
        }
        return switch (challenge.delivery()) {
            case PENDING -> messages.get("challenge.sending", masked);
            case FAILED -> messages.get("challenge.sendFailed");
            case SENT -> messages.get("challenge.sent", masked, TimeFormat.time(challenge.sentAt(), locale, clock.getZone()));
        };
    }

    private String error(Messages messages, Notice notice, Duration wait, Locale locale) {
        return switch (notice) {
            case NONE -> "";
            case INVALID_CODE -> messages.get("challenge.invalid");
            case MALFORMED_CODE -> messages.get("challenge.malformed", challenges.codeLength());
            case MALFORMED_BACKUP_CODE -> messages.get("challenge.backupMalformed", BackupCodes.LENGTH);
            case EXHAUSTED -> messages.get("challenge.exhausted");
            case COOLDOWN -> messages.get("challenge.wait", TimeFormat.wholeSeconds(wait));
            case RATE_LIMITED -> messages.get("challenge.rateLimited", clockTime(wait, locale));
            case LOCKED -> messages.get("challenge.locked", clockTime(wait, locale));
            case LOCKED_UNTIL_SUPPORT -> messages.get("challenge.lockedUntilSupport");
            case BACKUP_ONLY -> messages.get("challenge.backupOnly");
        };
    }

    /** The wall-clock time after {@code wait}, rounded up to the next minute, e.g. "10:17 AM". */
    private String clockTime(Duration wait, Locale locale) {
        Instant at = clock.instant().plus(wait == null ? Duration.ZERO : wait).plusSeconds(59);
        return TimeFormat.time(at, locale, clock.getZone());
    }
}
