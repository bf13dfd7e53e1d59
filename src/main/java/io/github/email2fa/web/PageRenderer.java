package io.github.email2fa.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Renders the module's JSPs: no-store headers, a strict {@code Content-Security-Policy}, the model as the request attribute
 * {@value PageView#ATTRIBUTE}, and a mark that lets exactly this forward through the filter.
 */
final class PageRenderer {

    /** Marks the module's own forward to its JSP, so the filter lets exactly that dispatch through. */
    private static final String OWN_DISPATCH = PageRenderer.class.getName() + ".dispatch";
    private static final Object OWN_DISPATCH_TOKEN = new Object();

    /**
     * What the module's pages may load (W3C CSP Level 3): scripts only from the application's own
     * origin, which is where the module serves its two scripts from its JAR, so no inline or foreign
     * script runs even if an escaping bug let markup in; requests (the passkey options) and form
     * posts to the same origin only; no framing (clickjacking). Styles may be inline, because the
     * pages carry their own {@code <style>} block so that operators can copy a page to restyle it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private PageRenderer() {
    }

    /** Whether this dispatch is the module's own forward to one of its pages. */
    static boolean isOwnDispatch(HttpServletRequest request) {
        return request.getAttribute(OWN_DISPATCH) == OWN_DISPATCH_TOKEN;
    }

    /** Forwards to {@code page} with {@code model} and {@code status}. */
    static void render(HttpServletRequest request, HttpServletResponse response, String page, PageView model, int status)
            throws ServletException, IOException {
        Responses.noStore(response);
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setStatus(status);
        request.setAttribute(PageView.ATTRIBUTE, model);
        request.setAttribute(OWN_DISPATCH, OWN_DISPATCH_TOKEN);
        try {
            request.getRequestDispatcher(page).forward(request, response);
        } finally {
            request.removeAttribute(OWN_DISPATCH);
        }
    }
}
