package io.github.email2fa.support;

import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvents;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.limit.FailureLimiter;
import io.github.email2fa.limit.SendLimiter;
import io.github.email2fa.mail.Mailer;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.text.Html;
import java.time.Clock;

/**
 * What support staff can do for a locked-out user, from Java:
 *
 * <pre>{@code
 * AccountSupport support = Email2fa.from(servletContext).support();
 * support.unlock("alice", "helpdesk:bob");
 * }</pre>
 *
 * <p>The admin servlet offers the same behind a role.
 */
public final class AccountSupport {

    private final ChallengeService challenges;
    private final FailureLimiter failures;
    private final SendLimiter sends;
    private final Mailer mailer;
    private final AuditEvents events;
    private final Clock clock;
    private final String appName;

    public AccountSupport(ChallengeService challenges, FailureLimiter failures, SendLimiter sends, Mailer mailer,
            AuditEvents events, Clock clock, String appName) {
        this.challenges = challenges;
        this.failures = failures;
        this.sends = sends;
        this.mailer = mailer;
        this.events = events;
        this.clock = clock;
        this.appName = appName;
    }

    /** The account's lock, failure count, pending codes and sends. */
    public AccountStatus status(String subject) {
        AccountLock lock = failures.lock(subject);
        FailureLimiter.FailureCount count = failures.count(subject);
        SendLimiter.SendCount sent = sends.sendsOf(subject);
        return new AccountStatus(subject, lock.locked(), lock.remaining(), lock.untilSupport(), count.inWindow(),
                count.consecutive(), challenges.pendingFor(subject), sent.inWindow(), sent.inLastDay());
    }

    /**
     * Lifts a lockout, forgets the account's failures and resets its send quotas, so the user can
     * ask for a new code at once; recorded as an {@code unlocked} event.
     *
     * @param subject the account
     * @param by who unlocked it, for the audit log
     * @return whether the account was locked
     */
    public boolean unlock(String subject, String by) {
        boolean wasLocked = failures.unlock(subject);
        sends.reset(subject);
        events.publish(new AuditEvent(AuditEvent.Type.UNLOCKED, subject, null, null, null,
                "by:" + (by == null ? "api" : by), null, clock.instant()));
        return wasLocked;
    }

    /** Ends every pending code of the account, in all sessions; returns how many. */
    public int cancelChallenges(String subject) {
        return challenges.cancelAll(subject);
    }

    /**
     * Sends a test message now, on the calling thread, to check the mail settings.
     *
     * @return {@code null} on success, else the mail server's or the network's reason
     */
    public String sendTestEmail(String address) {
        String subject = "email2fa test message from " + appName;
        String text = "This is a test message from the email2fa module of " + appName
                + ". It shows that the mail settings work. No action is needed.";
        try {
            mailer.send(new OutgoingEmail(address, subject, text,
                    "<!DOCTYPE html><html><body><p>" + Html.escape(text) + "</p></body></html>"));
            return null;
        } catch (Exception e) {
            String reason = String.valueOf(e.getMessage());
            return e.getClass().getSimpleName() + ": " + reason.replace(address, EmailMask.mask(address));
        }
    }
}
