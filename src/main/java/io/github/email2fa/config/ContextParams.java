package io.github.email2fa.config;

import java.util.List;

/**
 * The names and defaults of every setting, in one place.
 *
 * <p>Each setting is read from a {@code <context-param>} of this name. A filter
 * {@code <init-param>} of the same name overrides it, and a JVM system property of the
 * same name overrides both:
 *
 * <pre>{@code
 * <context-param>
 *     <param-name>email2fa.code.ttl</param-name>
 *     <param-value>5m</param-value>
 * </context-param>
 * }</pre>
 *
 * <p>Every name starts with {@link #PREFIX}; an unknown name with that prefix fails deployment.
 */
public final class ContextParams {

    /** The prefix every setting name shares. */
    public static final String PREFIX = "email2fa.";

    /** Who is logged in: {@code container} ({@code getUserPrincipal()}) or {@code session:<attribute>}. Default {@code container}. */
    public static final String SUBJECT_SOURCE = "email2fa.subject.source";
    public static final String DEFAULT_SUBJECT_SOURCE = "container";

    /** A class implementing {@code EmailResolver}, with a public no-argument constructor. No default. */
    public static final String EMAIL_RESOLVER = "email2fa.email.resolver";

    /** A session attribute holding the user's email address. No default. */
    public static final String EMAIL_ATTRIBUTE = "email2fa.email.attribute";

    /** Paths that never need the second factor: comma-separated exact paths or prefixes ending in {@code /*}. */
    public static final String EXCLUDE = "email2fa.exclude";
    public static final String DEFAULT_EXCLUDE = "";

    /** The application's login page, inside the application, where cancel sends the user. Default {@code /}. */
    public static final String LOGIN_PAGE = "email2fa.loginPage";
    public static final String DEFAULT_LOGIN_PAGE = "/";

    /** The name of the application as it appears in emails. Default: the servlet context's display name. */
    public static final String APP_NAME = "email2fa.appName";

    /** Number of digits in a code, 6 to 10. Default 6. */
    public static final String CODE_LENGTH = "email2fa.code.length";
    public static final int DEFAULT_CODE_LENGTH = 6;

    /** How long a code lives from the moment it is issued, 30s to 10m. Default {@code 5m}. */
    public static final String CODE_TTL = "email2fa.code.ttl";
    public static final String DEFAULT_CODE_TTL = "5m";

    /** Wrong guesses a challenge takes before it dies, 1 to 10. Default 5. */
    public static final String CODE_MAX_ATTEMPTS = "email2fa.code.maxAttempts";
    public static final int DEFAULT_CODE_MAX_ATTEMPTS = 5;

    /** Least time between two sends in one flow, 0s to 10m. Default {@code 30s}. */
    public static final String RESEND_COOLDOWN = "email2fa.resend.cooldown";
    public static final String DEFAULT_RESEND_COOLDOWN = "30s";

    /** Most pending challenges kept in memory, 100 to 10,000,000. Default 100000. */
    public static final String CACHE_MAXIMUM_SIZE = "email2fa.cache.maximumSize";
    public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 100_000;

    /** The JSP that renders the challenge page. Default {@code /WEB-INF/email2fa/challenge.jsp} (served from the JAR). */
    public static final String PAGE_CHALLENGE = "email2fa.page.challenge";
    public static final String DEFAULT_PAGE_CHALLENGE = "/WEB-INF/email2fa/challenge.jsp";

    /** JNDI name of a {@code jakarta.mail.Session}, e.g. {@code mail/email2fa}. When set, the SMTP settings are not needed. */
    public static final String MAIL_SESSION = "email2fa.mail.session";

    /** SMTP host; required unless {@link #MAIL_SESSION} is set. */
    public static final String SMTP_HOST = "email2fa.smtp.host";

    /** SMTP port, 1 to 65535. Default: 25 for {@code none}, 587 for {@code starttls}, 465 for {@code smtps}. */
    public static final String SMTP_PORT = "email2fa.smtp.port";

    /** Transport security: {@code none}, {@code starttls} or {@code smtps}. Default {@code starttls}. */
    public static final String SMTP_TLS = "email2fa.smtp.tls";
    public static final String DEFAULT_SMTP_TLS = "starttls";

    /** SMTP user name; when set, the connection authenticates. No default. */
    public static final String SMTP_USER = "email2fa.smtp.user";

    /** SMTP password. Masked in the startup log. No default. */
    public static final String SMTP_PASSWORD = "email2fa.smtp.password";

    /** The From address of the code emails; required with SMTP settings, optional with a JNDI mail session. */
    public static final String SMTP_FROM = "email2fa.smtp.from";

    /** Connect and read timeout for SMTP, 1s to 2m. Default {@code 10s}. */
    public static final String SMTP_TIMEOUT = "email2fa.smtp.timeout";
    public static final String DEFAULT_SMTP_TIMEOUT = "10s";

    /** Every setting name this version knows. */
    public static final List<String> ALL = List.of(
            SUBJECT_SOURCE, EMAIL_RESOLVER, EMAIL_ATTRIBUTE, EXCLUDE, LOGIN_PAGE, APP_NAME,
            CODE_LENGTH, CODE_TTL, CODE_MAX_ATTEMPTS, RESEND_COOLDOWN, CACHE_MAXIMUM_SIZE,
            PAGE_CHALLENGE, MAIL_SESSION, SMTP_HOST, SMTP_PORT, SMTP_TLS, SMTP_USER,
            SMTP_PASSWORD, SMTP_FROM, SMTP_TIMEOUT);

    /** Settings whose values never reach a log line. */
    public static final List<String> SECRETS = List.of(SMTP_PASSWORD);

    private ContextParams() {
    }
}
