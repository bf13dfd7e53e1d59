package io.github.email2fa.bench;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Minimal servlet objects for the benchmarks.
 *
 * <p>Everything a benchmark actually calls is a plain method on a hand-written class, so no
 * reflection ({@link Proxy}) cost is charged to the code under test. Only set-up objects
 * (context, filter config, response, which the hot path merely casts) are proxies.
 */
final class Fakes {

    private Fakes() {
    }

    /**
     * A request whose hot-path methods are plain fields. Any other method reaches a proxy that
     * throws, so a benchmark that strays from the intended path fails instead of measuring
     * something else.
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
            super(throwing(HttpServletRequest.class));
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

    /** A session with its attributes in a {@link ConcurrentHashMap}, as containers keep them. */
    static final class Session implements HttpSession {

        private final Map<String, Object> attributes = new ConcurrentHashMap<>();
        private final long created = System.currentTimeMillis();
        private int maxInactive = 1800;

        Session with(String name, Object value) {
            attributes.put(name, value);
            return this;
        }

        @Override
        public long getCreationTime() {
            return created;
        }

        @Override
        public String getId() {
            return "bench-session";
        }

        @Override
        public long getLastAccessedTime() {
            return created;
        }

        @Override
        public ServletContext getServletContext() {
            return null;
        }

        @Override
        public void setMaxInactiveInterval(int interval) {
            maxInactive = interval;
        }

        @Override
        public int getMaxInactiveInterval() {
            return maxInactive;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.enumeration(attributes.keySet());
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
        public void invalidate() {
            attributes.clear();
        }

        @Override
        public boolean isNew() {
            return false;
        }
    }

    /**
     * A servlet context: class loader, context path {@code ""}, attributes in a map, no init
     * parameters; every other method answers {@code null}, {@code false} or zero.
     */
    static ServletContext servletContext() {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        ClassLoader loader = Fakes.class.getClassLoader();
        return proxy(ServletContext.class, (method, args) -> switch (method.getName()) {
            case "getClassLoader" -> loader;
            case "getContextPath" -> "";
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> {
                if (args[1] == null) {
                    attributes.remove((String) args[0]);
                } else {
                    attributes.put((String) args[0], args[1]);
                }
                yield null;
            }
            case "removeAttribute" -> attributes.remove((String) args[0]);
            case "getAttributeNames" -> Collections.enumeration(List.copyOf(attributes.keySet()));
            case "getInitParameterNames" -> Collections.emptyEnumeration();
            case "getServletContextName" -> "bench";
            default -> defaultValue(method.getReturnType());
        });
    }

    /** A filter config for {@code context}, without init parameters. */
    static FilterConfig filterConfig(ServletContext context) {
        return proxy(FilterConfig.class, (method, args) -> switch (method.getName()) {
            case "getServletContext" -> context;
            case "getFilterName" -> "email2fa";
            case "getInitParameterNames" -> Collections.emptyEnumeration();
            default -> defaultValue(method.getReturnType());
        });
    }

    /** A response; the paths measured only cast it, so its methods answer defaults. */
    static HttpServletResponse response() {
        return proxy(HttpServletResponse.class, (method, args) -> defaultValue(method.getReturnType()));
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        Object proxy = Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> type.getSimpleName() + "(bench fake)";
                };
            }
            return handler.handle(method, args);
        });
        return type.cast(proxy);
    }

    private static <T> T throwing(Class<T> type) {
        return proxy(type, (method, args) -> {
            throw new UnsupportedOperationException("benchmark fake " + type.getSimpleName() + " does not support "
                    + method.getName() + "(): the benchmark left the path it is meant to measure");
        });
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }
}
