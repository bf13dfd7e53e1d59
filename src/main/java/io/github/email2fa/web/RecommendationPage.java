package io.github.email2fa.web;

import io.github.email2fa.text.Messages;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The "set up 2FA?" page of the {@code recommended} policy, shown once per session. */
final class RecommendationPage {

    private final PolicyGate policy;

    RecommendationPage(PolicyGate policy) {
        this.policy = policy;
    }

    /** GET: the page, with "set up" (to the settings page) and "not now". */
    void show(Exchange exchange) throws ServletException, IOException {
        HttpServletRequest request = exchange.request();
        RecommendationView view = new RecommendationView(Messages.forLocale(request.getLocale()), Csrf.token(request.getSession()),
                request.getContextPath());
        PageRenderer.render(request, exchange.response(), Routes.RECOMMEND_JSP, view, HttpServletResponse.SC_OK);
    }

    /** POST "not now": the recommendation is not shown again in this session; back to the saved page. */
    void skip(Exchange exchange) {
        HttpServletRequest request = exchange.request();
        HttpSession session = request.getSession();
        policy.recommendationShown(request, exchange.subject());
        Object target = session.getAttribute(SessionState.RECOMMEND_TARGET);
        session.removeAttribute(SessionState.RECOMMEND_TARGET);
        Responses.seeOther(exchange.response(), target instanceof String saved && SafeTarget.isSafe(request.getContextPath(), saved)
                ? saved : SafeTarget.root(request));
    }
}
