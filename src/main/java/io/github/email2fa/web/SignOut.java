package io.github.email2fa.web;

import io.github.email2fa.challenge.ChallengeService;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** "Cancel and sign out": ends the flow's code, the container login and the session. */
final class SignOut {

    private final ChallengeService challenges;
    private final String loginPage;

    /** @param loginPage {@code email2fa.loginPage}, where the user lands */
    SignOut(ChallengeService challenges, String loginPage) {
        this.challenges = challenges;
        this.loginPage = loginPage;
    }

    /** POST: works with or without a flow or a signed-in user. */
    void cancel(Exchange exchange) throws IOException, ServletException {
        HttpServletRequest request = exchange.request();
        if (exchange.flow() != null) {
            challenges.cancel(exchange.flow().id());
        }
        // A container login (FORM) must end too, or the user would still be signed in.
        if (request.getUserPrincipal() != null) {
            request.logout();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Responses.seeOther(exchange.response(), request.getContextPath() + loginPage);
    }
}
