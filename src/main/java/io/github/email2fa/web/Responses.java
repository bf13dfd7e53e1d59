package io.github.email2fa.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.email2fa.text.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The short answers the module gives outside its pages: redirects, 401s and plain 4xx messages. */
final class Responses {

    private static final Logger LOG = Logger.getLogger(Responses.class.getName());

    /** Seconds a client is asked to wait after a failure on the server's side. */
    private static final String RETRY_AFTER_SECONDS = "30";

    private Responses() {
    }

    /**
     * Whether this is a browser loading a page, which can follow a redirect to the challenge;
     * anything else (POST, XHR, JSON clients, HEAD, OPTIONS) gets a 401 instead.
     */
    static boolean isBrowserNavigation(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"))) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept == null || accept.contains("text/html") || !accept.contains("json");
    }

    /** Marks a response as private to this user and never cached. */
    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
    }

    /** 303 to a path on this site. */
    static void seeOther(HttpServletResponse response, String location) {
        noStore(response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /** 301 to the same page over HTTPS. */
    static void movedTo(HttpServletResponse response, String location) {
        noStore(response);
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", location);
    }

    /** 401 for clients that cannot follow the flow themselves, in JSON when they asked for it. */
    static void secondFactorRequired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String challenge = Routes.url(request, Routes.CHALLENGE);
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("json")) {
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "application/json",
                    "{\"error\":\"second_factor_required\",\"challenge\":\"" + jsonEscape(challenge) + "\"}");
        } else {
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "text/plain",
                    "Second factor required: open " + challenge + " in a browser to enter the code we emailed you.\n");
        }
    }

    /** A plain-text message with a 4xx status; never a stack trace. */
    static void plain(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, "text/plain", message + "\n");
    }

    /**
     * Answers a request that failed on the server's side (the database, say) with 503 and a short
     * "try again" text in the user's language (JSON for JSON clients), and logs the failure with
     * its cause. The session is left as it was, so the user can simply retry; no stack trace
     * reaches the client. Inside an include the including page keeps its output and nothing is added.
     */
    static void tryAgain(HttpServletRequest request, HttpServletResponse response, Exception failure) throws IOException {
        tryAgain(request, response, failure, false);
    }

    /**
     * Like {@link #tryAgain(HttpServletRequest, HttpServletResponse, Exception)}; with {@code page},
     * a browser gets the module's styled page (the module's own routes never answer a browser
     * with bare text), or the text if that page fails too.
     */
    static void tryAgain(HttpServletRequest request, HttpServletResponse response, Exception failure, boolean page)
            throws IOException {
        // The path, not the request URI, which may carry a ;jsessionid= into the log.
        LOG.log(Level.WARNING, "email2fa could not answer " + request.getMethod() + " " + request.getContextPath()
                + PathRules.pathOf(request) + "; the user was asked to try again", failure);
        if (response.isCommitted() || request.getDispatcherType() == DispatcherType.INCLUDE) {
            return;
        }
        response.resetBuffer();
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("json")) {
            write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "application/json", "{\"error\":\"try_again\"}");
            return;
        }
        if (page && ProblemPage.wantsPage(request)) {
            try {
                // Back to where the user was: a page load repeats itself, a form goes to its page.
                String back = "GET".equals(request.getMethod()) ? SafeTarget.of(request) : Routes.url(request, Routes.CHALLENGE);
                ProblemPage.render(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, back, "error.tryAgain");
                return;
            } catch (ServletException | RuntimeException pageFailed) {
                // The page itself failed (the very fault being reported, perhaps): the plain text below still helps.
                response.resetBuffer();
            }
        }
        plain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Messages.forLocale(request.getLocale()).get("error.tryAgain"));
    }

    /** A JSON body the module wrote itself, never stored or sniffed as another type. */
    static void json(HttpServletResponse response, int status, String json) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        write(response, status, "application/json", json);
    }

    private static void write(HttpServletResponse response, int status, String type, String body) throws IOException {
        noStore(response);
        response.setStatus(status);
        response.setContentType(type);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }

    private static String jsonEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
