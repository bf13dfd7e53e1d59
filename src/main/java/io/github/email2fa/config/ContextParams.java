package io.github.email2fa.config;

import java.util.List;

/**
 * The names and defaults of every setting.
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
 * The accepted values of each setting (ranges, forms) are declared once, next to the parser, and
 * listed in the README's settings table; a value outside them fails deployment with a message
 * that names the setting, the value and what it accepts.
 */
public final class ContextParams {

    /** The prefix every setting name shares. */
    public static final String PREFIX = "email2fa.";

    /** Who is logged in: {@code container} ({@code getUserPrincipal()}) or {@code session:<attribute>}. Default {@value #DEFAULT_SUBJECT_SOURCE}. */
    public static final String SUBJECT_SOURCE = "email2fa.subject.source";
    public static final String DEFAULT_SUBJECT_SOURCE = "container";

    /**
     * A class implementing {@code SubjectResolver}, with a public no-argument constructor, that says
     * who is signed in; it replaces {@link #SUBJECT_SOURCE}. No default.
     */
    public static final String SUBJECT_RESOLVER = "email2fa.subject.resolver";

    /** A class implementing {@code EmailResolver}, with a public no-argument constructor. No default. */
    public static final String EMAIL_RESOLVER = "email2fa.email.resolver";

    /** A session attribute holding the user's email address. No default. */
    public static final String EMAIL_ATTRIBUTE = "email2fa.email.attribute";

    /** Paths that never need the second factor: comma-separated exact paths or prefixes ending in {@code /*}. Default none. */
    public static final String EXCLUDE = "email2fa.exclude";
    public static final String DEFAULT_EXCLUDE = "";

    /** The application's login page, inside the application, where cancel sends the user. Default {@value #DEFAULT_LOGIN_PAGE}. */
    public static final String LOGIN_PAGE = "email2fa.loginPage";
    public static final String DEFAULT_LOGIN_PAGE = "/";

    /** The name of the application as it appears in emails. Default: the servlet context's display name. */
    public static final String APP_NAME = "email2fa.appName";

    /** Number of digits in a code. Default {@value #DEFAULT_CODE_LENGTH}. */
    public static final String CODE_LENGTH = "email2fa.code.length";
    public static final int DEFAULT_CODE_LENGTH = 6;

    /** How long a code lives from the moment it is issued, a duration such as {@code 90s}. Default {@value #DEFAULT_CODE_TTL}. */
    public static final String CODE_TTL = "email2fa.code.ttl";
    public static final String DEFAULT_CODE_TTL = "5m";

    /** Wrong guesses a challenge takes before it dies. Default {@value #DEFAULT_CODE_MAX_ATTEMPTS}. */
    public static final String CODE_MAX_ATTEMPTS = "email2fa.code.maxAttempts";
    public static final int DEFAULT_CODE_MAX_ATTEMPTS = 5;

    /** Least time between two sends in one flow, a duration. Default {@value #DEFAULT_RESEND_COOLDOWN}. */
    public static final String RESEND_COOLDOWN = "email2fa.resend.cooldown";
    public static final String DEFAULT_RESEND_COOLDOWN = "30s";

    /** Most pending challenges kept in memory. Default {@value #DEFAULT_CACHE_MAXIMUM_SIZE}. */
    public static final String CACHE_MAXIMUM_SIZE = "email2fa.cache.maximumSize";
    public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 100_000;

    /** The JSP that renders the challenge page. Default {@value #DEFAULT_PAGE_CHALLENGE} (served from the JAR). */
    public static final String PAGE_CHALLENGE = "email2fa.page.challenge";
    public static final String DEFAULT_PAGE_CHALLENGE = "/WEB-INF/email2fa/challenge.jsp";

    /** JNDI name of a {@code jakarta.mail.Session}, e.g. {@code mail/email2fa}. When set, the SMTP settings are not needed. */
    public static final String MAIL_SESSION = "email2fa.mail.session";

    /** SMTP host; required unless {@link #MAIL_SESSION} is set. */
    public static final String SMTP_HOST = "email2fa.smtp.host";

