package io.github.email2fa.config;

import static io.github.email2fa.config.ContextParams.*;
import static io.github.email2fa.config.SettingsParserTest.smtp;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Covers {@link SettingsParser} on bad input: one exception naming every key, its value and the accepted form. */
class SettingsParserInvalidTest {

    @ParameterizedTest(name = "{0}=''{1}''")
    @MethodSource("invalidValues")
    void parseWhenValueInvalidThenMessageNamesKeyValueAndAcceptedForm(String key, String value, String accepted) {
        Map<String, String> values = smtp();
        values.put(key, value);

        String message = assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(values, "Shop")).getMessage();

        assertAll(
                () -> assertTrue(message.contains(key), message),
                () -> assertTrue(message.contains("'" + value + "'"), message),
                () -> assertTrue(message.contains(accepted), message));
    }

    static Stream<Arguments> invalidValues() {
        String length = "a whole number from 6 to 10";
        String ttl = "a duration from 30s to 10m, written like 90s, 5m or PT5M";
        String path = "not an exact path like /login or a prefix like /static/*";
        return Stream.of(
                Arguments.of(CODE_LENGTH, "5", length),
                Arguments.of(CODE_LENGTH, "11", length),
                Arguments.of(CODE_LENGTH, "abc", length),
                Arguments.of(CODE_LENGTH, "６", length),
                Arguments.of(CODE_TTL, "11m", ttl),
                Arguments.of(CODE_TTL, "0s", ttl),
                Arguments.of(CODE_TTL, "5 minutes", ttl),
                Arguments.of(CODE_TTL, "500ms", ttl),
                Arguments.of(CODE_MAX_ATTEMPTS, "0", "a whole number from 1 to 10"),
                Arguments.of(RESEND_COOLDOWN, "-1s", "a duration from 0s to 10m"),
                Arguments.of(SMTP_TIMEOUT, "500ms", "a duration from 1s to 2m"),
                Arguments.of(SMTP_TLS, "ssl", "one of none, starttls, smtps"),
                Arguments.of(SMTP_PORT, "70000", "a whole number from 1 to 65535"),
                Arguments.of(EXCLUDE, "*.css", path),
                Arguments.of(EXCLUDE, "login", path),
                Arguments.of(SUBJECT_SOURCE, "cookie", "'container' or 'session:<attribute name>'"),
                Arguments.of(SMTP_FROM, "no-reply", "an email address"),
                Arguments.of("email2fa.codeLength", "8", "unknown setting; known settings are"));
    }

    @Test
    void parseWhenUnknownKeyThenMessageListsKnownKeys() {
        Map<String, String> values = smtp();
        values.put("email2fa.codeLength", "8");

        String message = assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(values, "Shop")).getMessage();

        assertTrue(message.contains(CODE_LENGTH), message);
    }

    @Test
    void parseWhenOwnMailerNamedThenNoSmtpSettingIsNeeded() {
        Settings settings = SettingsParser.parse(Map.of("email2fa.mailer", "com.example.ApiMailer"), "Shop");

        assertEquals("com.example.ApiMailer", settings.mailerClass());
    }

    @Test
    void parseWhenNeitherSmtpNorMailSessionThenBothMissingNamed() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(Map.of(), "Shop"));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains(SMTP_HOST + " is missing"), e.getMessage());
        assertTrue(e.getMessage().contains(SMTP_FROM + " is missing"), e.getMessage());
        assertTrue(e.getMessage().contains(MAIL_SESSION), e.getMessage());
    }

    @Test
    void parseWhenThreeSettingsBadThenOneExceptionNamesAllThree() {
        Map<String, String> values = smtp();
        values.put(CODE_LENGTH, "5");
        values.put(SMTP_TLS, "ssl");
        values.put(EXCLUDE, "*.css");

        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(values, "Shop"));

        assertEquals(3, e.problems().size(), e.getMessage());
        assertAll(
                () -> assertTrue(e.getMessage().contains(CODE_LENGTH), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(SMTP_TLS), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(EXCLUDE), e.getMessage()));
    }

    @Test
    void parseWhenPasswordWithoutUserThenPasswordMasked() {
        Map<String, String> values = smtp();
        values.put(SMTP_PASSWORD, "s3cr3t-Pa55");

        String message = assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(values, "Shop")).getMessage();

        assertFalse(message.contains("s3cr3t-Pa55"), message);
        assertTrue(message.contains(SMTP_PASSWORD + "='****'"), message);
    }

    @Test
    void parseWhenOtherSettingBadThenPasswordNeverInMessage() {
        Map<String, String> values = smtp();
        values.put(SMTP_USER, "mailer");
        values.put(SMTP_PASSWORD, "s3cr3t-Pa55");
        values.put(CODE_LENGTH, "5");
        values.put(SMTP_PORT, "0");

        String message = assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(values, "Shop")).getMessage();

        assertFalse(message.contains("s3cr3t-Pa55"), message);
    }

    /** A blank param is treated as unset everywhere else, so a required one left blank must be reported. */
    @ParameterizedTest(name = "{0} blank")
    @MethodSource("blankRequired")
    void parseWhenRequiredMailSettingBlankThenReportedMissing(String blankKey, String missingKey) {
        Map<String, String> values = smtp();
        values.put(blankKey, "  ");

        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(values, "Shop"));

        assertTrue(e.getMessage().contains(missingKey), e.getMessage());
    }

    static Stream<Arguments> blankRequired() {
        return Stream.of(
                Arguments.of(SMTP_HOST, SMTP_HOST),
                Arguments.of(SMTP_FROM, SMTP_FROM));
    }

    @Test
    void parseWhenMailSessionBlankAndNoSmtpThenSmtpReportedMissing() {
        Map<String, String> values = Map.of(MAIL_SESSION, "");

        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(values, "Shop"));

        assertTrue(e.getMessage().contains(SMTP_HOST), e.getMessage());
    }
}
