package io.github.email2fa.config;

import static io.github.email2fa.config.KnownSettings.*;

import io.github.email2fa.config.AccountSettings.Policy;
import io.github.email2fa.config.AccountSettings.StepUpFactor;
import io.github.email2fa.config.MailSettings.TlsMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns raw {@code email2fa.*} values into {@link Settings}, checking every one against its
 * declaration in {@link KnownSettings}.
 *
 * <p>It never stops at the first problem: it gathers all of them, so that an operator can fix
 * a deployment in one go, and throws a single {@link InvalidSettingsException} naming each bad
 * key, its value and the accepted form. A refused value stands in as its default meanwhile, so
 * that checks which depend on it still run.
 */
public final class SettingsParser {

    private static final String SESSION = "session:";

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
            if (!ContextParams.ALL.contains(name)) {
                problems.add(name + "='" + shown(name) + "': unknown setting; known settings are "
                        + String.join(", ", ContextParams.ALL));
            }
        }
        String subjectSource = read(SUBJECT_SOURCE);
        String subjectAttribute = subjectSource.startsWith(SESSION) ? subjectSource.substring(SESSION.length()) : null;
        String resolver = read(EMAIL_RESOLVER);
        String emailAttribute = read(EMAIL_ATTRIBUTE);
        List<String> exclusions = read(EXCLUDE);
        String loginPage = read(LOGIN_PAGE);
        String appName = read(APP_NAME, defaultAppName == null || defaultAppName.isBlank() ? APP_NAME.defaultValue() : defaultAppName);
        int codeLength = read(CODE_LENGTH).intValue();
        Duration ttl = read(CODE_TTL);
        int maxAttempts = read(CODE_MAX_ATTEMPTS).intValue();
        Duration cooldown = read(RESEND_COOLDOWN);
        long cacheSize = read(CACHE_MAXIMUM_SIZE);
        String page = read(PAGE_CHALLENGE);
        String mailer = read(MAILER);
        MailSettings mail = mail(mailer != null);
        LimitSettings limits = limits();
        boolean notifyLockout = read(NOTIFY_LOCKOUT);
        String auditListener = read(AUDIT_LISTENER);
        String adminRole = read(ADMIN_ROLE);
        boolean mailCheck = read(MAIL_CHECK_ON_STARTUP);
        boolean requireHttps = read(REQUIRE_HTTPS);
        return new Settings(subjectAttribute, resolver, emailAttribute, exclusions, loginPage, appName,
                codeLength, ttl, maxAttempts, cooldown, cacheSize, page, mail, limits, notifyLockout, auditListener,
                adminRole, mailCheck, requireHttps, accounts(), read(SUBJECT_RESOLVER), mailer,
                new SessionSettings(read(VERIFIED_MAX_AGE), read(SESSION_REJECT_URL_IDS), read(SESSION_SAME_SITE)),
                new StoreSettings(read(STORE).equals("jcache") ? StoreSettings.Kind.JCACHE : StoreSettings.Kind.MEMORY,
                        read(STORE_CACHE_MANAGER), read(CODE_KEY), read(CODE_KEY_PREVIOUS)),
                app(appName), passkey());
    }

    private PasskeyConfig passkey() {
        return new PasskeyConfig(read(PASSKEY_ENABLED), read(PASSKEY_RP_ID), read(PASSKEY_ORIGINS),
                read(PASSKEY_USER_VERIFICATION).equals("required"), read(PASSKEY_TIMEOUT));
    }

    private AppSettings app(String appName) {
        String issuer = read(APP_ISSUER);
        return new AppSettings(read(APP_SECRET_KEY), read(APP_SECRET_KEY_PREVIOUS), read(APP_ALGORITHM), read(APP_DIGITS).intValue(),
                read(APP_PERIOD), read(APP_SKEW_STEPS).intValue(), issuer == null || issuer.isBlank() ? appName : issuer.strip());
    }

    private AccountSettings accounts() {
        Policy policy = read(POLICY);
        String accountStore = read(ACCOUNT_STORE);
        String dataSource = read(DATASOURCE);
        boolean createSchema = read(DATASOURCE_CREATE_SCHEMA);
        List<String> stepUpPaths = read(STEP_UP_PATHS);
        Duration maxAge = read(STEP_UP_MAX_AGE);
        StepUpFactor factor = read(STEP_UP_FACTOR);
        int rememberDays = read(REMEMBER_DEVICE_DAYS).intValue();
        return new AccountSettings(policy, accountStore, dataSource, createSchema, stepUpPaths, maxAge, factor, rememberDays);
    }

    private LimitSettings limits() {
        int threshold = read(LOCKOUT_THRESHOLD).intValue();
        Duration window = read(LOCKOUT_WINDOW);
        List<Duration> lockouts = read(LOCKOUT_DURATIONS);
        int hardLimit = read(LOCKOUT_HARD_LIMIT.from(threshold)).intValue();
        int perAccount = read(SEND_PER_ACCOUNT).intValue();
        Duration accountWindow = read(SEND_ACCOUNT_WINDOW);
        int perDay = read(SEND_PER_ACCOUNT_PER_DAY).intValue();
        int perIp = read(SEND_PER_IP).intValue();
        Duration ipWindow = read(SEND_IP_WINDOW);
        List<String> proxies = read(TRUSTED_PROXIES);
        return new LimitSettings(threshold, window, lockouts, hardLimit, perAccount, accountWindow, perDay, perIp, ipWindow, proxies);
    }

    /** @param ownMailer whether the application sends mail itself, so Jakarta Mail needs no server or sender */
    private MailSettings mail(boolean ownMailer) {
        String jndi = read(MAIL_SESSION);
        String host = read(SMTP_HOST);
        TlsMode tls = read(SMTP_TLS);
        int port = read(SMTP_PORT, (long) tls.defaultPort()).intValue();
        String user = read(SMTP_USER);
        String password = read(SMTP_PASSWORD);
        String from = read(SMTP_FROM);
        Duration timeout = read(SMTP_TIMEOUT);
        if (!isSet(MAIL_SESSION) && !ownMailer) {
            if (!isSet(SMTP_HOST)) {
                problems.add(SMTP_HOST.name() + " is missing: set it to a host name or IP address, or set " + MAIL_SESSION.name()
                        + " to the JNDI name of a mail session");
            }
            if (!isSet(SMTP_FROM)) {
                problems.add(SMTP_FROM.name() + " is missing: set it to an email address such as no-reply@example.com");
            }
        }
        if (isSet(SMTP_PASSWORD) && !isSet(SMTP_USER)) {
            problems.add(SMTP_PASSWORD.name() + "='****': a password needs " + SMTP_USER.name() + " as well");
        }
        return new MailSettings(jndi, host, port, tls, user, password, from, timeout);
    }

    private <T> T read(Setting<T> setting) {
        return read(setting, setting.defaultValue());
    }

    /**
     * The setting's value, or {@code whenUnset} when it is unset or blank; a refused value is
     * reported and {@code whenUnset} stands in.
     */
    private <T> T read(Setting<T> setting, T whenUnset) {
        String name = setting.name();
        if (!isSet(setting)) {
            return whenUnset;
        }
        String text = values.get(name).strip();
        String quoted = setting.form().quotesStripped() && !isSecret(name) ? text : shown(name);
        T value = setting.form().read(text, complaint -> problems.add(name + "='" + quoted + "': " + complaint));
        return value == null ? whenUnset : value;
    }

    /** Whether the setting has a value that is not blank. */
    private boolean isSet(Setting<?> setting) {
        String value = values.get(setting.name());
        return value != null && !value.isBlank();
    }

    /**
     * The raw value as it may appear in a message: secrets are masked, and so is anything whose
     * name suggests one, since a misspelt password key must not leak the password.
     */
    private String shown(String name) {
        return isSecret(name) ? "****" : values.get(name);
    }

    private static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ContextParams.SECRETS.contains(name) || lower.contains("pass") || lower.contains("secret") || lower.contains("key");
    }
}