    /** SMTP port. Default: the usual port of the {@link #SMTP_TLS} mode ({@link MailSettings.TlsMode#defaultPort()}). */
    public static final String SMTP_PORT = "email2fa.smtp.port";

    /** Transport security: {@code none}, {@code starttls} or {@code smtps}. Default {@value #DEFAULT_SMTP_TLS}. */
    public static final String SMTP_TLS = "email2fa.smtp.tls";
    public static final String DEFAULT_SMTP_TLS = "starttls";

    /** SMTP user name; when set, the connection authenticates. No default. */
    public static final String SMTP_USER = "email2fa.smtp.user";

    /** SMTP password. Masked in the startup log. No default. */
    public static final String SMTP_PASSWORD = "email2fa.smtp.password";

    /** The From address of the code emails; required with SMTP settings, optional with a JNDI mail session. */
    public static final String SMTP_FROM = "email2fa.smtp.from";

    /** Connect and read timeout for SMTP, a duration. Default {@value #DEFAULT_SMTP_TIMEOUT}. */
    public static final String SMTP_TIMEOUT = "email2fa.smtp.timeout";
    public static final String DEFAULT_SMTP_TIMEOUT = "10s";

    /** Failures within {@link #LOCKOUT_WINDOW} that lock an account. Default {@value #DEFAULT_LOCKOUT_THRESHOLD}. */
    public static final String LOCKOUT_THRESHOLD = "email2fa.lockout.threshold";
    public static final int DEFAULT_LOCKOUT_THRESHOLD = 10;

    /** The sliding window of the failure count, a duration. Default {@value #DEFAULT_LOCKOUT_WINDOW}. */
    public static final String LOCKOUT_WINDOW = "email2fa.lockout.window";
    public static final String DEFAULT_LOCKOUT_WINDOW = "15m";

    /** Lock durations, comma-separated and growing with each lockout; the last repeats. Default {@value #DEFAULT_LOCKOUT_DURATIONS}. */
    public static final String LOCKOUT_DURATIONS = "email2fa.lockout.durations";
    public static final String DEFAULT_LOCKOUT_DURATIONS = "1m,5m,15m";

    /** Consecutive failures, at least {@link #LOCKOUT_THRESHOLD}, after which only support can unlock. Default {@value #DEFAULT_LOCKOUT_HARD_LIMIT}. */
    public static final String LOCKOUT_HARD_LIMIT = "email2fa.lockout.hardLimit";
    public static final int DEFAULT_LOCKOUT_HARD_LIMIT = 100;

    /** Codes sent per account within {@link #SEND_ACCOUNT_WINDOW}. Default {@value #DEFAULT_SEND_PER_ACCOUNT}. */
    public static final String SEND_PER_ACCOUNT = "email2fa.send.perAccount";
    public static final int DEFAULT_SEND_PER_ACCOUNT = 5;

    /** The account send window, a duration. Default {@value #DEFAULT_SEND_ACCOUNT_WINDOW}. */
    public static final String SEND_ACCOUNT_WINDOW = "email2fa.send.accountWindow";
    public static final String DEFAULT_SEND_ACCOUNT_WINDOW = "15m";

    /** Codes sent per account within 24 hours. Default {@value #DEFAULT_SEND_PER_ACCOUNT_PER_DAY}. */
    public static final String SEND_PER_ACCOUNT_PER_DAY = "email2fa.send.perAccountPerDay";
    public static final int DEFAULT_SEND_PER_ACCOUNT_PER_DAY = 20;

    /** Codes sent per client IP address within {@link #SEND_IP_WINDOW}. Default {@value #DEFAULT_SEND_PER_IP}. */
    public static final String SEND_PER_IP = "email2fa.send.perIp";
    public static final int DEFAULT_SEND_PER_IP = 30;

    /** The IP send window, a duration. Default {@value #DEFAULT_SEND_IP_WINDOW}. */
    public static final String SEND_IP_WINDOW = "email2fa.send.ipWindow";
    public static final String DEFAULT_SEND_IP_WINDOW = "15m";

