package io.github.email2fa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;

/** Reads and writes the module's session attributes. */
final class SessionState {

    static final String VERIFIED = "io.github.email2fa.verified";
    static final String FLOW = "io.github.email2fa.flow";
    static final String POLICY = "io.github.email2fa.policy";
    static final String RECOMMEND_TARGET = "io.github.email2fa.recommendTarget";

    private SessionState() {
    }

    /** Whether this request's session passed the second factor as {@code subject}. */
    static boolean isVerified(HttpServletRequest request, String subject) {
        return verifiedMark(request, subject) != null;
    }

    /** The session's verified mark if it belongs to {@code subject}, else {@code null}; the filter's hot path. */
    static VerifiedMark verifiedMark(HttpServletRequest request, String subject) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(VERIFIED) instanceof VerifiedMark mark && mark.subject().equals(subject)
                ? mark : null;
    }

    /** Marks the session verified for {@code subject} at {@code at}, noting whether a backup code did it. */
    static void markVerified(HttpSession session, String subject, boolean byBackupCode, Instant at) {
        long now = at.toEpochMilli();
        long lastBackupCode = session.getAttribute(VERIFIED) instanceof VerifiedMark old && old.subject().equals(subject)
                ? old.backupCodeAtMillis() : 0L;
        session.setAttribute(VERIFIED, new VerifiedMark(subject, now, byBackupCode ? now : lastBackupCode));
    }

    /** The session's cached policy decision for {@code subject}, or {@code null}. */
    static PolicyMark policyMark(HttpSession session, String subject) {
        return session != null && session.getAttribute(POLICY) instanceof PolicyMark mark && mark.subject().equals(subject)
                ? mark : null;
    }

    /** The session's flow if it belongs to {@code subject}, else {@code null}. */
    static SignInFlow flow(HttpSession session, String subject) {
        return session.getAttribute(FLOW) instanceof SignInFlow flow && flow.subject().equals(subject) ? flow : null;
    }

    static void saveFlow(HttpSession session, SignInFlow flow) {
        session.setAttribute(FLOW, flow);
    }

    /**
     * Marks the session verified by a remembered device: at the epoch's start, so enough for
     * normal pages and never fresh enough for a step-up.
     */
    static void markRemembered(HttpSession session, String subject) {
        session.setAttribute(VERIFIED, new VerifiedMark(subject, 0L, 0L));
        session.removeAttribute(FLOW);
    }
}
