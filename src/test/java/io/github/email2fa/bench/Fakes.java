package io.github.email2fa.bench;

import io.github.email2fa.testing.ServletFakes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' request. Sessions, the servlet context, the filter config and the response
 * are the shared ones of {@link io.github.email2fa.testing}; the request is the benchmarks' own,
 * because its hot-path methods must be plain field reads with no map lookup charged to the code
 * under test.
 */
final class Fakes {

    private Fakes() {
    }

    /**
     * A request whose hot-path methods are plain fields. Any other method throws, so a benchmark
     * that strays from the intended path fails instead of measuring something else.
     */
    static final class Request extends HttpServletRequestWrapper {

        private final String servletPath;
        private final String pathInfo;
        private final DispatcherType dispatcherType;
        private final HttpSession session;
        private final Map<String, Object> attributes = new HashMap<>();
        private final String remoteAddr;
        private final List<String> forwardedFor;

        Request(String servletPath, String pathInfo, DispatcherType dispatcherType, HttpSession session,
                String remoteAddr, List<String> forwardedFor) {
            super(ServletFakes.throwing(HttpServletRequest.class, "the benchmark left the path it is meant to measure"));
            this.servletPath = servletPath;
            this.pathInfo = pathInfo;
            this.dispatcherType = dispatcherType;
            this.session = session;
            this.remoteAddr = remoteAddr;
            this.forwardedFor = forwardedFor;
        }

        /** A plain {@code REQUEST} dispatch to {@code servletPath}, with or without a session. */
        static Request to(String servletPath, HttpSession session) {
            return new Request(servletPath, null, DispatcherType.REQUEST, session, "192.0.2.10", List.of());
        }

        /** A request from {@code remoteAddr} carrying {@code X-Forwarded-For} headers (one per list item). */
        static Request from(String remoteAddr, List<String> forwardedFor) {
            return new Request("/email2fa/send", null, DispatcherType.REQUEST, null, remoteAddr, List.copyOf(forwardedFor));
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public boolean isRequestedSessionIdFromURL() {
            return false;
        }

        @Override
        public boolean isRequestedSessionIdValid() {
            return session != null;
        }

        @Override
        public String getPathInfo() {
            return pathInfo;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return dispatcherType;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public HttpSession getSession(boolean create) {
            if (session == null && create) {
                throw new UnsupportedOperationException("benchmark request cannot create a session");
            }
            return session;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public String getRemoteAddr() {
            return remoteAddr;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            // Like a container: an (empty) enumeration for every name, a fresh one per call.
            return "X-Forwarded-For".equalsIgnoreCase(name) ? Collections.enumeration(forwardedFor) : Collections.emptyEnumeration();
        }

        @Override
        public String getHeader(String name) {
            return "X-Forwarded-For".equalsIgnoreCase(name) && !forwardedFor.isEmpty() ? forwardedFor.get(0) : null;
        }
    }
}
