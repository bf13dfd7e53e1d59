package io.github.email2fa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** Reads and writes the module's session attributes. */
final class SessionState {

    static final String VERIFIED = "io.github.email2fa.verified";
    static final String FLOW = "io.github.email2fa.flow";

    private SessionState() {
    }

    /** Whether this request's session passed the second factor as {@code subject}; the filter's hot path. */
    static boolean isVerified(HttpServletRequest request, String subject) {
        HttpSession session = request.getSession(false);
        return session != null
                && session.getAttribute(VERIFIED) instanceof VerifiedMark mark
                && mark.subject().equals(subject);
    }

    /** The session's flow if it belongs to {@code subject}, else {@code null}. */
    static SignInFlow flow(HttpSession session, String subject) {
        return session.getAttribute(FLOW) instanceof SignInFlow flow && flow.subject().equals(subject) ? flow : null;
    }

    static void saveFlow(HttpSession session, SignInFlow flow) {
        session.setAttribute(FLOW, flow);
    }
}
