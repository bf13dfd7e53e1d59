package io.github.email2fa.web;

import io.github.email2fa.text.Messages;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The module's answer to a request to its pages that it cannot serve (an expired form, a missing
 * address, a step the session is not ready for): the module's styled page, in the user's language
 * and with a way on, for a browser; one line of text for any other client. A browser never gets a
 * bare text error from the module's pages.
 */
final class ProblemPage {

    private ProblemPage() {
    }

    /**
     * Answers with {@code status} and the text of {@code key}.
     *
     * @param continueHref where the page's link leads: a path on this site
     */
    static void show(HttpServletRequest request, HttpServletResponse response, int status, String continueHref, String key,
            Object... args) throws IOException, ServletException {
        if (!wantsPage(request) || response.isCommitted()) {
            Responses.plain(response, status, Messages.forLocale(request.getLocale()).get(key, args));
            return;
        }
        response.resetBuffer();
        render(request, response, status, continueHref, key, args);
    }

    /** Renders the styled page; the caller has checked that the client wants one. */
    static void render(HttpServletRequest request, HttpServletResponse response, int status, String continueHref, String key,
            Object... args) throws IOException, ServletException {
        Messages messages = Messages.forLocale(request.getLocale());
        PageRenderer.render(request, response, Routes.MESSAGE_JSP,
                new MessageView(messages, true, "problem.title", messages.get(key, args), "problem.continue", continueHref), status);
    }

    /** Whether the client shows pages: a browser's form post or page load asks for HTML. */
    static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getDispatcherType() == DispatcherType.REQUEST && accept != null && accept.contains("text/html")
                && !"XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
    }
}
