package io.github.email2fa.subject;

import io.github.email2fa.cdi.CdiBeans;
import io.github.email2fa.config.Settings;
import jakarta.servlet.http.HttpSession;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Builds the resolvers the settings ask for.
 *
 * <p>The email resolver is looked up in this order: the class named in
 * {@code email2fa.email.resolver}, a CDI bean (only where CDI is present), a
 * {@code ServiceLoader} entry, then the built-in one: the session attribute named in
 * {@code email2fa.email.attribute}, or else the user name itself when it is an address.
 */
public final class Resolvers {

    private static final Pattern LOOKS_LIKE_ADDRESS = Pattern.compile("[^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\"]+");

    private Resolvers() {
    }

    /** The subject resolver for these settings. */
    public static SubjectResolver subjectResolver(Settings settings) {
        return settings.subjectAttribute() == null
                ? SubjectResolver.containerPrincipal()
                : SubjectResolver.sessionAttribute(settings.subjectAttribute());
    }

    /**
     * The email resolver for these settings.
     *
     * @throws IllegalStateException if the named class cannot be loaded or instantiated
     */
    public static EmailResolver emailResolver(Settings settings, ClassLoader loader) {
        if (settings.emailResolverClass() != null) {
            return instantiate(settings.emailResolverClass(), EmailResolver.class, "email2fa.email.resolver", loader);
        }
        EmailResolver bean = CdiBeans.find(EmailResolver.class, loader);
        if (bean != null) {
            return bean;
        }
        Iterator<EmailResolver> services = ServiceLoader.load(EmailResolver.class, loader).iterator();
        if (services.hasNext()) {
            return services.next();
        }
        if (settings.emailAttribute() != null) {
            String attribute = settings.emailAttribute();
            return (subject, request) -> {
                HttpSession session = request.getSession(false);
                Object value = session == null ? null : session.getAttribute(attribute);
                return value == null ? null : value.toString();
            };
        }
        return (subject, request) -> LOOKS_LIKE_ADDRESS.matcher(subject).matches() ? subject : null;
    }

    /**
     * Creates an extension named in a setting.
     *
     * @throws IllegalStateException naming the setting, the class and the expected form
     */
    public static <T> T instantiate(String className, Class<T> type, String setting, ClassLoader loader) {
        try {
            Class<?> found = Class.forName(className, true, loader);
            if (!type.isAssignableFrom(found)) {
                throw new IllegalStateException(setting + "='" + className + "': the class does not implement " + type.getName());
            }
            return type.cast(found.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(setting + "='" + className
                    + "': expected a class with a public no-argument constructor that implements "
                    + type.getName() + " (" + e + ")", e);
        }
    }
}
