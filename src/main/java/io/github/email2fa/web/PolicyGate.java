package io.github.email2fa.web;

import io.github.email2fa.config.AccountSettings.Policy;
import io.github.email2fa.signin.AccountService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Applies {@code email2fa.policy} to a user who has not passed the second factor in this
 * session: {@code required} asks everyone; {@code optional} asks enrolled users only;
 * {@code recommended} also shows the others a "set up 2FA?" page once per session.
 */
final class PolicyGate {

    /** What to do with the request. */
    enum Decision {
        /** The user must pass the second factor. */
        CHALLENGE,
        /** The user need not; let the request through. */
        PASS,
        /** Let the request through after showing the recommendation page once. */
        RECOMMEND
    }

    private final Policy policy;
    private final AccountService accounts;
    private final VerifiedSessions sessions;

    PolicyGate(Policy policy, AccountService accounts, VerifiedSessions sessions) {
        this.policy = policy;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    Decision decide(HttpServletRequest request, String subject) {
        if (policy == Policy.REQUIRED) {
            return Decision.CHALLENGE;
        }
        PolicyMark mark = mark(request, subject);
        if (mark.enrolled()) {
            return Decision.CHALLENGE;
        }
        return policy == Policy.RECOMMENDED && !mark.recommendationShown() ? Decision.RECOMMEND : Decision.PASS;
    }

    /** Whether this user must pass the second factor before anything else. */
    boolean requiresChallenge(HttpServletRequest request, String subject) {
        return decide(request, subject) == Decision.CHALLENGE;
    }

    /** Whether the policy asks everyone, so codes cannot be turned off. */
    boolean isRequired() {
        return policy == Policy.REQUIRED;
    }

    /**
     * The cached decision inputs, read from the account store once per session and again after a
     * security change of the account; a session that now owes a code is an audit event.
     */
    PolicyMark mark(HttpServletRequest request, String subject) {
        HttpSession session = request.getSession(true);
        PolicyMark mark = SessionState.policyMark(session, subject);
        String stale = mark == null ? null : sessions.staleReason(mark.watermark(), subject);
        if (mark == null || stale != null) {
            ChangeWatermark watermark = sessions.watermarkNow(subject);
            boolean enrolled = accounts.isEnrolled(subject);
            if (stale != null && enrolled && !mark.enrolled()) {
                sessions.required(request, subject, stale);
            }
            mark = new PolicyMark(subject, enrolled, mark != null && mark.recommendationShown(), watermark);
            session.setAttribute(SessionState.POLICY, mark);
        }
        return mark;
    }

    /** Records that the recommendation was shown (or skipped), so this session is not asked again. */
    void recommendationShown(HttpServletRequest request, String subject) {
        request.getSession().setAttribute(SessionState.POLICY, mark(request, subject).shown());
    }

    /** Records a change of enrolment made in this session, so its next request sees it. */
    void enrolmentChanged(HttpSession session, String subject, boolean enrolled) {
        PolicyMark old = SessionState.policyMark(session, subject);
        session.setAttribute(SessionState.POLICY, new PolicyMark(subject, enrolled, old != null && old.recommendationShown(),
                sessions.watermarkNow(subject)));
    }
}
