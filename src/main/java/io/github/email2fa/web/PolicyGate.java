package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.account.AccountRecord;
import io.github.email2fa.config.AccountSettings.Policy;
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

    private PolicyGate() {
    }

    static Decision decide(Email2fa module, HttpServletRequest request, String subject) {
        Policy policy = module.settings().accounts().policy();
        if (policy == Policy.REQUIRED) {
            return Decision.CHALLENGE;
        }
        PolicyMark mark = mark(module, request, subject);
        if (mark.enrolled()) {
            return Decision.CHALLENGE;
        }
        return policy == Policy.RECOMMENDED && !mark.recommendationShown() ? Decision.RECOMMEND : Decision.PASS;
    }

    /** Whether this user must pass the second factor before anything else. */
    static boolean requiresChallenge(Email2fa module, HttpServletRequest request, String subject) {
        return decide(module, request, subject) == Decision.CHALLENGE;
    }

    /** The cached decision inputs, read from the account store once per session. */
    static PolicyMark mark(Email2fa module, HttpServletRequest request, String subject) {
        HttpSession session = request.getSession(true);
        PolicyMark mark = SessionState.policyMark(session, subject);
        if (mark == null) {
            AccountRecord account = module.accounts().find(subject);
            mark = new PolicyMark(subject, account != null && account.enrolled(), false);
            session.setAttribute(SessionState.POLICY, mark);
        }
        return mark;
    }

    /** Records a change of enrolment in the session, so the next request sees it. */
    static void enrolmentChanged(HttpSession session, String subject, boolean enrolled) {
        PolicyMark old = SessionState.policyMark(session, subject);
        session.setAttribute(SessionState.POLICY, new PolicyMark(subject, enrolled, old != null && old.recommendationShown()));
    }
}
