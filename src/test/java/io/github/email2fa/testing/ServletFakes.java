package io.github.email2fa.testing;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Servlet objects a test only needs to hand over (a context, a filter or servlet config), and the
 * interface stubs the hand-written fakes wrap: every method a fake does not write out itself
 * reaches a stub that throws, so a test that strays from what the fake models fails loudly
 * instead of running on made-up answers.
 */
public final class ServletFakes {

    private ServletFakes() {
    }

    /**
     * A servlet context: class loader, context path {@code ""}, attributes in a map, no init
     * parameters; every other method answers {@code null}, {@code false} or zero.
     */
    public static ServletContext servletContext() {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        ClassLoader loader = ServletFakes.class.getClassLoader();
        SessionCookieConfig cookie = sessionCookieConfig();
        return proxy(ServletContext.class, (method, args) -> switch (method.getName()) {
            case "getSessionCookieConfig" -> cookie;
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
            case "getServletContextName" -> "test";
            default -> defaultValue(method.getReturnType());
        });
    }

    /** A session cookie configuration as a container starts it: no name, no attributes, not Secure, not HttpOnly. */
    public static SessionCookieConfig sessionCookieConfig() {
        Map<String, String> attributes = new ConcurrentHashMap<>();
        return proxy(SessionCookieConfig.class, (method, args) -> switch (method.getName()) {
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> {
                attributes.put((String) args[0], (String) args[1]);
                yield null;
            }
            case "getAttributes" -> Map.copyOf(attributes);
            default -> defaultValue(method.getReturnType());
        });
    }

    /** A filter config for {@code context}, without init parameters. */
    public static FilterConfig filterConfig(ServletContext context) {
        return proxy(FilterConfig.class, (method, args) -> switch (method.getName()) {
            case "getServletContext" -> context;
            case "getFilterName" -> "email2fa";
            case "getInitParameterNames" -> Collections.emptyEnumeration();
            default -> defaultValue(method.getReturnType());
        });
    }

    /** A servlet config for {@code context}, without init parameters. */
    public static ServletConfig servletConfig(ServletContext context) {
        return proxy(ServletConfig.class, (method, args) -> switch (method.getName()) {
            case "getServletContext" -> context;
            case "getServletName" -> "email2fa";
            case "getInitParameterNames" -> Collections.emptyEnumeration();
            default -> defaultValue(method.getReturnType());
        });
    }

    /**
     * An implementation of {@code type} whose every method throws, naming the method and
     * {@code why} the fake around it does not answer it.
     */
    public static <T> T throwing(Class<T> type, String why) {
        return proxy(type, (method, args) -> {
            throw new UnsupportedOperationException("fake " + type.getSimpleName() + " does not support "
                    + method.getName() + "(): " + why);
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        Object proxy = Proxy.newProxyInstance(ServletFakes.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> type.getSimpleName() + "(fake)";
                };
            }
            return handler.handle(method, args);
        });
        return type.cast(proxy);
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
