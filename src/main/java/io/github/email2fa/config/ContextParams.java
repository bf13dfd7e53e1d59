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

    /** Failures within {@link #LOCKOUT_WINDOW} that lock an account, 1 to 100. Default 10. */
    public static final String LOCKOUT_THRESHOLD = "email2fa.lockout.threshold";
    public static final int DEFAULT_LOCKOUT_THRESHOLD = 10;

    /** The sliding window of the failure count, 1m to 24h. Default {@code 15m}. */
    public static final String LOCKOUT_WINDOW = "email2fa.lockout.window";
    public static final String DEFAULT_LOCKOUT_WINDOW = "15m";

    /** Lock durations, growing with each lockout; the last repeats. 1 to 10 durations of 1s to 24h. Default {@code 1m,5m,15m}. */
    public static final String LOCKOUT_DURATIONS = "email2fa.lockout.durations";
    public static final String DEFAULT_LOCKOUT_DURATIONS = "1m,5m,15m";

    /** Consecutive failures after which only support can unlock, threshold to 100. Default 100. */
    public static final String LOCKOUT_HARD_LIMIT = "email2fa.lockout.hardLimit";
    public static final int DEFAULT_LOCKOUT_HARD_LIMIT = 100;

    /** Codes sent per account within {@link #SEND_ACCOUNT_WINDOW}, 1 to 1000. Default 5. */
    public static final String SEND_PER_ACCOUNT = "email2fa.send.perAccount";
    public static final int DEFAULT_SEND_PER_ACCOUNT = 5;

    /** The account send window, 1m to 24h. Default {@code 15m}. */
    public static final String SEND_ACCOUNT_WINDOW = "email2fa.send.accountWindow";
    public static final String DEFAULT_SEND_ACCOUNT_WINDOW = "15m";

    /** Codes sent per account within 24 hours, 1 to 10000. Default 20. */
    public static final String SEND_PER_ACCOUNT_PER_DAY = "email2fa.send.perAccountPerDay";
    public static final int DEFAULT_SEND_PER_ACCOUNT_PER_DAY = 20;

    /** Codes sent per client IP address within {@link #SEND_IP_WINDOW}, 1 to 100000. Default 30. */
    public static final String SEND_PER_IP = "email2fa.send.perIp";
    public static final int DEFAULT_SEND_PER_IP = 30;

    /** The IP send window, 1m to 24h. Default {@code 15m}. */
    public static final String SEND_IP_WINDOW = "email2fa.send.ipWindow";
    public static final String DEFAULT_SEND_IP_WINDOW = "15m";

    /** Reverse proxies whose {@code X-Forwarded-For} is believed: comma-separated CIDR blocks. Default none. */
    public static final String TRUSTED_PROXIES = "email2fa.trustedProxies";

    /** Whether a locked-out user gets an email about it: {@code true} or {@code false}. Default {@code true}. */
    public static final String NOTIFY_LOCKOUT = "email2fa.notify.lockout";

    /** A class implementing {@code AuditListener} that receives every audit event. No default. */
    public static final String AUDIT_LISTENER = "email2fa.audit.listener";

    /** The role that may use the admin servlet; without it the admin servlet refuses everyone. No default. */
    public static final String ADMIN_ROLE = "email2fa.admin.role";

    /** Whether to connect to the mail server at start-up to check the settings (nothing is sent). Default {@code true}. */
    public static final String MAIL_CHECK_ON_STARTUP = "email2fa.mail.checkOnStartup";

    /**
     * Whether the module's pages and redirects insist on HTTPS: {@code true} or {@code false}.
     * Default {@code true}. A request counts as HTTPS when the connection is secure, or when a
     * trusted proxy ({@link #TRUSTED_PROXIES}) sends {@code X-Forwarded-Proto: https}.
     */
    public static final String REQUIRE_HTTPS = "email2fa.requireHttps";

    /** Who must pass the second factor: {@code required}, {@code recommended} or {@code optional}. Default {@code required}. */
    public static final String POLICY = "email2fa.policy";
    public static final String DEFAULT_POLICY = "required";

    /**
     * A class implementing {@code io.github.email2fa.account.AccountStore}, with a public no-argument
     * constructor, that keeps per-user state instead of the JDBC store. No default: then a CDI bean or a
     * {@code ServiceLoader} entry of that type is used if there is one, else the JDBC store on {@link #DATASOURCE}.
     *
     * <pre>{@code
     * <context-param>
     *     <param-name>email2fa.accountStore</param-name>
     *     <param-value>com.example.UserTableAccountStore</param-value>
     * </context-param>
     * }</pre>
     */
    public static final String ACCOUNT_STORE = "email2fa.accountStore";

    /**
     * JNDI name of the DataSource for per-user state. Default {@code java:comp/DefaultDataSource}, which
     * Payara, GlassFish and WildFly bind and Tomcat and Jetty do not: there, bind one and name it,
     * e.g. {@code java:comp/env/jdbc/email2fa}.
     */
    public static final String DATASOURCE = "email2fa.datasource";
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";

    /** Whether missing tables are created at start-up ({@code true}) or must come from the DBA script ({@code false}). Default {@code true}. */
    public static final String DATASOURCE_CREATE_SCHEMA = "email2fa.datasource.createSchema";

    /** Paths that need a fresh verification: exact paths and {@code /prefix/*}, comma-separated. Default none. */
    public static final String STEP_UP_PATHS = "email2fa.stepUp.paths";

    /** How fresh a verification must be for step-up paths and the settings page, 1s to 1h. Default {@code 5m}. */
    public static final String STEP_UP_MAX_AGE = "email2fa.stepUp.maxAge";
    public static final String DEFAULT_STEP_UP_MAX_AGE = "5m";

    /** Which factor a step-up accepts: {@code email} or {@code backup-code}. Default {@code email}. */
    public static final String STEP_UP_FACTOR = "email2fa.stepUp.factor";

    /** Days a remembered device skips the challenge, 0 (off) to 365. Default 30. */
    public static final String REMEMBER_DEVICE_DAYS = "email2fa.rememberDevice.days";
    public static final int DEFAULT_REMEMBER_DEVICE_DAYS = 30;

    /** Every setting name this version knows. */
    public static final List<String> ALL = List.of(
            SUBJECT_SOURCE, EMAIL_RESOLVER, EMAIL_ATTRIBUTE, EXCLUDE, LOGIN_PAGE, APP_NAME,
            CODE_LENGTH, CODE_TTL, CODE_MAX_ATTEMPTS, RESEND_COOLDOWN, CACHE_MAXIMUM_SIZE,
            PAGE_CHALLENGE, MAIL_SESSION, SMTP_HOST, SMTP_PORT, SMTP_TLS, SMTP_USER,
            SMTP_PASSWORD, SMTP_FROM, SMTP_TIMEOUT, LOCKOUT_THRESHOLD, LOCKOUT_WINDOW, LOCKOUT_DURATIONS,
            LOCKOUT_HARD_LIMIT, SEND_PER_ACCOUNT, SEND_ACCOUNT_WINDOW, SEND_PER_ACCOUNT_PER_DAY, SEND_PER_IP,
            SEND_IP_WINDOW, TRUSTED_PROXIES, NOTIFY_LOCKOUT, AUDIT_LISTENER, ADMIN_ROLE, MAIL_CHECK_ON_STARTUP,
            REQUIRE_HTTPS, POLICY, ACCOUNT_STORE, DATASOURCE, DATASOURCE_CREATE_SCHEMA, STEP_UP_PATHS, STEP_UP_MAX_AGE, STEP_UP_FACTOR,
            REMEMBER_DEVICE_DAYS);

    /** Settings whose values never reach a log line. */
    public static final List<String> SECRETS = List.of(SMTP_PASSWORD);

    private ContextParams() {
    }
}
