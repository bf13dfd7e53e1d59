package io.github.email2fa.config;

import static io.github.email2fa.config.ContextParams.*;

import io.github.email2fa.config.MailSettings.TlsMode;
import io.github.email2fa.limit.ClientAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns raw {@code email2fa.*} values into {@link Settings}, checking every one.
 *
 * <p>It never stops at the first problem: it gathers all of them, so that an operator can fix
 * a deployment in one go, and throws a single {@link InvalidSettingsException} naming each bad
 * key, its value and the accepted form.
 */
public final class SettingsParser {

    private static final Pattern SUBJECT_SOURCE_FORM = Pattern.compile("container|session:[^\\s,]+");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern EXCLUSION = Pattern.compile("/[^\\s*;]*(/\\*)?|/\\*");
    private static final Pattern PAGE_PATH = Pattern.compile("/[^\\s;?#]*");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\"]+@[^\\s@<>\"]+");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    private SettingsParser(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /**
     * Parses the given {@code email2fa.*} values.
     *
     * @param values every {@code email2fa.*} name found, with its value
     * @param defaultAppName the application name to use when {@code email2fa.appName} is absent
     * @return the settings
     * @throws InvalidSettingsException naming every unknown, malformed or missing setting
     */
    public static Settings parse(Map<String, String> values, String defaultAppName) {
        SettingsParser parser = new SettingsParser(values);
        Settings settings = parser.settings(defaultAppName);
        if (!parser.problems.isEmpty()) {
            throw new InvalidSettingsException(parser.problems);
        }
        return settings;
    }

    private Settings settings(String defaultAppName) {
        for (String name : values.keySet()) {
            if (!ALL.contains(name)) {
                problems.add(name + "='" + shown(name) + "': unknown setting; known settings are " + String.join(", ", ALL));
            }
        }
        String subjectSource = matching(SUBJECT_SOURCE, DEFAULT_SUBJECT_SOURCE, SUBJECT_SOURCE_FORM,
                "'container' or 'session:<attribute name>'");
        String subjectAttribute = subjectSource != null && subjectSource.startsWith("session:")
                ? subjectSource.substring("session:".length()) : null;
        String resolver = matching(EMAIL_RESOLVER, null, CLASS_NAME, "a fully qualified class name");
        String emailAttribute = matching(EMAIL_ATTRIBUTE, null, Pattern.compile("[^\\s,]+"), "a session attribute name");
        List<String> exclusions = exclusions();
        String loginPage = matching(LOGIN_PAGE, DEFAULT_LOGIN_PAGE, PAGE_PATH, "a path starting with '/'");
        String appName = text(APP_NAME, defaultAppName == null || defaultAppName.isBlank() ? "your account" : defaultAppName);
        int codeLength = (int) number(CODE_LENGTH, DEFAULT_CODE_LENGTH, 6, 10);
        Duration ttl = duration(CODE_TTL, DEFAULT_CODE_TTL, Duration.ofSeconds(30), Duration.ofMinutes(10));
        int maxAttempts = (int) number(CODE_MAX_ATTEMPTS, DEFAULT_CODE_MAX_ATTEMPTS, 1, 10);
        Duration cooldown = duration(RESEND_COOLDOWN, DEFAULT_RESEND_COOLDOWN, Duration.ZERO, Duration.ofMinutes(10));
        long cacheSize = number(CACHE_MAXIMUM_SIZE, DEFAULT_CACHE_MAXIMUM_SIZE, 100, 10_000_000);
        String page = matching(PAGE_CHALLENGE, DEFAULT_PAGE_CHALLENGE, PAGE_PATH, "a path starting with '/'");
        MailSettings mail = mail();
        LimitSettings limits = limits();
        boolean notifyLockout = flag(NOTIFY_LOCKOUT, true);
        String auditListener = matching(AUDIT_LISTENER, null, CLASS_NAME, "a fully qualified class name");
        String adminRole = matching(ADMIN_ROLE, null, Pattern.compile("[^\\s,]+"), "a role name");
        boolean mailCheck = flag(MAIL_CHECK_ON_STARTUP, true);
        boolean requireHttps = flag(REQUIRE_HTTPS, true);
        return new Settings(subjectAttribute, resolver, emailAttribute, exclusions, loginPage, appName,
                codeLength, ttl, maxAttempts, cooldown, cacheSize, page, mail, limits, notifyLockout, auditListener,
                adminRole, mailCheck, requireHttps, accounts());
    }

    private AccountSettings accounts() {
        String policy = matching(POLICY, DEFAULT_POLICY, Pattern.compile("required|recommended|optional"),
                "one of required, recommended, optional");
        String accountStore = matching(ACCOUNT_STORE, null, CLASS_NAME, "a fully qualified class name");
        String dataSource = matching(DATASOURCE, DEFAULT_DATASOURCE, Pattern.compile("[^\\s]+"), "a JNDI name such as jdbc/email2fa");
        boolean createSchema = flag(DATASOURCE_CREATE_SCHEMA, true);
        List<String> stepUpPaths = pathPatterns(STEP_UP_PATHS);
        Duration maxAge = duration(STEP_UP_MAX_AGE, DEFAULT_STEP_UP_MAX_AGE, Duration.ofSeconds(1), Duration.ofHours(1));
        String factor = matching(STEP_UP_FACTOR, "email", Pattern.compile("email|backup-code"), "email or backup-code");
        int rememberDays = (int) number(REMEMBER_DEVICE_DAYS, DEFAULT_REMEMBER_DEVICE_DAYS, 0, 365);
        return new AccountSettings(
                policy == null ? AccountSettings.Policy.REQUIRED : AccountSettings.Policy.valueOf(policy.toUpperCase(Locale.ROOT)),
                accountStore, dataSource, createSchema, stepUpPaths, maxAge,
                "backup-code".equals(factor) ? AccountSettings.StepUpFactor.BACKUP_CODE : AccountSettings.StepUpFactor.EMAIL,
                rememberDays);
    }

    private LimitSettings limits() {
        int threshold = (int) number(LOCKOUT_THRESHOLD, DEFAULT_LOCKOUT_THRESHOLD, 1, 100);
        Duration window = duration(LOCKOUT_WINDOW, DEFAULT_LOCKOUT_WINDOW, Duration.ofMinutes(1), Duration.ofHours(24));
        List<Duration> lockouts = lockoutDurations();
        int hardLimit = (int) number(LOCKOUT_HARD_LIMIT, DEFAULT_LOCKOUT_HARD_LIMIT, threshold, 100);
        int perAccount = (int) number(SEND_PER_ACCOUNT, DEFAULT_SEND_PER_ACCOUNT, 1, 1000);
        Duration accountWindow = duration(SEND_ACCOUNT_WINDOW, DEFAULT_SEND_ACCOUNT_WINDOW, Duration.ofMinutes(1), Duration.ofHours(24));
        int perDay = (int) number(SEND_PER_ACCOUNT_PER_DAY, DEFAULT_SEND_PER_ACCOUNT_PER_DAY, 1, 10_000);
        int perIp = (int) number(SEND_PER_IP, DEFAULT_SEND_PER_IP, 1, 100_000);
        Duration ipWindow = duration(SEND_IP_WINDOW, DEFAULT_SEND_IP_WINDOW, Duration.ofMinutes(1), Duration.ofHours(24));
        List<String> proxies = new ArrayList<>();
        String rawProxies = text(TRUSTED_PROXIES, "");
        for (String part : rawProxies.split(",")) {
            String block = part.strip();
            if (block.isEmpty()) {
                continue;
            }
            if (ClientAddress.isValidCidr(block)) {
                proxies.add(block);
            } else {
                problems.add(TRUSTED_PROXIES + "='" + rawProxies + "': '" + block
                        + "' is not an IP address or CIDR block such as 10.0.0.0/8, 192.168.1.10 or fd00::/8");
            }
        }
        return new LimitSettings(threshold, window, lockouts, hardLimit, perAccount, accountWindow, perDay, perIp, ipWindow, proxies);
    }

    private List<Duration> lockoutDurations() {
        String raw = text(LOCKOUT_DURATIONS, DEFAULT_LOCKOUT_DURATIONS);
        List<Duration> durations = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            Duration duration = parseDuration(part.strip());
            if (duration == null || duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofHours(24)) > 0
                    || !durations.isEmpty() && duration.compareTo(durations.get(durations.size() - 1)) < 0) {
                durations = null;
                break;
            }
            durations.add(duration);
        }
        if (durations == null || durations.isEmpty() || durations.size() > 10) {
            problems.add(LOCKOUT_DURATIONS + "='" + raw + "': expected 1 to 10 growing durations from 1s to 24h, "
                    + "comma-separated, like 1m,5m,15m");
            return List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
        }
        return durations;
    }

    private MailSettings mail() {
        String jndi = matching(MAIL_SESSION, null, Pattern.compile("[^\\s]+"), "a JNDI name such as mail/email2fa");
        String host = matching(SMTP_HOST, null, Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+"), "a host name or IP address");
        TlsMode tls = choice(SMTP_TLS, DEFAULT_SMTP_TLS);
        int port = (int) number(SMTP_PORT, tls == null ? 25 : tls.defaultPort(), 1, 65535);
        String user = text(SMTP_USER, null);
        String password = text(SMTP_PASSWORD, null);
        String from = matching(SMTP_FROM, null, ADDRESS, "an email address such as no-reply@example.com");
        Duration timeout = duration(SMTP_TIMEOUT, DEFAULT_SMTP_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(2));
        if (jndi == null && text(MAIL_SESSION, null) == null) {
            if (host == null && text(SMTP_HOST, null) == null) {
                problems.add(SMTP_HOST + " is missing: set it to a host name or IP address, or set " + MAIL_SESSION
                        + " to the JNDI name of a mail session");
            }
            if (from == null && text(SMTP_FROM, null) == null) {
                problems.add(SMTP_FROM + " is missing: set it to an email address such as no-reply@example.com");
            }
        }
        if (password != null && user == null) {
            problems.add(SMTP_PASSWORD + "='****': a password needs " + SMTP_USER + " as well");
        }
        return new MailSettings(jndi, host, port, tls == null ? TlsMode.STARTTLS : tls, user, password, from, timeout);
    }

    private List<String> exclusions() {
        return pathPatterns(EXCLUDE);
    }

    /** Comma-separated exact paths and {@code /prefix/*} patterns. */
    private List<String> pathPatterns(String name) {
        String raw = text(name, "");
        List<String> paths = new ArrayList<>();
        for (String part : raw.split(",")) {
            String path = part.strip();
            if (path.isEmpty()) {
                continue;
            }
            if (EXCLUSION.matcher(path).matches()) {
                paths.add(path);
            } else {
                problems.add(name + "='" + raw + "': '" + path + "' is not an exact path like /login or a prefix like /static/*"
                        + " (extension patterns such as *.css are refused because they also match protected servlets)");
            }
        }
        return paths;
    }

    private String text(String name, String defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? defaultValue : trimmed;
    }

    private String matching(String name, String defaultValue, Pattern form, String accepted) {
        String value = text(name, defaultValue);
        if (value != null && !form.matcher(value).matches()) {
            problems.add(name + "='" + shown(name) + "': expected " + accepted);
            return null;
        }
        return value;
    }

    private long number(String name, long defaultValue, long min, long max) {
        String value = text(name, null);
        if (value == null) {
            return defaultValue;
        }
        if (value.matches("\\d{1,12}")) {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        problems.add(name + "='" + shown(name) + "': expected a whole number from " + min + " to " + max);
        return defaultValue;
    }

    private Duration duration(String name, String defaultValue, Duration min, Duration max) {
        String value = text(name, defaultValue);
        Duration parsed = parseDuration(value);
        if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            problems.add(name + "='" + shown(name) + "': expected a duration from " + format(min) + " to " + format(max)
                    + ", written like 90s, 5m or PT5M");
            return parseDuration(defaultValue);
        }
        return parsed;
    }

    private boolean flag(String name, boolean defaultValue) {
        String value = text(name, String.valueOf(defaultValue));
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        problems.add(name + "='" + shown(name) + "': expected true or false");
        return defaultValue;
    }

    private TlsMode choice(String name, String defaultValue) {
        String value = text(name, defaultValue);
        for (TlsMode mode : TlsMode.values()) {
            if (mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        problems.add(name + "='" + shown(name) + "': expected one of none, starttls, smtps");
        return null;
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601; {@code null} when malformed. */
    static Duration parseDuration(String value) {
        if (value == null) {
            return null;
        }
        var matcher = DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                return Duration.parse(value);
            } catch (RuntimeException malformed) {
                return null;
            }
        }
        return null;
    }

    private static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
    }

    /**
     * The raw value as it may appear in a message: secrets are masked, and so is anything whose
     * name suggests one, since a misspelt password key must not leak the password.
     */
    private String shown(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean secret = SECRETS.contains(name) || lower.contains("pass") || lower.contains("secret") || lower.contains("key");
        return secret ? "****" : values.get(name);
    }
}
