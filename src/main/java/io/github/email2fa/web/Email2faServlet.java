package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The module's pages under {@code /email2fa/*}: the challenge page, the "set up 2FA?" page and
 * the settings page (GET), and their form actions (POST, each with a CSRF token). Registered
 * automatically by {@link Email2faInitializer}.
 *
 * <p>Each route is one row of a table: who may use it, and the handler that answers. Before any
 * handler runs, the servlet answers unknown routes (404), plain HTTP where HTTPS is required
 * (301 for a GET, 403 for a POST), forms without the session's CSRF token (403) and requests
 * without a signed-in user or flow (303 to the login page or the challenge).
 */
public final class Email2faServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Who may use a route. */
    private enum Access {
        /** Anyone, even without a signed-in user (cancel must always work). */
        ANYONE,
        /** A user signed in to the application. */
        SIGNED_IN,
        /** A signed-in user with a running flow in this session. */
        IN_FLOW
    }

    private record Route(Access access, Action action) {
    }

    /** The running module's web parts and the two route tables, by path inside {@code /email2fa}. */
    private record Table(WebParts parts, Map<String, Route> gets, Map<String, Route> posts) {
    }

    private transient volatile Table table;

    /** The servlet as the container creates it: its parts come from the running module on first use. */
    public Email2faServlet() {
    }

    /** A servlet on given parts, for tests with fake time and services. */
    Email2faServlet(WebParts parts) {
        this.table = tableOf(parts);
    }

    /** Builds the route table from the running module, which the listener or the filter started before any servlet. */
    @Override
    public void init() {
        if (table == null && getServletContext().getAttribute(Email2fa.CONTEXT_ATTRIBUTE) instanceof Email2fa module) {
            table = tableOf(WebParts.of(module));
        }
    }

    /** A failure of the server's side (the database, a broken page) gets a "try again" page, never a 500. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try {
            super.service(request, response);
        } catch (RuntimeException | ServletException e) {
            Responses.tryAgain(request, response, e, true);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Table table = table();
        Route route = find(table.gets(), request);
        if (route == null) {
            ProblemPage.show(request, response, HttpServletResponse.SC_NOT_FOUND, SafeTarget.root(request), "problem.notFound");
            return;
        }
        if (table.parts().https.isViolated(request)) {
            String query = request.getQueryString();
            Responses.movedTo(response, HttpsRule.httpsUrl(request, request.getRequestURI() + (query == null ? "" : "?" + query)));
            return;
        }
        dispatch(table.parts(), route, request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Table table = table();
        Route route = find(table.posts(), request);
        if (route == null) {
            ProblemPage.show(request, response, HttpServletResponse.SC_NOT_FOUND, SafeTarget.root(request), "problem.notFound");
            return;
        }
        if (table.parts().https.isViolated(request)) {
            ProblemPage.show(request, response, HttpServletResponse.SC_FORBIDDEN, SafeTarget.root(request), "problem.httpsRequired");
            return;
        }
        if (!Csrf.isValid(request)) {
            if (route.access() == Access.IN_FLOW && alreadyVerified(table.parts(), request, response)) {
                return;
            }
            if (route.access() == Access.IN_FLOW && request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
                // The session this form belonged to was renewed, most likely by the first of two sendings; the
                // browser may hold the new one. The challenge route sends it on: to the target if it is verified.
                Responses.seeOther(response, Routes.url(request, Routes.CHALLENGE));
                return;
            }
            ProblemPage.show(request, response, HttpServletResponse.SC_FORBIDDEN, Routes.url(request, Routes.CHALLENGE),
                    "problem.formExpired");
            return;
        }
        dispatch(table.parts(), route, request, response);
    }

    /**
     * A code form sent again for a session that its first sending already verified (a double
     * click, the back button): 303 to the challenge route, which sends a verified session on to
     * where the first sending led, instead of an error for a user who is in fact signed in.
     * Nothing is checked or spent, and only the sending that verified answers with the target
     * itself.
     *
     * @return whether it answered so
     */
    private static boolean alreadyVerified(WebParts parts, HttpServletRequest request, HttpServletResponse response) {
        String subject = parts.subjects.subjectOf(request);
        if (subject == null || !parts.sessions.isVerified(request, subject)) {
            return false;
        }
        Responses.seeOther(response, Routes.url(request, Routes.CHALLENGE));
        return true;
    }

    private static Route find(Map<String, Route> routes, HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null ? null : routes.get(path);
    }

    /** Checks who is asking against the route's access, then runs its handler. */
    private static void dispatch(WebParts parts, Route route, HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String subject = parts.subjects.subjectOf(request);
        SignInFlow flow = subject == null ? null : SessionState.flow(request.getSession(), subject);
        if (route.access() != Access.ANYONE && subject == null) {
            Responses.seeOther(response, request.getContextPath() + parts.settings.loginPage());
            return;
        }
        if (route.access() == Access.IN_FLOW && flow == null) {
            if (!alreadyVerified(parts, request, response)) {
                Responses.seeOther(response, Routes.url(request, Routes.CHALLENGE));
            }
            return;
        }
        route.action().handle(new Exchange(request, response, subject, flow));
    }

    /** The route tables; built here only if the module was not running yet when the servlet started. */
    private Table table() {
        Table current = table;
        if (current == null) {
            current = tableOf(WebParts.of(Email2fa.from(getServletContext())));
            table = current;
        }
        return current;
    }

    /** Which handler answers which route, and who may use it. */
    private static Table tableOf(WebParts parts) {
        return new Table(parts,
                Map.of(
                        Routes.CHALLENGE, new Route(Access.SIGNED_IN, parts.challengePage::show),
                        Routes.RECOMMEND, new Route(Access.SIGNED_IN, parts.recommendation::show),
                        Routes.SETTINGS, new Route(Access.SIGNED_IN, parts.settingsPage::show),
                        Routes.SUBMIT_ONCE_SCRIPT, new Route(Access.ANYONE, parts.script::serve),
                        Routes.PASSKEY_SCRIPT, new Route(Access.ANYONE, parts.passkeyScript::serve)),
                Map.of(
                        Routes.VERIFY, new Route(Access.IN_FLOW, parts.codes::verify),
                        Routes.BACKUP, new Route(Access.IN_FLOW, parts.codes::backup),
                        Routes.APP, new Route(Access.IN_FLOW, parts.codes::app),
                        Routes.PASSKEY, new Route(Access.IN_FLOW, parts.codes::passkey),
                        Routes.PASSKEY_OPTIONS, new Route(Access.IN_FLOW, parts.codes::passkeyOptions),
                        Routes.RESEND, new Route(Access.IN_FLOW, parts.codes::resend),
                        Routes.CANCEL, new Route(Access.ANYONE, parts.signOut::cancel),
                        Routes.RECOMMEND, new Route(Access.SIGNED_IN, parts.recommendation::skip),
                        Routes.SETTINGS, new Route(Access.SIGNED_IN, parts.settingsPage::change)));
    }
}
