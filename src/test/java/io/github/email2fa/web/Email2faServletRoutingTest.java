package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.OTHER_USER;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.accounts.OutageSimulatingAccountStore;
import io.github.email2fa.Email2fa;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.testing.ServletFakes;
import jakarta.servlet.ServletContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link Email2faServlet} checks before any handler runs, route by route: unknown routes,
 * plain HTTP where HTTPS is required, the CSRF token of every form, a signed-in user and a
 * running flow; and that a failure on the server's side ends in a "try again" page.
 */
class Email2faServletRoutingTest {

    private static final String FORM_EXPIRED = "The form has expired or did not come from this site. Reload the page and try again.\n";

    private final WebModule web = WebModule.start();

    @AfterEach
    void stop() {
        web.close();
        OutageSimulatingAccountStore.DOWN.set(false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "null", value = {
            "GET,  /nothing", "GET,  null", "GET,  /", "GET,  ''", "GET,  /verify", "GET,  /cancel", "GET,  /Challenge",
            "GET,  /challenge/", "GET,  /challenge/x", "POST, /nothing", "POST, null", "POST, /challenge", "POST, /verify/", "POST, /submit-once.js"})
    void serviceWhenRouteUnknownThen404(String method, String pathInfo) throws Exception {
        FakeSession session = signedIn();
        FakeRequest request = route(method, null).pathInfo(pathInfo).session(session).param(Csrf.FIELD, Csrf.token(session));

        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 404, "problem.notFound");
    }

