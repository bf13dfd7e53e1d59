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

    PolicyGate(Policy policy, AccountService accounts) {
        this.policy = policy;
        this.accounts = accounts;
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

    /** The cached decision inputs, read from the account store once per session. */
    PolicyMark mark(HttpServletRequest request, String subject) {
        HttpSession session = request.getSession(true);
        PolicyMark mark = SessionState.policyMark(session, subject);
        if (mark == null) {
            mark = new PolicyMark(subject, accounts.isEnrolled(subject), false);
            session.setAttribute(SessionState.POLICY, mark);
        }
        return mark;
    }

    /** Records that the recommendation was shown (or skipped), so this session is not asked again. */
    void recommendationShown(HttpServletRequest request, String subject) {
        request.getSession().setAttribute(SessionState.POLICY, mark(request, subject).shown());
    }

    /** Records a change of enrolment in the session, so the next request sees it. */
    static void enrolmentChanged(HttpSession session, String subject, boolean enrolled) {
        PolicyMark old = SessionState.policyMark(session, subject);
        session.setAttribute(SessionState.POLICY, new PolicyMark(subject, enrolled, old != null && old.recommendationShown()));
    }
}
