package io.github.email2fa.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Covers the built-in {@link SubjectResolver}s: container principal and session attribute. */
class SubjectResolverTest {

    @Test
    void containerPrincipalWhenLoggedInThenPrincipalName() {
        HttpServletRequest request = request(() -> "alice", null);

        assertEquals("alice", SubjectResolver.containerPrincipal().subjectOf(request));
    }

    @Test
    void containerPrincipalWhenAnonymousThenNull() {
        assertNull(SubjectResolver.containerPrincipal().subjectOf(request(null, null)));
    }

    @Test
    void sessionAttributeWhenStringThenThatName() {
        HttpServletRequest request = request(null, Map.of("user", "alice"));

        assertEquals("alice", SubjectResolver.sessionAttribute("user").subjectOf(request));
    }

    @Test
    void sessionAttributeWhenPrincipalThenItsName() {
        Principal principal = () -> "alice";
        HttpServletRequest request = request(null, Map.of("user", principal));

        assertEquals("alice", SubjectResolver.sessionAttribute("user").subjectOf(request));
    }

    @Test
    void sessionAttributeWhenBlankThenNull() {
        assertNull(SubjectResolver.sessionAttribute("user").subjectOf(request(null, Map.of("user", "  "))));
    }

    @Test
    void sessionAttributeWhenNoSessionThenNull() {
        assertNull(SubjectResolver.sessionAttribute("user").subjectOf(request(null, null)));
    }

    /** A request with this principal and, unless {@code sessionAttributes} is null, a session holding them. */
    static HttpServletRequest request(Principal principal, Map<String, Object> sessionAttributes) {
        HttpSession session = sessionAttributes == null ? null : proxy(HttpSession.class, (name, args) ->
                name.equals("getAttribute") ? sessionAttributes.get((String) args[0]) : unsupported(name));
        return proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getUserPrincipal" -> principal;
            case "getSession" -> args != null && args.length == 1 && !(Boolean) args[0] ? session : unsupported(name + "(true)");
            default -> unsupported(name);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException(method);
    }
}
