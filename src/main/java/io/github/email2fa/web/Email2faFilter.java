package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.config.Settings;
import io.github.email2fa.signin.SignInService;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps every session that passed the application's login, but not yet the emailed code, away
 * from everything but the module's pages and the excluded paths.
 *
 * <pre>{@code
 * <filter>
 *     <filter-name>email2fa</filter-name>
 *     <filter-class>io.github.email2fa.web.Email2faFilter</filter-class>
 *     <async-supported>true</async-supported>
 * </filter>
 * <filter-mapping>
 *     <filter-name>email2fa</filter-name>
 *     <url-pattern>/*</url-pattern>
 *     <dispatcher>REQUEST</dispatcher>
 *     <dispatcher>FORWARD</dispatcher>
 *     <dispatcher>INCLUDE</dispatcher>
 *     <dispatcher>ASYNC</dispatcher>
 * </filter-mapping>
 * }</pre>
 *
 * <p>Settings are parsed once at deployment by {@link Email2faInitializer}; a bad one fails it.
 */
public final class Email2faFilter implements Filter {

    private volatile WebParts parts;
    private volatile SameSiteCookies cookies;
    /** Where this filter started the module itself (so it must stop it), or {@code null}. */
    private volatile ServletContext startedIn;

    /** The filter as the container creates it: its parts come from the running module in {@link #init}. */
    public Email2faFilter() {
    }

    /** A filter on given parts, for tests with fake time and services. */
    Email2faFilter(WebParts parts) {
        this.parts = parts;
        this.cookies = SessionCookies.headers(parts.settings);
    }

    /** What the filter decided. */
    private enum Verdict {
        /** Let the request through as it is: the verified hot path. */
        PASS,
        /** Let it through, guarding the response, which may carry a new session cookie. */
        PASS_GUARDED,
        /** The filter answered the request itself. */
        ANSWERED
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (config.getServletContext().getAttribute(Email2fa.CONTEXT_ATTRIBUTE) instanceof Email2fa started) {
            parts = WebParts.of(started);
            cookies = SessionCookies.headers(config.getServletContext(), started.settings());
            return;
        }
        // The initializer did not run (a container with initializers switched off): start here.
        Map<String, String> initParams = new HashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            initParams.put(name, config.getInitParameter(name));
        }
        try {
            ServletContext context = config.getServletContext();
            Settings settings = Email2faInitializer.prepare(context, initParams);
            SessionCookies.configure(context, settings);
            cookies = SessionCookies.headers(context, settings);
            parts = WebParts.of(Email2faInitializer.start(context, settings));
            startedIn = context;
        } catch (IllegalStateException e) {
            throw new UnavailableException(e.getMessage());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (parts == null) {
            // Never run open: without a working module nothing protected is served.
            Responses.plain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Sign-in verification is not available.");
            return;
        }
        Verdict verdict;
        try {
            verdict = admits(request, response);
        } catch (RuntimeException e) {
            // The account store (or another part) failed: a "try again" page, never the container's 500.
            Responses.tryAgain(request, response, e);
            return;
        }
        switch (verdict) {
            case PASS -> chain.doFilter(req, res);
            case PASS_GUARDED -> {
                HttpServletResponse guarded = cookies.guard(response);
                chain.doFilter(req, guarded);
                cookies.fix(guarded);
            }
            default -> cookies.fix(response);
        }
    }

    /**
     * The module's pages are UTF-8, so browsers post their forms in UTF-8 without saying so; the
     * container would read them as ISO-8859-1, and a code typed in Arabic-Indic digits would
     * arrive as mojibake. Set before the module's servlet reads a parameter, unless the request
     * or the application already chose an encoding.
     */
    private static void readFormsAsUtf8(HttpServletRequest request) throws IOException {
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
    }

    /**
     * The filter's decision: let the request through, or answer it (a redirect to the challenge,
     * the recommendation page, a 400, 401 or 403).
     */
    private Verdict admits(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = PathRules.pathOf(request);
        if (parts.exclusions.matches(path)) {
            return Verdict.PASS_GUARDED;
        }
        if (parts.rejectUrlSessionIds && request.isRequestedSessionIdFromURL()) {
            refuseUrlSessionId(request, response);
            return Verdict.ANSWERED;
        }
        if (Routes.isModulePath(path) || PageRenderer.isOwnDispatch(request)) {
            readFormsAsUtf8(request);
            return Verdict.PASS_GUARDED;
        }
        String subject = parts.subjects.subjectOf(request);
        if (subject == null) {
            return Verdict.PASS_GUARDED;
        }
        boolean critical = parts.stepUpPaths.matches(path);
        VerifiedMark mark = parts.sessions.current(request, subject);
        if (mark != null) {
            if (critical && parts.stepUp.isStale(mark)) {
                refuse(request, response, subject, SignInFlow.Purpose.STEP_UP);
                return Verdict.ANSWERED;
            }
            return Verdict.PASS;
        }
        PolicyGate.Decision decision = parts.policy.decide(request, subject);
        if (decision != PolicyGate.Decision.CHALLENGE && critical) {
            // A critical operation needs a fresh code from everyone, enrolled or not.
            refuse(request, response, subject, SignInFlow.Purpose.STEP_UP);
            return Verdict.ANSWERED;
        }
        switch (decision) {
            case PASS -> {
                return passing(request);
            }
            case RECOMMEND -> {
                if (Responses.isBrowserNavigation(request) && request.getDispatcherType() == DispatcherType.REQUEST
                        && !response.isCommitted()) {
                    request.getSession().setAttribute(SessionState.RECOMMEND_TARGET, SafeTarget.of(request));
                    Responses.seeOther(response, Routes.url(request, Routes.RECOMMEND));
                    return Verdict.ANSWERED;
                }
                return passing(request);
            }
            default -> {
                if (parts.rememberedDevices.admits(request, response, subject)) {
                    if (!critical) {
                        // The device check gave the session a new ID, so a new cookie.
                        return Verdict.PASS_GUARDED;
                    }
                    refuse(request, response, subject, SignInFlow.Purpose.STEP_UP);
                } else {
                    refuse(request, response, subject, SignInFlow.Purpose.SIGN_IN);
                }
                return Verdict.ANSWERED;
            }
        }
    }

    /** Through, guarded if the policy check had to start the session (a container login without one). */
    private static Verdict passing(HttpServletRequest request) {
        return request.isRequestedSessionIdValid() ? Verdict.PASS : Verdict.PASS_GUARDED;
    }

    /**
     * 400 for a request whose session ID came in the URL (OWASP ASVS 4.0.3 §3.1.1): such an ID
     * may have leaked through a link, a log or a {@code Referer}, so nothing is served on it.
     */
    private void refuseUrlSessionId(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() == DispatcherType.INCLUDE || response.isCommitted()) {
            return;
        }
        parts.signIn.sessionIdRejected(parts.subjects.subjectOf(request), parts.clientIp(request), SignInService.IN_URL);
        Responses.plain(response, HttpServletResponse.SC_BAD_REQUEST,
                "This address carries a session ID, which this site does not accept in addresses. Open the site again"
                        + " without the ';jsessionid=...' part, with cookies allowed.");
    }

    /** Answers in place of the protected resource, which is never reached. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String subject, SignInFlow.Purpose purpose)
            throws IOException {
        if (request.getDispatcherType() == DispatcherType.INCLUDE || response.isCommitted()) {
            return;
        }
        boolean plainHttp = parts.https.isViolated(request);
        if (Responses.isBrowserNavigation(request)) {
            parts.flows.begin(request, subject, purpose, SafeTarget.of(request));
            String challenge = Routes.url(request, Routes.CHALLENGE);
            Responses.seeOther(response, plainHttp ? HttpsRule.httpsUrl(request, challenge) : challenge);
        } else if (plainHttp) {
            HttpsRule.refuse(response);
        } else {
            Responses.secondFactorRequired(request, response);
        }
    }

    @Override
    public void destroy() {
        if (startedIn != null) {
            Email2faInitializer.stop(startedIn);
        }
    }
}
