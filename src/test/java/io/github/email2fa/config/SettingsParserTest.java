package io.github.email2fa.config;

import static io.github.email2fa.config.ContextParams.*;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.config.MailSettings.TlsMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Covers {@link SettingsParser} on valid input: defaults, and each accepted form of each value. */
class SettingsParserTest {

    /** The least a deployment must set: where mail goes out, and from whom. */
    static Map<String, String> smtp() {
        Map<String, String> values = new HashMap<>();
        values.put(SMTP_HOST, "mail.example.com");
        values.put(SMTP_FROM, "no-reply@example.com");
        return values;
    }

    static Settings parse(String key, String value) {
        Map<String, String> values = smtp();
        values.put(key, value);
        return SettingsParser.parse(values, "Shop");
    }

    @Test
    void parseWhenOnlySmtpGivenThenDefaults() {
        Settings settings = SettingsParser.parse(smtp(), "Shop");

        assertAll(
                () -> assertNull(settings.subjectAttribute()),
                () -> assertNull(settings.emailResolverClass()),
                () -> assertNull(settings.emailAttribute()),
                () -> assertEquals(List.of(), settings.exclusions()),
                () -> assertEquals("/", settings.loginPage()),
                () -> assertEquals("Shop", settings.appName()),
                () -> assertEquals(6, settings.codeLength()),
                () -> assertEquals(Duration.ofMinutes(5), settings.codeTtl()),
                () -> assertEquals(5, settings.maxAttempts()),
                () -> assertEquals(Duration.ofSeconds(30), settings.resendCooldown()),
                () -> assertEquals(100_000, settings.cacheMaximumSize()),
                () -> assertEquals("/WEB-INF/email2fa/challenge.jsp", settings.challengePage()),
                () -> assertNull(settings.mail().jndiName()),
                () -> assertEquals("mail.example.com", settings.mail().host()),
                () -> assertEquals(TlsMode.STARTTLS, settings.mail().tls()),
                () -> assertEquals(587, settings.mail().port()),
                () -> assertNull(settings.mail().user()),
                () -> assertNull(settings.mail().password()),
                () -> assertEquals("no-reply@example.com", settings.mail().from()),
                () -> assertEquals(Duration.ofSeconds(10), settings.mail().timeout()));
    }

    @ParameterizedTest(name = "{0}=''{1}''")
    @MethodSource("validValues")
    void parseWhenValueValidThenParsed(String key, String value, Function<Settings, Object> field, Object expected) {
        assertEquals(expected, field.apply(parse(key, value)));
    }

    static Stream<Arguments> validValues() {
        return Stream.of(
                valid(CODE_TTL, "90s", Settings::codeTtl, Duration.ofSeconds(90)),
                valid(CODE_TTL, "5m", Settings::codeTtl, Duration.ofMinutes(5)),
                valid(CODE_TTL, "PT5M", Settings::codeTtl, Duration.ofMinutes(5)),
                valid(CODE_TTL, "30s", Settings::codeTtl, Duration.ofSeconds(30)),
                valid(CODE_TTL, "10m", Settings::codeTtl, Duration.ofMinutes(10)),
                valid(RESEND_COOLDOWN, "500ms", Settings::resendCooldown, Duration.ofMillis(500)),
                valid(RESEND_COOLDOWN, "0s", Settings::resendCooldown, Duration.ZERO),
                valid(SMTP_TIMEOUT, "PT1M30S", s -> s.mail().timeout(), Duration.ofSeconds(90)),
                valid(CODE_LENGTH, "6", Settings::codeLength, 6),
                valid(CODE_LENGTH, "10", Settings::codeLength, 10),
                valid(CODE_LENGTH, " 8 ", Settings::codeLength, 8),
                valid(CODE_MAX_ATTEMPTS, "1", Settings::maxAttempts, 1),
                valid(CODE_MAX_ATTEMPTS, "10", Settings::maxAttempts, 10),
                valid(CACHE_MAXIMUM_SIZE, "100", Settings::cacheMaximumSize, 100L),
                valid(SMTP_PORT, "2525", s -> s.mail().port(), 2525),
                valid(EXCLUDE, "/login, /static/*", Settings::exclusions, List.of("/login", "/static/*")),
                valid(EXCLUDE, "/*", Settings::exclusions, List.of("/*")),
                valid(SUBJECT_SOURCE, "container", Settings::subjectAttribute, null),
                valid(SUBJECT_SOURCE, "session:user", Settings::subjectAttribute, "user"),
                valid(EMAIL_RESOLVER, "com.example.Directory", Settings::emailResolverClass, "com.example.Directory"),
                valid(LOGIN_PAGE, "/login.jsp", Settings::loginPage, "/login.jsp"),
                valid(APP_NAME, "  Example Shop ", Settings::appName, "Example Shop"),
                valid(SMTP_USER, "mailer", s -> s.mail().user(), "mailer"));
    }

    @ParameterizedTest(name = "{0} -> port {2}")
    @CsvSource({"none, NONE, 25", "starttls, STARTTLS, 587", "smtps, SMTPS, 465"})
    void parseWhenTlsModeGivenThenItsDefaultPort(String value, TlsMode mode, int port) {
        MailSettings mail = parse(SMTP_TLS, value).mail();

        assertEquals(mode, mail.tls());
        assertEquals(port, mail.port());
    }

    @Test
    void parseWhenMailSessionGivenThenSmtpHostAndFromNotNeeded() {
        Settings settings = SettingsParser.parse(Map.of(MAIL_SESSION, "mail/email2fa"), "Shop");

        assertEquals("mail/email2fa", settings.mail().jndiName());
    }

    @Test
    void parseWhenNoAppNameAndNoDefaultThenGenericName() {
        assertEquals("your account", SettingsParser.parse(smtp(), null).appName());
    }

    @Test
    void toStringWhenPasswordSetThenMasked() {
        Map<String, String> values = smtp();
        values.put(SMTP_USER, "mailer");
        values.put(SMTP_PASSWORD, "s3cr3t-Pa55");

        String shown = SettingsParser.parse(values, "Shop").mail().toString();

        assertFalse(shown.contains("s3cr3t-Pa55"), shown);
        assertTrue(shown.contains("password=****"), shown);
    }

    @Test
    void toStringWhenMailSessionSetThenShowsOnlyWhatIsUsed() {
        Map<String, String> values = smtp();
        values.put(MAIL_SESSION, "java:comp/env/mail/email2fa");

        String shown = SettingsParser.parse(values, "Shop").mail().toString();

        assertEquals("MailSettings[jndiName=java:comp/env/mail/email2fa, from=" + values.get(SMTP_FROM) + "]", shown);
    }

    private static Arguments valid(String key, String value, Function<Settings, Object> field, Object expected) {
        return Arguments.of(key, value, field, expected);
    }
}
