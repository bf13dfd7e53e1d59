package io.github.email2fa.web;

import io.github.email2fa.signin.SignInService;
import io.github.email2fa.subject.EmailResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The verified state of sessions: granting it, and taking it back when it no longer holds. A
 * session's verification ends when its account had a security change it does not know of (made
 * in another session, on any node) or when it is older than {@code email2fa.verified.maxAge}
 * (NIST SP 800-63B §4.2.3). The session then passes the current policy again on this request.
 *
 * <p>On the hot path this costs one attribute read and two volatile reads: the store's version
 * and the coarse clock.
 */
final class VerifiedSessions {

    private final AccountChanges changes;
    private final long maxAgeMillis;
    private final Clock clock;
    private final LongSupplier requestMillis;
    private final SignInService signIn;
    private final EmailResolver emails;
    private final Actors actors;

    /**
     * @param maxAge how long a verification lasts; {@link Duration#ZERO} for no limit
     * @param clock when marks are granted
     * @param requestMillis the same clock as each request reads it, in epoch milliseconds (a coarse one in production)
     */
    VerifiedSessions(AccountChanges changes, Duration maxAge, Clock clock, LongSupplier requestMillis, SignInService signIn,
            EmailResolver emails, Actors actors) {
        this.changes = changes;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
        this.requestMillis = requestMillis;
        this.signIn = signIn;
        this.emails = emails;
        this.actors = actors;
    }

    /**
     * The session's verified mark for {@code subject}, or {@code null} if it has none, or had one
     * that no longer holds (then it is removed, with the cached policy decision, and an audit
     * event says why).
     */
    VerifiedMark current(HttpServletRequest request, String subject) {
        VerifiedMark mark = SessionState.verifiedMark(request, subject);
        if (mark == null) {
            return null;
        }
        String stale = changes.staleReason(mark.watermark(), subject);
        if (stale == null && maxAgeMillis > 0 && requestMillis.getAsLong() - mark.admittedAtMillis() > maxAgeMillis) {
            stale = SignInService.MAX_AGE;
        }
        if (stale == null) {
            return mark;
        }
        HttpSession session = request.getSession(false);
        session.removeAttribute(SessionState.VERIFIED);
        session.removeAttribute(SessionState.POLICY);
        required(request, subject, stale);
        return null;
    }

    /** Whether this request's session is verified as {@code subject}, and still holds. */
    boolean isVerified(HttpServletRequest request, String subject) {
        return current(request, subject) != null;
    }

    /** Marks the session verified by a code or passkey now, noting the way in: a step-up may ask for one way. */
    void markVerified(HttpSession session, String subject, WayIn way) {
        long now = clock.millis();
        VerifiedMark old = session.getAttribute(SessionState.VERIFIED) instanceof VerifiedMark mark && mark.subject().equals(subject)
                ? mark : null;
        long lastBackupCode = way == WayIn.BACKUP ? now : old == null ? 0L : old.backupCodeAtMillis();
        long lastAppCode = way == WayIn.APP ? now : old == null ? 0L : old.appCodeAtMillis();
        long lastPasskey = way == WayIn.PASSKEY ? now : old == null ? 0L : old.passkeyAtMillis();
        session.setAttribute(SessionState.VERIFIED, new VerifiedMark(subject, now, lastBackupCode, lastAppCode, lastPasskey, now,
                changes.now(subject)));
    }

    /**
     * Marks the session verified by a remembered device: at the epoch's start as far as codes go,
     * so enough for normal pages and never fresh enough for a step-up.
     */
    void markRemembered(HttpSession session, String subject) {
        session.setAttribute(SessionState.VERIFIED, new VerifiedMark(subject, 0L, 0L, 0L, 0L, clock.millis(), changes.now(subject)));
        session.removeAttribute(SessionState.FLOW);
    }

    /** After a change this session made itself: its marks learn of it, so only the other sessions pass again. */
    void acknowledgeChange(HttpServletRequest request, String subject) {
        HttpSession session = request.getSession();
        ChangeWatermark latest = changes.now(subject);
        VerifiedMark mark = SessionState.verifiedMark(request, subject);
        if (mark != null) {
            session.setAttribute(SessionState.VERIFIED, mark.knowing(latest));
        }
        PolicyMark policy = SessionState.policyMark(session, subject);
        if (policy != null) {
            session.setAttribute(SessionState.POLICY, new PolicyMark(subject, policy.enrolled(), policy.recommendationShown(), latest));
        }
    }

    /** Records that this session must pass the second factor again, and why. */
    void required(HttpServletRequest request, String subject, String reason) {
        signIn.reverificationRequired(actors.actor(request, subject, emails.emailOf(subject, request)), reason);
    }

    /** A watermark for a decision made now. */
    ChangeWatermark watermarkNow(String subject) {
        return changes.now(subject);
    }

    /** Why a cached decision no longer holds, or {@code null}. */
    String staleReason(ChangeWatermark watermark, String subject) {
        return changes.staleReason(watermark, subject);
    }
}
