package io.github.email2fa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.function.Supplier;

/** Starts a session's second-factor flow: for a sign-in, a step-up or the settings page. */
final class FlowStarter {

    private final Supplier<String> newId;

    /** @param newId draws a random flow id, the key of the flow's challenge in the store */
    FlowStarter(Supplier<String> newId) {
        this.newId = newId;
    }

    /**
     * Starts a flow for this session and user, remembering where to go afterwards, unless one with
     * the same purpose is running (then its target stands). A flow with another purpose keeps its
     * id, so a code already sent stays valid.
     */
    SignInFlow begin(HttpServletRequest request, String subject, SignInFlow.Purpose purpose, String target) {
        HttpSession session = request.getSession(true);
        SignInFlow flow = SessionState.flow(session, subject);
        if (flow == null || flow.purpose() != purpose) {
            flow = new SignInFlow(flow == null ? newId.get() : flow.id(), subject, target,
                    flow != null && flow.codeRequested(), purpose);
            SessionState.saveFlow(session, flow);
        }
        return flow;
    }
}