    /** Reverse proxies whose {@code X-Forwarded-For} is believed: comma-separated CIDR blocks. Default none. */
    public static final String TRUSTED_PROXIES = "email2fa.trustedProxies";

    /** Whether a locked-out user gets an email about it: {@code true} or {@code false}. Default {@value #DEFAULT_NOTIFY_LOCKOUT}. */
    public static final String NOTIFY_LOCKOUT = "email2fa.notify.lockout";
    public static final boolean DEFAULT_NOTIFY_LOCKOUT = true;

    /** A class implementing {@code AuditListener} that receives every audit event. No default. */
    public static final String AUDIT_LISTENER = "email2fa.audit.listener";

    /**
     * A class implementing {@code Mailer}, with a public no-argument constructor, that sends the
     * module's emails in place of Jakarta Mail (an HTTP mail API, say); the SMTP settings and the
     * mail session are then not needed. No default.
     */
    public static final String MAILER = "email2fa.mailer";

    /** The role that may use the admin servlet; without it the admin servlet refuses everyone. No default. */
    public static final String ADMIN_ROLE = "email2fa.admin.role";

    /** Whether to connect to the mail server at start-up to check the settings (nothing is sent). Default {@value #DEFAULT_MAIL_CHECK_ON_STARTUP}. */
    public static final String MAIL_CHECK_ON_STARTUP = "email2fa.mail.checkOnStartup";
    public static final boolean DEFAULT_MAIL_CHECK_ON_STARTUP = true;

    /**
     * Whether the module's pages and redirects insist on HTTPS: {@code true} or {@code false}.
     * Default {@value #DEFAULT_REQUIRE_HTTPS}. A request counts as HTTPS when the connection is secure, or when a
     * trusted proxy ({@link #TRUSTED_PROXIES}) sends {@code X-Forwarded-Proto: https}.
     */
    public static final String REQUIRE_HTTPS = "email2fa.requireHttps";
    public static final boolean DEFAULT_REQUIRE_HTTPS = true;

