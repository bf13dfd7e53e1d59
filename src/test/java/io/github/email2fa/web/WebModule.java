package io.github.email2fa.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.email2fa.Email2fa;
import io.github.email2fa.config.SettingsParser;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditListener;
import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.testing.MutableClock;
import io.github.email2fa.testing.ServletFakes;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A running module without a container: the real services on an in-memory account store, and
 * the filter and servlet built on its web parts with a {@link MutableClock}. Sessions sign in
 * as a legacy login servlet does, with the session attribute {@code user}, whose value is also
 * the user's address.
 *
 * <p>Defaults: policy {@code required}, HTTPS required (fake requests are secure unless told
 * otherwise), {@code /login} and {@code /static/*} excluded, {@code /account/delete} a step-up
 * path with a five-minute max age, login page {@code /login}. Mail goes to one GreenMail server
 * for the whole test run, so sending never fails and never slows a test down: mail leaves on
 * the module's own threads and no test waits for it.
 */
final class WebModule implements AutoCloseable {

    static final String USER = "alice@example.com";
    static final String OTHER_USER = "mallory@example.com";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final Duration STEP_UP_MAX_AGE = Duration.ofMinutes(5);
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static Mailbox mailbox;

    final MutableClock clock = new MutableClock(T0);
    final Email2fa module;
    final Email2faFilter filter;
    final Email2faServlet servlet;
    final WebParts parts;
    /** Every audit event this module raised. */
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    /** The audit listener each module is started with: it hands the module's events to its {@link #events}. */
    public static final class Events implements AuditListener {

        /** The list of the module being started; the listener is created during its start, on this thread. */
        private static volatile List<AuditEvent> starting;
        private final List<AuditEvent> sink = starting;

        @Override
        public void onEvent(AuditEvent event) {
            if (sink != null) {
                sink.add(event);
            }
        }
    }

    private WebModule(Map<String, String> settings) {
        Events.starting = events;
        try {
            module = Email2fa.start(SettingsParser.parse(settings, "Web tests"), ServletFakes.servletContext());
        } finally {
            Events.starting = null;
        }
        parts = new WebParts(module, clock);
        filter = new Email2faFilter(parts);
        servlet = new Email2faServlet(parts);
    }

    /**
     * Starts a module on the defaults, changed by {@code overrides}: setting names and values in turn,
     * e.g. {@code start("email2fa.policy", "optional")}.
     */
    static WebModule start(String... overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("email2fa.subject.source", "session:user");
        settings.put("email2fa.accountStore", "io.github.email2fa.account.InMemoryAccountStore");
        settings.put("email2fa.mail.checkOnStartup", "false");
        settings.put("email2fa.smtp.host", "127.0.0.1");
        settings.put("email2fa.smtp.port", String.valueOf(smtpPort()));
        settings.put("email2fa.smtp.tls", "none");
        settings.put("email2fa.smtp.from", "no-reply@example.com");
        settings.put("email2fa.exclude", "/login,/static/*");
        settings.put("email2fa.loginPage", "/login");
        settings.put("email2fa.stepUp.paths", "/account/delete");
        settings.put("email2fa.stepUp.maxAge", STEP_UP_MAX_AGE.toMinutes() + "m");
        settings.put("email2fa.audit.listener", Events.class.getName());
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return new WebModule(settings);
    }

    /** The shared SMTP server's port; it is started on first use and stopped when the JVM ends. */
    private static synchronized int smtpPort() {
        if (mailbox == null) {
            mailbox = Mailbox.start();
            Mailbox started = mailbox;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "web-tests-smtp-stop"));
        }
        return mailbox.port();
    }

    /** A browser session in which {@link #USER} passed the application's login, not yet the code. */
    static FakeSession signedIn() {
        return signedIn(USER);
    }

    static FakeSession signedIn(String subject) {
        return new FakeSession().with("user", subject);
    }

    /** A browser loading a page of the application. */
    static FakeRequest browserGet(String path, FakeSession session) {
        return FakeRequest.get(path).header("Accept", BROWSER_ACCEPT).session(session);
    }

    /** A request to one of the module's routes, e.g. {@code route("GET", Routes.CHALLENGE)}. */
    static FakeRequest route(String method, String route) {
        return FakeRequest.method(method, Routes.PREFIX).pathInfo(route).header("Accept", BROWSER_ACCEPT);
    }

    /** A form POST to a route in {@code session}, carrying the session's CSRF token. */
    static FakeRequest form(String route, FakeSession session) {
        return route("POST", route).session(session).param(Csrf.FIELD, Csrf.token(session));
    }

    /** The session's flow for {@link #USER}, or {@code null}. */
    static SignInFlow flowOf(FakeSession session) {
        return SessionState.flow(session, USER);
    }

    /** Marks {@code session} as having passed the second factor now, by an emailed code. */
    void verifyNow(FakeSession session) {
        parts.sessions.markVerified(session, USER, WayIn.EMAIL);
    }

    /** Marks {@code session} as having passed the second factor now as {@code subject}. */
    void markVerified(FakeSession session, String subject, WayIn way) {
        parts.sessions.markVerified(session, subject, way);
    }

    /** Marks {@code session} as admitted by a remembered device now. */
    void markRemembered(FakeSession session, String subject) {
        parts.sessions.markRemembered(session, subject);
    }

    /** Whether the request's session is verified as {@code subject} and still holds. */
    boolean isVerified(FakeRequest request, String subject) {
        return parts.sessions.isVerified(request, subject);
    }

    /** A cached policy decision made now. */
    PolicyMark policyMark(String subject, boolean enrolled, boolean recommendationShown) {
        return new PolicyMark(subject, enrolled, recommendationShown, parts.sessions.watermarkNow(subject));
    }

    /** Fails unless {@code attribute} is a verified mark with these times. */
    static void assertVerifiedMark(String subject, long verifiedAtMillis, long backupCodeAtMillis, Object attribute) {
        VerifiedMark mark = assertInstanceOf(VerifiedMark.class, attribute);
        assertEquals(List.of(subject, verifiedAtMillis, backupCodeAtMillis),
                List.of(mark.subject(), mark.verifiedAtMillis(), mark.backupCodeAtMillis()));
    }

    /**
     * Fails unless the browser got the module's styled problem page with this status and the
     * (escaped) English text of {@code key}, and nothing else was forwarded.
     */
    static void assertProblemPage(FakeRequest request, FakeResponse response, int status, String key) {
        assertEquals(status, response.getStatus());
        assertEquals(1, request.forwards().size(), "one forward to the problem page: " + request.forwards());
        assertEquals(Routes.MESSAGE_JSP, request.forwards().get(0).path());
        MessageView page = assertInstanceOf(MessageView.class, request.forwards().get(0).model());
        assertEquals(Html.escape(Messages.forLocale(java.util.Locale.ENGLISH).get(key)), page.getText());
        assertEquals("role=\"alert\"", page.getAlertRole(), "a problem is announced");
    }

    /** Fails unless {@code attribute} is a policy mark with these values. */
    static void assertPolicyMark(String subject, boolean enrolled, boolean recommendationShown, Object attribute) {
        PolicyMark mark = assertInstanceOf(PolicyMark.class, attribute);
        assertEquals(List.of(subject, enrolled, recommendationShown), List.of(mark.subject(), mark.enrolled(), mark.recommendationShown()));
    }

    /** Turns sign-in codes on for {@code subject}, as the settings page would. */
    void enrol(String subject) {
        module.accounts().enable(Actor.application(subject));
    }

    /** Lets the browser ask for {@code path} through the filter, which starts the session's flow; returns the flow. */
    SignInFlow startFlow(FakeSession session, String path) throws IOException, ServletException {
        throughFilter(browserGet(path, session));
        return flowOf(session);
    }

    /**
     * Issues a code for the session's flow as the first view of the challenge page would, without
     * mailing it, and returns it.
     */
    String issueCode(FakeSession session) {
        SignInFlow flow = flowOf(session);
        String code = module.challenges().issue(flow.id(), flow.subject()).orElseThrow().code();
        SessionState.saveFlow(session, flow.withCodeRequested());
        return code;
    }

    /** What the filter did with a request. */
    record Filtered(boolean passed, FakeResponse response) {
    }

    /** Runs the request through the filter, to a chain that only notes it was reached. */
    Filtered throughFilter(FakeRequest request) throws IOException, ServletException {
        boolean[] passed = {false};
        FakeResponse response = new FakeResponse();
        filter.doFilter(request, response, (req, res) -> passed[0] = true);
        return new Filtered(passed[0], response);
    }

    /** Runs the request through the servlet. */
    FakeResponse serve(FakeRequest request) throws IOException, ServletException {
        FakeResponse response = new FakeResponse();
        servlet.service(request, response);
        return response;
    }

    @Override
    public void close() {
        module.close();
    }
}
