package io.github.email2fa.config;

import static io.github.email2fa.config.ContextParams.*;
import static io.github.email2fa.config.SettingsParserTest.parse;
import static io.github.email2fa.config.SettingsParserTest.smtp;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Covers {@link SettingsParser} on the lockout, send-quota, proxy, notice and admin settings. */
class LimitSettingsParserTest {

    private static final List<Duration> DEFAULT_LOCKOUTS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15));

    private static InvalidSettingsException refused(Map<String, String> values) {
        return assertThrows(InvalidSettingsException.class, () -> SettingsParser.parse(values, "Shop"));
    }

    private static Map<String, String> with(String... keysAndValues) {
        Map<String, String> values = smtp();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    @Test
    void parseWhenOnlySmtpGivenThenLimitDefaults() {
        Settings settings = SettingsParser.parse(smtp(), "Shop");
        LimitSettings limits = settings.limits();

        assertAll(
                () -> assertEquals(10, limits.lockoutThreshold()),
                () -> assertEquals(Duration.ofMinutes(15), limits.lockoutWindow()),
                () -> assertEquals(DEFAULT_LOCKOUTS, limits.lockoutDurations()),
                () -> assertEquals(100, limits.lockoutHardLimit()),
                () -> assertEquals(5, limits.sendPerAccount()),
                () -> assertEquals(Duration.ofMinutes(15), limits.sendAccountWindow()),
                () -> assertEquals(20, limits.sendPerAccountPerDay()),
                () -> assertEquals(30, limits.sendPerIp()),
                () -> assertEquals(Duration.ofMinutes(15), limits.sendIpWindow()),
                () -> assertEquals(List.of(), limits.trustedProxies()),
                () -> assertTrue(settings.notifyLockout()),
                () -> assertTrue(settings.mailCheckOnStartup()),
                () -> assertNull(settings.adminRole()),
                () -> assertNull(settings.auditListenerClass()));
    }

    @Test
    void parseWhenEveryLimitSetThenEachApplied() {
        LimitSettings limits = SettingsParser.parse(with(
                LOCKOUT_THRESHOLD, "5", LOCKOUT_WINDOW, "1h", LOCKOUT_DURATIONS, "30s, 2m,PT10M", LOCKOUT_HARD_LIMIT, "50",
                SEND_PER_ACCOUNT, "3", SEND_ACCOUNT_WINDOW, "10m", SEND_PER_ACCOUNT_PER_DAY, "12", SEND_PER_IP, "100",
                SEND_IP_WINDOW, "1h", TRUSTED_PROXIES, "10.0.0.0/8, ::1/128,192.168.1.10"), "Shop").limits();

        assertEquals(new LimitSettings(5, Duration.ofHours(1),
                List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10)), 50,
                3, Duration.ofMinutes(10), 12, 100, Duration.ofHours(1),
                List.of("10.0.0.0/8", "::1/128", "192.168.1.10")), limits);
    }

    @Test
    void parseWhenLockoutDurationsEmptyThenDefault() {
        assertEquals(DEFAULT_LOCKOUTS, parse(LOCKOUT_DURATIONS, "").limits().lockoutDurations());
        assertEquals(DEFAULT_LOCKOUTS, parse(LOCKOUT_DURATIONS, "   ").limits().lockoutDurations());
    }

    @Test
    void parseWhenLockoutDurationsRepeatThenAccepted() {
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(1)), parse(LOCKOUT_DURATIONS, "1m,1m").limits().lockoutDurations());
    }

    @Test
    void parseWhenHardLimitEqualsThresholdThenAccepted() {
        LimitSettings limits = SettingsParser.parse(with(LOCKOUT_THRESHOLD, "20", LOCKOUT_HARD_LIMIT, "20"), "Shop").limits();

        assertEquals(20, limits.lockoutHardLimit());
    }

    @Test
    void parseWhenNotifyLockoutFalseThenOff() {
        assertFalse(parse(NOTIFY_LOCKOUT, "FALSE").notifyLockout());
    }

    @Test
    void parseWhenAdminRoleGivenThenKept() {
        assertEquals("email2fa-admin", parse(ADMIN_ROLE, " email2fa-admin ").adminRole());
    }

    @Test
    void parseWhenMailCheckOffThenOff() {
        assertFalse(parse(MAIL_CHECK_ON_STARTUP, "false").mailCheckOnStartup());
    }

    @ParameterizedTest(name = "{0}=''{1}''")
    @MethodSource("invalidValues")
    void parseWhenLimitValueInvalidThenMessageNamesKeyValueAndAcceptedForm(String key, String value, String accepted) {
        String message = refused(with(key, value)).getMessage();

        assertAll(
                () -> assertTrue(message.contains(key + "='" + value + "'"), message),
                () -> assertTrue(message.contains(accepted), message));
    }

    static Stream<Arguments> invalidValues() {
        String durations = "expected 1 to 10 growing durations from 1s to 24h";
        String window = "a duration from 1m to 1440m";
        return Stream.of(
                Arguments.of(LOCKOUT_DURATIONS, "5m,1m", durations),
                Arguments.of(LOCKOUT_DURATIONS, "0s", durations),
                Arguments.of(LOCKOUT_DURATIONS, "1m,,5m", durations),
                Arguments.of(LOCKOUT_DURATIONS, "500ms", durations),
                Arguments.of(LOCKOUT_DURATIONS, "25h", durations),
                Arguments.of(LOCKOUT_DURATIONS, "1m;5m", durations),
                Arguments.of(LOCKOUT_DURATIONS, "1s,2s,3s,4s,5s,6s,7s,8s,9s,10s,11s", durations),
                Arguments.of(LOCKOUT_THRESHOLD, "0", "a whole number from 1 to 100"),
                Arguments.of(LOCKOUT_THRESHOLD, "101", "a whole number from 1 to 100"),
                Arguments.of(LOCKOUT_HARD_LIMIT, "9", "a whole number from 10 to 100"),
                Arguments.of(LOCKOUT_HARD_LIMIT, "101", "a whole number from 10 to 100"),
                Arguments.of(LOCKOUT_WINDOW, "30s", window),
                Arguments.of(SEND_PER_ACCOUNT, "0", "a whole number from 1 to 1000"),
                Arguments.of(SEND_ACCOUNT_WINDOW, "2d", window),
                Arguments.of(SEND_PER_ACCOUNT_PER_DAY, "10001", "a whole number from 1 to 10000"),
                Arguments.of(SEND_PER_IP, "-1", "a whole number from 1 to 100000"),
                Arguments.of(SEND_IP_WINDOW, "25h", window),
                Arguments.of(TRUSTED_PROXIES, "bogus", "'bogus' is not an IP address or CIDR block"),
                Arguments.of(NOTIFY_LOCKOUT, "yes", "expected true or false"),
                Arguments.of(MAIL_CHECK_ON_STARTUP, "1", "expected true or false"),
                Arguments.of(ADMIN_ROLE, "admin, support", "expected a role name"));
    }

    @Test
    void parseWhenHardLimitBelowRaisedThresholdThenRangeStartsAtThreshold() {
        String message = refused(with(LOCKOUT_THRESHOLD, "20", LOCKOUT_HARD_LIMIT, "15")).getMessage();

        assertTrue(message.contains(LOCKOUT_HARD_LIMIT + "='15': expected a whole number from 20 to 100"), message);
    }

    @Test
    void parseWhenTwoTrustedProxiesMalformedThenBothReportedWithKeyAndValue() {
        InvalidSettingsException e = refused(with(TRUSTED_PROXIES, "10.0.0.0/33, bogus"));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertAll(
                () -> assertTrue(e.problems().get(0).startsWith(TRUSTED_PROXIES + "='10.0.0.0/33, bogus': '10.0.0.0/33'"),
                        e.problems().get(0)),
                () -> assertTrue(e.problems().get(1).startsWith(TRUSTED_PROXIES + "='10.0.0.0/33, bogus': 'bogus'"),
                        e.problems().get(1)));
    }

    @Test
    void parseWhenSeveralLimitsInvalidThenAllReportedAtOnce() {
        InvalidSettingsException e = refused(with(LOCKOUT_DURATIONS, "5m,1m", LOCKOUT_HARD_LIMIT, "101",
                TRUSTED_PROXIES, "bogus", NOTIFY_LOCKOUT, "yes"));

        assertEquals(4, e.problems().size(), e.getMessage());
    }
}