    /** Who must pass the second factor: {@code required}, {@code recommended} or {@code optional}. Default {@value #DEFAULT_POLICY}. */
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
     * JNDI name of the DataSource for per-user state. Default {@value #DEFAULT_DATASOURCE}, which
     * Payara, GlassFish and WildFly bind and Tomcat and Jetty do not: there, bind one and name it,
     * e.g. {@code java:comp/env/jdbc/email2fa}.
     */
    public static final String DATASOURCE = "email2fa.datasource";
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";

    /** Whether missing tables are created at start-up ({@code true}) or must come from the DBA script ({@code false}). Default {@value #DEFAULT_DATASOURCE_CREATE_SCHEMA}. */
    public static final String DATASOURCE_CREATE_SCHEMA = "email2fa.datasource.createSchema";
    public static final boolean DEFAULT_DATASOURCE_CREATE_SCHEMA = true;

    /** Paths that need a fresh verification: exact paths and {@code /prefix/*}, comma-separated. Default none. */
    public static final String STEP_UP_PATHS = "email2fa.stepUp.paths";

    /** How fresh a verification must be for step-up paths and the settings page, a duration. Default {@value #DEFAULT_STEP_UP_MAX_AGE}. */
    public static final String STEP_UP_MAX_AGE = "email2fa.stepUp.maxAge";
    public static final String DEFAULT_STEP_UP_MAX_AGE = "5m";

    /**
     * Which factor a step-up accepts: {@code email} (any way in), {@code app} (an authenticator
     * app, a passkey or a backup code; never email), {@code backup-code} (a backup code only),
     * {@code passkey} (a passkey only) or {@code strong} (a passkey or an authenticator app). Default
     * {@value #DEFAULT_STEP_UP_FACTOR}.
     */
    public static final String STEP_UP_FACTOR = "email2fa.stepUp.factor";
    public static final String DEFAULT_STEP_UP_FACTOR = "email";

    /** Days a remembered device skips the challenge; 0 turns remembering off. Default {@value #DEFAULT_REMEMBER_DEVICE_DAYS}. */
    public static final String REMEMBER_DEVICE_DAYS = "email2fa.rememberDevice.days";
    public static final int DEFAULT_REMEMBER_DEVICE_DAYS = 30;

    /**
     * How long a verified session may go on without a new code (NIST SP 800-63B §4.2.3: AAL2
     * re-authentication at least every 12 hours), a duration from the last code or remembered
     * device; {@code 0} turns it off. Default {@value #DEFAULT_VERIFIED_MAX_AGE}.
     */
    public static final String VERIFIED_MAX_AGE = "email2fa.verified.maxAge";
    public static final String DEFAULT_VERIFIED_MAX_AGE = "12h";

    /**
     * Whether a request whose session ID came in the URL ({@code ;jsessionid=}) is refused with 400
     * (OWASP ASVS 4.0.3 §3.1.1). {@code false} is for applications that really use URL rewriting,
     * and logs a WARNING at start-up. Default {@value #DEFAULT_SESSION_REJECT_URL_IDS}.
     */
    public static final String SESSION_REJECT_URL_IDS = "email2fa.session.rejectUrlIds";
    public static final boolean DEFAULT_SESSION_REJECT_URL_IDS = true;

    /**
     * The {@code SameSite} attribute the module gives the session cookie when the application set
     * none (OWASP ASVS 4.0.3 §3.4.3): {@code Lax}, {@code Strict} or {@code None}, or {@code keep}
     * to leave the cookie alone. A value the application set itself is always kept. Default
     * {@value #DEFAULT_SESSION_SAME_SITE}.
     */
    public static final String SESSION_SAME_SITE = "email2fa.session.sameSite";
    public static final String DEFAULT_SESSION_SAME_SITE = "Lax";

    /**
     * Where the short-lived state lives (pending challenges, failure counts and lockouts, send
     * quotas, account changes): {@code memory}, in this JVM, or {@code jcache}, in a data grid that
     * every node of a cluster shares, through JCache (JSR 107). Default {@value #DEFAULT_STORE}.
     */
    public static final String STORE = "email2fa.store";
    public static final String DEFAULT_STORE = "memory";

    /**
     * With {@code email2fa.store=jcache}, the JCache {@code CacheManager} to use: {@code jndi:<name>}
     * for one bound in JNDI, or the name of a class with a public no-argument constructor that
     * implements {@code java.util.function.Supplier<javax.cache.CacheManager>}. Without it, a CDI
     * bean of type {@code javax.cache.CacheManager} is used, else the JNDI name
     * {@code payara/CacheManager}, Payara's data grid.
     */
    public static final String STORE_CACHE_MANAGER = "email2fa.store.cacheManager";

    /**
     * Where the secret key that hashes codes (HMAC-SHA-256, RFC 2104) is read: {@code env:<variable>},
     * {@code file:<path>} or {@code jndi:<name>}, holding at least 32 bytes in Base64. Never the key
     * itself, and it is never logged. Every node that shares a store needs the same key. Without
     * it, the memory store draws a random key at start-up, and the JCache store creates one once
     * in the grid.
     */
    public static final String CODE_KEY = "email2fa.codeKey";

    /**
     * The key {@code email2fa.codeKey} replaces, in the same form, while a rotation is under way:
     * codes hashed with it are still accepted, new codes use the new key.
     */
    public static final String CODE_KEY_PREVIOUS = "email2fa.codeKey.previous";

    /**
     * Where the key that seals authenticator-app secrets (AES-256-GCM) is read: {@code env:<variable>},
     * {@code file:<path>} or {@code jndi:<name>}, holding exactly 32 bytes in Base64. Never the key
     * itself, and it is never logged. Without it, users cannot add an authenticator app; apps
     * already added stop working until it is back. Every node needs the same key.
     *
     * <pre>{@code
     * <context-param>
     *   <param-name>email2fa.app.secretKey</param-name>
     *   <param-value>env:EMAIL2FA_APP_KEY</param-value>
     * </context-param>
     * }</pre>
     */
    public static final String APP_SECRET_KEY = "email2fa.app.secretKey";

    /**
     * The key {@code email2fa.app.secretKey} replaces, in the same form, while a rotation is under
     * way: secrets sealed with it still open, and each is sealed again with the new key when its
     * app is next used.
     */
    public static final String APP_SECRET_KEY_PREVIOUS = "email2fa.app.secretKey.previous";

    /** The HMAC of app codes (RFC 6238 section 1.2): {@code SHA1}, {@code SHA256} or {@code SHA512}. Default {@value #DEFAULT_APP_ALGORITHM}, which every app supports. */
    public static final String APP_ALGORITHM = "email2fa.app.algorithm";
    public static final String DEFAULT_APP_ALGORITHM = "SHA1";

    /** Digits of an app code, 6 to 8. Default {@value #DEFAULT_APP_DIGITS}. */
    public static final String APP_DIGITS = "email2fa.app.digits";
    public static final String DEFAULT_APP_DIGITS = "6";

    /** The time step of app codes (RFC 6238 section 4), 15 s to 2 min. Default {@value #DEFAULT_APP_PERIOD}. */
    public static final String APP_PERIOD = "email2fa.app.period";
    public static final String DEFAULT_APP_PERIOD = "30s";

    /**
     * Time steps before and after the current one whose codes are also accepted, 0 to 2, for clocks
     * that drift and users who type slowly (RFC 6238 section 5.2). Default {@value #DEFAULT_APP_SKEW_STEPS}.
     */
    public static final String APP_SKEW_STEPS = "email2fa.app.skewSteps";
    public static final String DEFAULT_APP_SKEW_STEPS = "1";

    /** The issuer an app shows above the code (the otpauth URI's {@code issuer}). Default: {@code email2fa.appName}. */
    public static final String APP_ISSUER = "email2fa.app.issuer";

    /**
     * Whether users may register passkeys (WebAuthn) and use them as their second factor, on an
     * account store that keeps them. Default {@value #DEFAULT_PASSKEY_ENABLED}.
     */
    public static final String PASSKEY_ENABLED = "email2fa.passkey.enabled";
    public static final String DEFAULT_PASSKEY_ENABLED = "true";

    /**
     * The relying party id passkeys are bound to (W3C WebAuthn Level 3 section 5.1.4, "RP ID"): a
     * host name such as {@code shop.example}, which every page's host is or ends with. Passkeys made
     * under one id never work under another, so set it before users register any. Default: the host
     * each request came to, which suits one host name (not an IP address, which browsers refuse).
     */
    public static final String PASSKEY_RP_ID = "email2fa.passkey.rpId";

    /**
     * The exact origins the pages run on, comma-separated, as browsers write them
     * ({@code https://host} or {@code https://host:port}; {@code http://} only for {@code localhost}).
     * Default: {@code https://} and {@code email2fa.passkey.rpId} when that is set, else the origin
     * of each request (its scheme, host and port, behind trusted proxies as they report them).
     */
    public static final String PASSKEY_ORIGINS = "email2fa.passkey.origins";

    /**
     * Whether the authenticator must verify the user (PIN, fingerprint, face) on every use
     * ({@code required}) or is only asked to ({@code preferred}; WebAuthn section 5.8.6). Default
     * {@value #DEFAULT_PASSKEY_USER_VERIFICATION}.
     */
    public static final String PASSKEY_USER_VERIFICATION = "email2fa.passkey.userVerification";
    public static final String DEFAULT_PASSKEY_USER_VERIFICATION = "preferred";

    /** How long the browser's passkey dialogue, and its challenge, stays valid, 30 s to 10 min. Default {@value #DEFAULT_PASSKEY_TIMEOUT}. */
    public static final String PASSKEY_TIMEOUT = "email2fa.passkey.timeout";
    public static final String DEFAULT_PASSKEY_TIMEOUT = "5m";

    /** Every setting name this version knows, in the order they are declared. */
    public static final List<String> ALL = KnownSettings.ALL.stream().map(Setting::name).toList();

    /** Settings whose values never reach a log line. */
    public static final List<String> SECRETS = KnownSettings.ALL.stream().filter(Setting::secret).map(Setting::name).toList();

    private ContextParams() {
    }
}
