package io.github.email2fa.subject;

import io.github.email2fa.address.EmailAddresses;
import io.github.email2fa.config.Extensions;
import io.github.email2fa.config.Settings;
import jakarta.servlet.http.HttpSession;

/**
 * Builds the resolvers the settings ask for.
 *
 * <p>The subject resolver is looked up the same way as the email resolver below, from
 * {@code email2fa.subject.resolver}, before the built-in one of {@code email2fa.subject.source}.
 *
 * <p>The email resolver is looked up in this order: the class named in
 * {@code email2fa.email.resolver}, a CDI bean (only where CDI is present), a
 * {@code ServiceLoader} entry, then the built-in one: the session attribute named in
 * {@code email2fa.email.attribute}, or else the user name itself when it is an address
 * ({@link EmailAddresses#isPlausibleWithDottedDomain}).
 */
public final class Resolvers {

    private Resolvers() {
    }

    /**
     * The subject resolver for these settings: the class named in {@code email2fa.subject.resolver},
     * a CDI bean, a {@code ServiceLoader} entry, then the built-in one {@code email2fa.subject.source} asks for.
     *
     * @throws IllegalStateException if the named class cannot be loaded or instantiated, or two CDI beans qualify
     */
    public static SubjectResolver subjectResolver(Settings settings, ClassLoader loader) {
        Extensions.Found<SubjectResolver> own = Extensions.find(settings.subjectResolverClass(), SubjectResolver.class,
                "email2fa.subject.resolver", loader);
        if (own != null) {
            return own.instance();
        }
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
        Extensions.Found<EmailResolver> own = Extensions.find(settings.emailResolverClass(), EmailResolver.class,
                "email2fa.email.resolver", loader);
        if (own != null) {
            return own.instance();
        }
        if (settings.emailAttribute() != null) {
            String attribute = settings.emailAttribute();
            return (subject, request) -> {
                HttpSession session = request.getSession(false);
                Object value = session == null ? null : session.getAttribute(attribute);
                return value == null ? null : value.toString();
            };
        }
        return (subject, request) -> EmailAddresses.isPlausibleWithDottedDomain(subject) ? subject : null;
    }
}
