package io.github.email2fa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** Reads and writes the module's session attributes. */
final class SessionState {

    static final String VERIFIED = "io.github.email2fa.verified";
    static final String FLOW = "io.github.email2fa.flow";
    static final String POLICY = "io.github.email2fa.policy";
    static final String RECOMMEND_TARGET = "io.github.email2fa.recommendTarget";
    /** Where the session's last completed flow led, for a code form that arrives again. */
    static final String COMPLETED_TARGET = "io.github.email2fa.completedTarget";
    /** Set when the session brought a device cookie that no longer admits it; cleared when the flow completes. */
    static final String DEVICE_NOT_REMEMBERED = "io.github.email2fa.deviceNotRemembered";
    /**
     * The ticket of the authenticator-app enrolment this session began: only this session is shown
     * its secret again, and only it can confirm it.
     */
    static final String APP_ENROLMENT = "io.github.email2fa.appEnrolment";

    private SessionState() {
    }

    /**
     * The session's verified mark if it belongs to {@code subject}, else {@code null}, as stored:
     * {@link VerifiedSessions#current} also checks that it still holds.
     */
    static VerifiedMark verifiedMark(HttpServletRequest request, String subject) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(VERIFIED) instanceof VerifiedMark mark && mark.subject().equals(subject)
                ? mark : null;
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
}
