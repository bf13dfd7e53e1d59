package io.github.email2fa.subject;

import static io.github.email2fa.subject.SubjectResolverTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.config.Settings;
import io.github.email2fa.config.SettingsParser;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Covers {@link Resolvers}: the built-in email resolvers and the error for a bad resolver class. */
class ResolversTest {

    private final ClassLoader loader = ResolversTest.class.getClassLoader();

    private static Settings settings(String key, String value) {
        Map<String, String> values = new HashMap<>();
        values.put("email2fa.smtp.host", "mail.example.com");
        values.put("email2fa.smtp.from", "no-reply@example.com");
        if (key != null) {
            values.put(key, value);
        }
        return SettingsParser.parse(values, "Shop");
    }

    @Test
    void emailResolverWhenNothingConfiguredAndSubjectIsAddressThenSubject() {
        EmailResolver resolver = Resolvers.emailResolver(settings(null, null), loader);

        assertEquals("alice@example.com", resolver.emailOf("alice@example.com", request(null, null)));
    }

    @Test
    void emailResolverWhenNothingConfiguredAndSubjectIsPlainNameThenNull() {
        EmailResolver resolver = Resolvers.emailResolver(settings(null, null), loader);

        assertNull(resolver.emailOf("alice", request(null, null)));
    }

    @Test
    void emailResolverWhenNothingConfiguredAndSubjectHasUndottedDomainThenNull() {
        EmailResolver resolver = Resolvers.emailResolver(settings(null, null), loader);

        assertNull(resolver.emailOf("alice@CORP", request(null, null)));
    }

    @Test
    void emailResolverWhenAttributeConfiguredThenSessionValue() {
        EmailResolver resolver = Resolvers.emailResolver(settings("email2fa.email.attribute", "mail"), loader);

        assertEquals("alice@example.com", resolver.emailOf("alice", request(null, Map.of("mail", "alice@example.com"))));
    }

    @Test
    void emailResolverWhenClassDoesNotImplementResolverThenIllegalState() {
        Settings settings = settings("email2fa.email.resolver", "java.lang.String");

        assertThrows(IllegalStateException.class, () -> Resolvers.emailResolver(settings, loader));
    }

    @Test
    void subjectResolverWhenSessionSourceThenReadsThatAttribute() {
        SubjectResolver resolver = Resolvers.subjectResolver(settings("email2fa.subject.source", "session:user"), loader);

        assertEquals("alice", resolver.subjectOf(request(null, Map.of("user", "alice"))));
    }

    /** A resolver an application names in {@code email2fa.subject.resolver}: the user is in a header set by a gateway. */
    public static final class HeaderSubjectResolver implements SubjectResolver {
        @Override
        public String subjectOf(jakarta.servlet.http.HttpServletRequest request) {
            return "from-gateway";
        }
    }

    @Test
    void subjectResolverWhenClassNamedThenItWinsOverTheSource() {
        Map<String, String> values = new HashMap<>();
        values.put("email2fa.subject.source", "session:user");
        values.put("email2fa.subject.resolver", HeaderSubjectResolver.class.getName());

        SubjectResolver resolver = Resolvers.subjectResolver(settings(values), loader);

        assertEquals("from-gateway", resolver.subjectOf(request(null, Map.of("user", "alice"))));
    }

    @Test
    void subjectResolverWhenClassDoesNotImplementResolverThenIllegalStateNamingTheSetting() {
        Settings settings = settings("email2fa.subject.resolver", "java.lang.String");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Resolvers.subjectResolver(settings, loader));

        assertTrue(e.getMessage().startsWith("email2fa.subject.resolver='java.lang.String'"), e.getMessage());
    }

    private static Settings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("email2fa.smtp.host", "mail.example.com");
        values.put("email2fa.smtp.from", "no-reply@example.com");
        return SettingsParser.parse(values, "Shop");
    }
}
