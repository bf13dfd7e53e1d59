package io.github.email2fa.testing;

import io.github.email2fa.web.PageView;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as a container hands it to a filter or servlet, built fluently:
 * {@code FakeRequest.get("/account").query("tab=1").header("Accept", "text/html").session(session)}.
 *
 * <p>It answers the way containers do where the module depends on it: {@code getCookies()} is
 * {@code null} without cookies, {@code getSession(false)} is {@code null} once the session is
 * invalidated, {@code changeSessionId()} keeps the session and changes its id, and
 * {@code logout()} drops the principal. Forwards are recorded with the page model (the request
 * attribute {@value PageView#ATTRIBUTE}) and the status set at that moment; during a forward the
 * request is a {@code FORWARD} dispatch to the page, and a {@linkplain #forwardsTo target} may
 * serve it (a filter in front of the JSP, say). After a forward the {@link FakeResponse} is
 * committed, as after a container's. Methods it does not model throw.
 */
public final class FakeRequest extends HttpServletRequestWrapper {

    /** One forward to a page, as the request dispatcher saw it. */
    public record Forward(String path, Object model, int status) {
    }

    private final String method;
    private String servletPath;
    private String pathInfo;
    private String contextPath = "";
    private String queryString;
    private DispatcherType dispatcherType = DispatcherType.REQUEST;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String[]> parameters = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private final List<Cookie> cookies = new ArrayList<>();
    private Locale locale = Locale.ENGLISH;
    private boolean secure = true;
    private String characterEncoding;
    private boolean sessionIdFromUrl;
    /** The session ID the request came with (its cookie), as it was when the session was given. */
    private String requestedSessionId;
    private String serverName = "app.example.com";
    private String remoteAddr = "192.0.2.10";
    private Principal principal;
    private boolean loggedOut;
    private FakeSession session;
    private final List<Forward> forwards = new ArrayList<>();
    private FilterChain forwardTarget = (request, response) -> { };

    private FakeRequest(String method, String servletPath) {
        super(ServletFakes.throwing(HttpServletRequest.class, "FakeRequest does not model it"));
        this.method = method;
        this.servletPath = servletPath;
    }

    /** A {@code GET} of {@code servletPath} over HTTPS, in English, without headers or session. */
    public static FakeRequest get(String servletPath) {
        return new FakeRequest("GET", servletPath);
    }

    /** A {@code POST} to {@code servletPath}; otherwise as {@link #get}. */
    public static FakeRequest post(String servletPath) {
        return new FakeRequest("POST", servletPath);
    }

    /** A request with any method; otherwise as {@link #get}. */
    public static FakeRequest method(String method, String servletPath) {
        return new FakeRequest(method, servletPath);
    }

    public FakeRequest pathInfo(String value) {
        pathInfo = value;
        return this;
    }

    public FakeRequest contextPath(String value) {
        contextPath = value;
        return this;
    }

    public FakeRequest query(String value) {
        queryString = value;
        return this;
    }

    public FakeRequest dispatch(DispatcherType type) {
        dispatcherType = type;
        return this;
    }

    /** Sets a header to one value, replacing any earlier one. */
    public FakeRequest header(String name, String value) {
        headers.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    /** Adds another value to a header, as a second header line of the same name would. */
    public FakeRequest addHeader(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** Sets a form or query parameter. */
    public FakeRequest param(String name, String value) {
        parameters.put(name, new String[] {value});
        return this;
    }

    public FakeRequest attribute(String name, Object value) {
        setAttribute(name, value);
        return this;
    }

    public FakeRequest cookie(Cookie value) {
        cookies.add(value);
        return this;
    }

    public FakeRequest locale(Locale value) {
        locale = value;
        return this;
    }

    /** Whether the request came over HTTPS ({@code isSecure()}); it does unless set otherwise. */
    public FakeRequest secure(boolean value) {
        secure = value;
        return this;
    }

    /** Whether the session ID came in the URL ({@code ;jsessionid=}); it did not unless set. */
    public FakeRequest sessionIdFromUrl(boolean value) {
        sessionIdFromUrl = value;
        return this;
    }

    /** The host the browser asked for; {@code app.example.com} unless set. */
    public FakeRequest serverName(String value) {
        serverName = value;
        return this;
    }

    public FakeRequest remoteAddr(String value) {
        remoteAddr = value;
        return this;
    }

    /** The container login's user, or {@code null}. */
    public FakeRequest principal(Principal value) {
        principal = value;
        return this;
    }

    /** The browser's session; several requests may share one, as a browser's requests do. */
    public FakeRequest session(FakeSession value) {
        session = value;
        requestedSessionId = value == null ? null : value.getId();
        return this;
    }

    /** What serves a forward, after it is recorded: a filter in front of the page, say. */
    public FakeRequest forwardsTo(FilterChain target) {
        forwardTarget = target;
        return this;
    }

    /** The session the request has now, created or not by the code under test; {@code null} if none. */
    public FakeSession currentSession() {
        return session;
    }

    /** Whether {@link #logout()} was called. */
    public boolean loggedOut() {
        return loggedOut;
    }

    /** Every forward, in order. */
    public List<Forward> forwards() {
        return List.copyOf(forwards);
    }

    /**
     * The model of the one page this request was forwarded to.
     *
     * @throws AssertionError if there was not exactly one forward, or its model is not a {@code type}
     */
    public <T> T model(Class<T> type) {
        if (forwards.size() != 1) {
            throw new AssertionError("expected one forward to a page, got " + forwards);
        }
        Object model = forwards.get(0).model();
        if (!type.isInstance(model)) {
            throw new AssertionError("expected a " + type.getSimpleName() + " as the page model, got " + model);
        }
        return type.cast(model);
    }

    @Override
    public String getMethod() {
        return method;
    }

    /** The request body's encoding as set by the client or by {@link #setCharacterEncoding}; none at first. */
    @Override
    public String getCharacterEncoding() {
        return characterEncoding;
    }

    @Override
    public void setCharacterEncoding(String encoding) {
        this.characterEncoding = encoding;
    }

    /** Says the body's encoding, as a client's {@code Content-Type} charset would. */
    public FakeRequest characterEncoding(String encoding) {
        this.characterEncoding = encoding;
        return this;
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    @Override
    public String getRequestURI() {
        return contextPath + servletPath + (pathInfo == null ? "" : pathInfo);
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer(getScheme()).append("://").append(serverName).append(getRequestURI());
    }

    @Override
    public DispatcherType getDispatcherType() {
        return dispatcherType;
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(List.copyOf(headers.keySet()));
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(List.copyOf(parameters.keySet()));
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(List.copyOf(attributes.keySet()));
    }

    @Override
    public Cookie[] getCookies() {
        return cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
    }

    @Override
    public Locale getLocale() {
        return locale;
    }

    @Override
    public Enumeration<Locale> getLocales() {
        return Collections.enumeration(List.of(locale));
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return sessionIdFromUrl;
    }

    @Override
    public String getRequestedSessionId() {
        return requestedSessionId;
    }

    /** The ID the request came with still names the live session: not invalidated, and not renewed since. */
    @Override
    public boolean isRequestedSessionIdValid() {
        return session != null && session.isValid() && session.getId().equals(requestedSessionId);
    }

    @Override
    public String getScheme() {
        return secure ? "https" : "http";
    }

    @Override
    public String getServerName() {
        return serverName;
    }

    @Override
    public int getServerPort() {
        return secure ? 443 : 80;
    }

    @Override
    public String getRemoteAddr() {
        return remoteAddr;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal == null ? null : principal.getName();
    }

    @Override
    public void logout() {
        principal = null;
        loggedOut = true;
    }

    @Override
    public HttpSession getSession(boolean create) {
        if (session != null && session.isValid()) {
            return session;
        }
        if (!create) {
            return null;
        }
        session = FakeSession.created();
        return session;
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String changeSessionId() {
        if (session == null || !session.isValid()) {
            throw new IllegalStateException("no session to change the id of");
        }
        return session.changeId();
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        return new RequestDispatcher() {
            @Override
            public void forward(ServletRequest request, ServletResponse response) throws ServletException, IOException {
                forwardTo(path, response);
            }

            @Override
            public void include(ServletRequest request, ServletResponse response) {
                throw new UnsupportedOperationException("FakeRequest does not model includes of " + path);
            }
        };
    }

    /** Records the forward, serves it as a {@code FORWARD} dispatch to {@code path}, then commits the response. */
    private void forwardTo(String path, ServletResponse response) throws ServletException, IOException {
        forwards.add(new Forward(path, getAttribute(PageView.ATTRIBUTE), ((HttpServletResponse) response).getStatus()));
        String requestUri = getRequestURI();
        DispatcherType outerType = dispatcherType;
        String outerServletPath = servletPath;
        String outerPathInfo = pathInfo;
        setAttribute(RequestDispatcher.FORWARD_REQUEST_URI, requestUri);
        setAttribute(RequestDispatcher.FORWARD_QUERY_STRING, queryString);
        dispatcherType = DispatcherType.FORWARD;
        servletPath = path;
        pathInfo = null;
        try {
            forwardTarget.doFilter(this, response);
        } finally {
            dispatcherType = outerType;
            servletPath = outerServletPath;
            pathInfo = outerPathInfo;
            removeAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
            removeAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        }
        if (response instanceof FakeResponse fake) {
            fake.commit();
        }
    }
}
