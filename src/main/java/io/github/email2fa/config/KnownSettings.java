package io.github.email2fa.config;

import static io.github.email2fa.config.ContextParams.*;
import static io.github.email2fa.config.Form.duration;
import static io.github.email2fa.config.Form.durationOrOff;
import static io.github.email2fa.config.Form.flag;
import static io.github.email2fa.config.Form.matching;
import static io.github.email2fa.config.Form.oneOf;
import static io.github.email2fa.config.Form.wholeNumber;

import io.github.email2fa.config.AccountSettings.Policy;
import io.github.email2fa.config.AccountSettings.StepUpFactor;
import io.github.email2fa.config.MailSettings.TlsMode;
import io.github.email2fa.limit.ClientAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every setting, declared once: its name and default (the {@link ContextParams} constants) with
 * the form its value takes. {@link SettingsParser} reads each through its declaration,
 * {@link ContextParams#ALL} lists them in the order declared here, and a test holds the README's
 * settings table to them.
 *
 * <p>A new setting gets its name (and default) in {@code ContextParams}, a declaration here, a
 * read in the parser, and a row in the README.
 */
final class KnownSettings {

    /** Filled by {@link #declare} as the declarations below run, in order; so it comes first and {@link #ALL} last. */
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    private static final Form<String> CLASS_NAME = matching("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*",
            "a fully qualified class name");
    private static final Form<String> PAGE_PATH = matching("/[^\\s;?#]*", "a path starting with '/'");
    private static final Form<List<String>> PATHS = Form.items(
            Pattern.compile("/[^\\s*;]*(/\\*)?|/\\*").asMatchPredicate(),
            "is not an exact path like /login or a prefix like /static/* (extension patterns such as *.css are refused"
                    + " because they also match protected servlets)");
    private static final String NAMELESS_APP = "your account";

    static final Setting<String> SUBJECT_SOURCE = declare(ContextParams.SUBJECT_SOURCE, DEFAULT_SUBJECT_SOURCE,
            matching("container|session:[^\\s,]+", "'container' or 'session:<attribute name>'"));
    static final Setting<String> SUBJECT_RESOLVER = declare(ContextParams.SUBJECT_RESOLVER, null, CLASS_NAME);
    static final Setting<String> EMAIL_RESOLVER = declare(ContextParams.EMAIL_RESOLVER, null, CLASS_NAME);
    static final Setting<String> EMAIL_ATTRIBUTE = declare(ContextParams.EMAIL_ATTRIBUTE, null,
            matching("[^\\s,]+", "a session attribute name"));
    static final Setting<List<String>> EXCLUDE = declare(ContextParams.EXCLUDE, DEFAULT_EXCLUDE, PATHS);
    static final Setting<String> LOGIN_PAGE = declare(ContextParams.LOGIN_PAGE, DEFAULT_LOGIN_PAGE, PAGE_PATH);
    /** Its default is the servlet context's display name, which the parser is given; without one, {@value #NAMELESS_APP}. */
    static final Setting<String> APP_NAME = declare(Setting.of(ContextParams.APP_NAME, NAMELESS_APP, Form.text())
            .shownAs("the WAR's <display-name>, else " + NAMELESS_APP));
    static final Setting<Long> CODE_LENGTH = declare(ContextParams.CODE_LENGTH, DEFAULT_CODE_LENGTH, wholeNumber(6, 10));
    static final Setting<Duration> CODE_TTL = declare(ContextParams.CODE_TTL, DEFAULT_CODE_TTL,
            duration(Duration.ofSeconds(30), Duration.ofMinutes(10)));
    static final Setting<Long> CODE_MAX_ATTEMPTS = declare(ContextParams.CODE_MAX_ATTEMPTS, DEFAULT_CODE_MAX_ATTEMPTS, wholeNumber(1, 10));
    static final Setting<Duration> RESEND_COOLDOWN = declare(ContextParams.RESEND_COOLDOWN, DEFAULT_RESEND_COOLDOWN,
            duration(Duration.ZERO, Duration.ofMinutes(10)));
    static final Setting<Long> CACHE_MAXIMUM_SIZE = declare(ContextParams.CACHE_MAXIMUM_SIZE, DEFAULT_CACHE_MAXIMUM_SIZE,
            wholeNumber(100, 10_000_000));
    static final Setting<String> PAGE_CHALLENGE = declare(ContextParams.PAGE_CHALLENGE, DEFAULT_PAGE_CHALLENGE, PAGE_PATH);
    static final Setting<String> MAIL_SESSION = declare(ContextParams.MAIL_SESSION, null,
            matching("[^\\s]+", "a JNDI name such as mail/email2fa"));
    static final Setting<String> SMTP_HOST = declare(ContextParams.SMTP_HOST, null,
            matching("[A-Za-z0-9.\\-\\[\\]:]+", "a host name or IP address"));
    /** Its default is the usual port of the TLS mode in force, which the parser passes in. */
    static final Setting<Long> SMTP_PORT = declare(Setting.of(ContextParams.SMTP_PORT, null, wholeNumber(1, 65535))
            .shownAs(Arrays.stream(TlsMode.values()).map(mode -> String.valueOf(mode.defaultPort()))
                    .collect(Collectors.joining(" / ", "", " by tls"))));
    static final Setting<TlsMode> SMTP_TLS = declare(ContextParams.SMTP_TLS, DEFAULT_SMTP_TLS, Form.oneOfAnyCase(TlsMode.values()));
    static final Setting<String> SMTP_USER = declare(ContextParams.SMTP_USER, null, Form.text());
    static final Setting<String> SMTP_PASSWORD = declare(Setting.of(ContextParams.SMTP_PASSWORD, null, Form.text()).masked());
    static final Setting<String> SMTP_FROM = declare(ContextParams.SMTP_FROM, null,
            matching("[^\\s@<>\"]+@[^\\s@<>\"]+", "an email address such as no-reply@example.com"));
    static final Setting<Duration> SMTP_TIMEOUT = declare(ContextParams.SMTP_TIMEOUT, DEFAULT_SMTP_TIMEOUT,
            duration(Duration.ofSeconds(1), Duration.ofMinutes(2)));
    static final Setting<Long> LOCKOUT_THRESHOLD = declare(ContextParams.LOCKOUT_THRESHOLD, DEFAULT_LOCKOUT_THRESHOLD,
            wholeNumber(1, 100));
    static final Setting<Duration> LOCKOUT_WINDOW = declare(ContextParams.LOCKOUT_WINDOW, DEFAULT_LOCKOUT_WINDOW,
            duration(Duration.ofMinutes(1), Duration.ofHours(24)));
    static final Setting<List<Duration>> LOCKOUT_DURATIONS = declare(ContextParams.LOCKOUT_DURATIONS, DEFAULT_LOCKOUT_DURATIONS,
            Form.growingDurations(10, Duration.ofSeconds(1), Duration.ofHours(24), DEFAULT_LOCKOUT_DURATIONS));
    /** Its least value is the lockout threshold in force, which the parser sets with {@link Setting#from}. */
    static final Setting<Long> LOCKOUT_HARD_LIMIT = declare(ContextParams.LOCKOUT_HARD_LIMIT, DEFAULT_LOCKOUT_HARD_LIMIT,
            wholeNumber(1, 100));
    static final Setting<Long> SEND_PER_ACCOUNT = declare(ContextParams.SEND_PER_ACCOUNT, DEFAULT_SEND_PER_ACCOUNT, wholeNumber(1, 1000));
    static final Setting<Duration> SEND_ACCOUNT_WINDOW = declare(ContextParams.SEND_ACCOUNT_WINDOW, DEFAULT_SEND_ACCOUNT_WINDOW,
            duration(Duration.ofMinutes(1), Duration.ofHours(24)));
    static final Setting<Long> SEND_PER_ACCOUNT_PER_DAY = declare(ContextParams.SEND_PER_ACCOUNT_PER_DAY,
            DEFAULT_SEND_PER_ACCOUNT_PER_DAY, wholeNumber(1, 10_000));
    static final Setting<Long> SEND_PER_IP = declare(ContextParams.SEND_PER_IP, DEFAULT_SEND_PER_IP, wholeNumber(1, 100_000));
    static final Setting<Duration> SEND_IP_WINDOW = declare(ContextParams.SEND_IP_WINDOW, DEFAULT_SEND_IP_WINDOW,
            duration(Duration.ofMinutes(1), Duration.ofHours(24)));
    static final Setting<List<String>> TRUSTED_PROXIES = declare(ContextParams.TRUSTED_PROXIES, "", Form.items(
            ClientAddress::isValidCidr, "is not an IP address or CIDR block such as 10.0.0.0/8, 192.168.1.10 or fd00::/8"));
    static final Setting<Boolean> NOTIFY_LOCKOUT = declare(ContextParams.NOTIFY_LOCKOUT, DEFAULT_NOTIFY_LOCKOUT, flag());
    static final Setting<String> AUDIT_LISTENER = declare(ContextParams.AUDIT_LISTENER, null, CLASS_NAME);
    static final Setting<String> MAILER = declare(ContextParams.MAILER, null, CLASS_NAME);
    static final Setting<String> ADMIN_ROLE = declare(ContextParams.ADMIN_ROLE, null, matching("[^\\s,]+", "a role name"));
    static final Setting<Boolean> MAIL_CHECK_ON_STARTUP = declare(ContextParams.MAIL_CHECK_ON_STARTUP, DEFAULT_MAIL_CHECK_ON_STARTUP,
            flag());
    static final Setting<Boolean> REQUIRE_HTTPS = declare(ContextParams.REQUIRE_HTTPS, DEFAULT_REQUIRE_HTTPS, flag());
    static final Setting<Policy> POLICY = declare(ContextParams.POLICY, DEFAULT_POLICY, oneOf(Policy.values()));
    static final Setting<String> ACCOUNT_STORE = declare(ContextParams.ACCOUNT_STORE, null, CLASS_NAME);
    static final Setting<String> DATASOURCE = declare(ContextParams.DATASOURCE, DEFAULT_DATASOURCE,
            matching("[^\\s]+", "a JNDI name such as jdbc/email2fa"));
    static final Setting<Boolean> DATASOURCE_CREATE_SCHEMA = declare(ContextParams.DATASOURCE_CREATE_SCHEMA,
            DEFAULT_DATASOURCE_CREATE_SCHEMA, flag());
    static final Setting<List<String>> STEP_UP_PATHS = declare(ContextParams.STEP_UP_PATHS, "", PATHS);
    static final Setting<Duration> STEP_UP_MAX_AGE = declare(ContextParams.STEP_UP_MAX_AGE, DEFAULT_STEP_UP_MAX_AGE,
            duration(Duration.ofSeconds(1), Duration.ofHours(1)));
    static final Setting<StepUpFactor> STEP_UP_FACTOR = declare(ContextParams.STEP_UP_FACTOR, DEFAULT_STEP_UP_FACTOR,
            oneOf(StepUpFactor.values()));
    static final Setting<Long> REMEMBER_DEVICE_DAYS = declare(ContextParams.REMEMBER_DEVICE_DAYS, DEFAULT_REMEMBER_DEVICE_DAYS,
            wholeNumber(0, 365));
    static final Setting<Duration> VERIFIED_MAX_AGE = declare(ContextParams.VERIFIED_MAX_AGE, DEFAULT_VERIFIED_MAX_AGE,
            durationOrOff(Duration.ofSeconds(1), Duration.ofDays(30)));
    static final Setting<Boolean> SESSION_REJECT_URL_IDS = declare(ContextParams.SESSION_REJECT_URL_IDS,
            DEFAULT_SESSION_REJECT_URL_IDS, flag());
    static final Setting<String> SESSION_SAME_SITE = declare(ContextParams.SESSION_SAME_SITE, DEFAULT_SESSION_SAME_SITE,
            matching("Lax|Strict|None|keep", "Lax, Strict, None or keep"));
    static final Setting<String> STORE = declare(ContextParams.STORE, DEFAULT_STORE,
            matching("memory|jcache", "memory or jcache"));
    static final Setting<String> STORE_CACHE_MANAGER = declare(ContextParams.STORE_CACHE_MANAGER, null,
            matching("jndi:\\S+|[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*",
                    "jndi:<name> or a fully qualified class name"));
    private static final Form<String> SECRET = matching("(env|file|jndi):\\S.*",
            "where to read the secret: env:<variable>, file:<path> or jndi:<name> (never the key itself)");
    static final Setting<String> CODE_KEY = declare(ContextParams.CODE_KEY, null, SECRET);
    static final Setting<String> CODE_KEY_PREVIOUS = declare(ContextParams.CODE_KEY_PREVIOUS, null, SECRET);
    static final Setting<String> APP_SECRET_KEY = declare(ContextParams.APP_SECRET_KEY, null, SECRET);
    static final Setting<String> APP_SECRET_KEY_PREVIOUS = declare(ContextParams.APP_SECRET_KEY_PREVIOUS, null, SECRET);
    static final Setting<String> APP_ALGORITHM = declare(ContextParams.APP_ALGORITHM, ContextParams.DEFAULT_APP_ALGORITHM,
            matching("SHA1|SHA256|SHA512", "SHA1, SHA256 or SHA512"));
    static final Setting<Long> APP_DIGITS = declare(ContextParams.APP_DIGITS, ContextParams.DEFAULT_APP_DIGITS, wholeNumber(6, 8));
    static final Setting<Duration> APP_PERIOD = declare(ContextParams.APP_PERIOD, ContextParams.DEFAULT_APP_PERIOD,
            duration(Duration.ofSeconds(15), Duration.ofMinutes(2)));
    static final Setting<Long> APP_SKEW_STEPS = declare(ContextParams.APP_SKEW_STEPS, ContextParams.DEFAULT_APP_SKEW_STEPS,
            wholeNumber(0, 2));
    /** Its default is {@code email2fa.appName}. */
    static final Setting<String> APP_ISSUER = declare(Setting.of(ContextParams.APP_ISSUER, null, Form.text())
            .shownAs("the value of email2fa.appName"));
    static final Setting<Boolean> PASSKEY_ENABLED = declare(ContextParams.PASSKEY_ENABLED, DEFAULT_PASSKEY_ENABLED, flag());
    /** Its default is the host of each request. */
    static final Setting<String> PASSKEY_RP_ID = declare(Setting.of(ContextParams.PASSKEY_RP_ID, null,
            matching("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?", "a lower-case host name such as shop.example, without scheme, port or path"))
            .shownAs("the host of each request"));
    /** Its default follows {@code email2fa.passkey.rpId}. */
    static final Setting<List<String>> PASSKEY_ORIGINS = declare(Setting.of(ContextParams.PASSKEY_ORIGINS, null,
            Form.items(Pattern.compile("https?://[^/\\s?#]+").asMatchPredicate(),
                    "is not an origin like https://shop.example or https://shop.example:8443 (no path, no trailing slash)"))
            .shownAs("https://<rpId> if email2fa.passkey.rpId is set, else the origin of each request"));
    static final Setting<String> PASSKEY_USER_VERIFICATION = declare(ContextParams.PASSKEY_USER_VERIFICATION,
            DEFAULT_PASSKEY_USER_VERIFICATION, matching("preferred|required", "preferred or required"));
    static final Setting<Duration> PASSKEY_TIMEOUT = declare(ContextParams.PASSKEY_TIMEOUT, DEFAULT_PASSKEY_TIMEOUT,
            duration(Duration.ofSeconds(30), Duration.ofMinutes(10)));

    /** Every setting, in the order declared above. */
    static final List<Setting<?>> ALL = List.copyOf(DECLARED);

    private KnownSettings() {
    }

    private static <T> Setting<T> declare(String name, Object defaultValue, Form<T> form) {
        return declare(Setting.of(name, defaultValue, form));
    }

    private static <T> Setting<T> declare(Setting<T> setting) {
        DECLARED.add(setting);
        return setting;
    }
}