    @Test
    void doGetWhenPagesScriptAskedWithoutAnyUserThenServedAsCacheableJavaScript() throws Exception {
        FakeRequest request = route("GET", Routes.SUBMIT_ONCE_SCRIPT);

        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals("text/javascript", response.getContentType()),
                () -> assertEquals("nosniff", response.getHeader("X-Content-Type-Options")),
                () -> assertEquals("public, max-age=86400", response.getHeader("Cache-Control")),
                () -> assertTrue(response.body().contains("data-email2fa-sent"), response.body()),
                () -> assertTrue(Routes.isModulePath(Routes.PREFIX + Routes.SUBMIT_ONCE_SCRIPT), "the filter leaves it to the servlet"));
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource({"/challenge", "/recommend", "/settings"})
    void doGetWhenPlainHttpAndHttpsRequiredThen301ToSamePageOverHttps(String route) throws Exception {
        FakeRequest request = route("GET", route).contextPath("/shop").query("lang=de&x=1").secure(false).session(signedIn());

        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(301, response.getStatus()),
                () -> assertEquals("https://app.example.com/shop/email2fa" + route + "?lang=de&x=1", response.getHeader("Location")),
                () -> assertEquals("no-store", response.getHeader("Cache-Control")),
                () -> assertEquals(List.of(), request.forwards()));
    }

    @Test
    void doGetWhenPlainHttpToIpv6HostThen301KeepsTheAddressInBrackets() throws Exception {
        FakeRequest request = route("GET", Routes.SETTINGS).serverName("2001:db8::1").secure(false).session(signedIn());

        assertEquals("https://[2001:db8::1]/email2fa/settings", web.serve(request).getHeader("Location"));
    }

    @ParameterizedTest(name = "POST {0}")
    @CsvSource({"/verify", "/backup", "/resend", "/cancel", "/recommend", "/settings"})
    void doPostWhenPlainHttpAndHttpsRequiredThen403AndNothingDone(String route) throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        FakeRequest request = form(route, session).secure(false).param("action", "enable");

        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "problem.httpsRequired");
        assertTrue(session.isValid(), "cancel did not run");
    }

    @Test
    void serviceWhenHttpsNotRequiredThenPlainHttpServed() throws Exception {
        try (WebModule plain = WebModule.start("email2fa.requireHttps", "false")) {
            FakeResponse response = plain.serve(route("GET", Routes.RECOMMEND).secure(false).session(signedIn()));

            assertEquals(200, response.getStatus());
        }
    }

    /** How a form comes without its session's token. */
    enum Token { MISSING, WRONG, OTHER_SESSIONS, EMPTY, NO_SESSION_TOKEN_YET }

    @ParameterizedTest(name = "POST {0}, token {1}")
    @CsvSource({
            "/verify, MISSING", "/verify, WRONG", "/verify, OTHER_SESSIONS", "/verify, EMPTY", "/verify, NO_SESSION_TOKEN_YET",
            "/backup, MISSING", "/backup, WRONG", "/resend, MISSING", "/resend, OTHER_SESSIONS",
            "/cancel, MISSING", "/cancel, WRONG", "/cancel, NO_SESSION_TOKEN_YET",
            "/recommend, MISSING", "/recommend, OTHER_SESSIONS", "/settings, MISSING", "/settings, WRONG"})
    void doPostWhenCsrfTokenNotTheSessionsThen403AndNothingDone(String route, Token token) throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String valid = token == Token.NO_SESSION_TOKEN_YET ? null : Csrf.token(session);
        FakeRequest request = route("POST", route).session(session).param("action", "enable");
        switch (token) {
            case WRONG -> request.param(Csrf.FIELD, valid.substring(1) + "x");
            case OTHER_SESSIONS, NO_SESSION_TOKEN_YET -> request.param(Csrf.FIELD, Csrf.token(signedIn()));
            case EMPTY -> request.param(Csrf.FIELD, "");
            case MISSING -> {
            }
        }

        FakeResponse response = web.serve(request);

        assertAll(
                () -> WebModule.assertProblemPage(request, response, 403, "problem.formExpired"),
                () -> assertTrue(session.isValid(), "cancel did not run"));
    }

    @Test
    void doPostWhenCsrfTokenMissingAndClientIsNoBrowserThenPlainText403() throws Exception {
        FakeSession session = signedIn();
        FakeRequest request = route("POST", Routes.CANCEL).header("Accept", "application/json").session(session);

        FakeResponse response = web.serve(request);

        assertEquals(403, response.getStatus());
        assertEquals(FORM_EXPIRED, response.body());
        assertEquals(List.of(), request.forwards());
    }

    @Test
    void doPostWhenNoSessionThen403() throws Exception {
        FakeRequest request = route("POST", Routes.CANCEL).param(Csrf.FIELD, Csrf.token(signedIn()));

        FakeResponse response = web.serve(request);

        assertEquals(403, response.getStatus());
        assertNull(request.currentSession(), "no session is created for a refused form");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /challenge", "GET, /recommend", "GET, /settings",
            "POST, /verify", "POST, /backup", "POST, /resend", "POST, /recommend", "POST, /settings"})
    void serviceWhenNobodySignedInThen303ToLoginPage(String method, String route) throws Exception {
        FakeSession anonymous = new FakeSession();
        FakeRequest request = route(method, route).contextPath("/shop").session(anonymous)
                .param(Csrf.FIELD, Csrf.token(anonymous)).param("action", "enable");

        FakeResponse response = web.serve(request);

        assertEquals(303, response.getStatus());
        assertEquals("/shop/login", response.getHeader("Location"));
        assertEquals(List.of(), request.forwards());
    }

    @ParameterizedTest(name = "POST {0}")
    @CsvSource({"/verify", "/backup", "/resend"})
    void doPostWhenNoFlowThen303ToChallenge(String route) throws Exception {
        FakeRequest request = form(route, signedIn()).param("code", "123456").param("backupCode", "abcd-efgh");

        FakeResponse response = web.serve(request);

        assertEquals(303, response.getStatus());
        assertEquals("/email2fa/challenge", response.getHeader("Location"));
    }

    @ParameterizedTest(name = "POST {0}")
    @CsvSource({"/verify", "/backup", "/resend"})
    void doPostWhenSessionsFlowBelongsToAnotherUserThen303ToChallenge(String route) throws Exception {
        FakeSession session = signedIn(OTHER_USER);
        web.startFlow(session, "/account");
        session.setAttribute("user", WebModule.USER);

        FakeResponse response = web.serve(form(route, session).param("code", "123456"));

        assertEquals(303, response.getStatus());
        assertEquals("/email2fa/challenge", response.getHeader("Location"));
    }

    @Test
    void serviceWhenAccountStoreFailsAndClientIsABrowserThen503StyledTryAgainPage() throws Exception {
        try (WebModule failing = WebModule.start("email2fa.policy", "optional",
                "email2fa.accountStore", OutageSimulatingAccountStore.class.getName())) {
            FakeSession session = signedIn();
            failing.verifyNow(session);
            OutageSimulatingAccountStore.DOWN.set(true);

            FakeRequest request = route("GET", Routes.SETTINGS).session(session);
            FakeResponse response = failing.serve(request);

            assertEquals("30", response.getHeader("Retry-After"));
            WebModule.assertProblemPage(request, response, 503, "error.tryAgain");
        }
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource({"text/plain, text/plain", "application/json, application/json"})
    void serviceWhenAccountStoreFailsThen503TryAgain(String accept, String contentType) throws Exception {
        try (WebModule failing = WebModule.start("email2fa.policy", "optional",
                "email2fa.accountStore", OutageSimulatingAccountStore.class.getName())) {
            FakeSession session = signedIn();
            failing.verifyNow(session);
            OutageSimulatingAccountStore.DOWN.set(true);

            FakeResponse response = failing.serve(route("GET", Routes.SETTINGS).header("Accept", accept).session(session));

            assertAll(
                    () -> assertEquals(503, response.getStatus()),
                    () -> assertEquals("30", response.getHeader("Retry-After")),
                    () -> assertEquals(contentType, response.getContentType()),
                    () -> assertEquals(contentType.equals("application/json")
                            ? "{\"error\":\"try_again\"}" : "Something went wrong on our side. Please try again in a moment.\n",
                            response.body()));
        }
    }

    @Test
    void serviceWhenPageCannotBeRenderedThen503TryAgain() throws Exception {
        FakeRequest request = route("GET", Routes.RECOMMEND).session(signedIn()).forwardsTo((req, res) -> {
            throw new IllegalStateException("the JSP does not compile");
        });

        FakeResponse response = web.serve(request);

        assertEquals(503, response.getStatus());
        assertEquals("Something went wrong on our side. Please try again in a moment.\n", response.body());
    }

    @Test
    void serviceWhenModuleNotRunningThen503TryAgain() throws Exception {
        Email2faServlet servlet = new Email2faServlet();
        servlet.init(ServletFakes.servletConfig(ServletFakes.servletContext()));
        FakeResponse response = new FakeResponse();

        servlet.service(route("GET", Routes.CHALLENGE).session(signedIn()), response);

        assertEquals(503, response.getStatus());
    }

    @Test
    void serviceWhenModuleRunningInContextThenServletUsesIt() throws Exception {
        ServletContext context = ServletFakes.servletContext();
        context.setAttribute(Email2fa.CONTEXT_ATTRIBUTE, web.module);
        Email2faServlet servlet = new Email2faServlet();
        servlet.init(ServletFakes.servletConfig(context));
        FakeRequest request = route("GET", Routes.RECOMMEND).session(signedIn());

        servlet.service(request, new FakeResponse());

        assertEquals(Routes.RECOMMEND_JSP, request.forwards().get(0).path());
    }
}
