package io.github.email2fa.totp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.totp.TotpSettings.Algorithm;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link TotpSettings}: the defaults, the accepted ranges to their edges, and one message naming every bad value. */
class TotpSettingsTest {

    @Test
    void defaultsWhenMadeThenSha1SixDigitsThirtySecondsOneStepOfSkew() {
        TotpSettings settings = TotpSettings.defaults("Example");

        assertEquals(new TotpSettings(Algorithm.SHA1, 6, Duration.ofSeconds(30), 1, "Example"), settings);
        assertEquals(30, settings.periodSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void constructorWhenValueOutOfRangeThenMessageNamesValueAndAcceptedForm(String expected, TotpSettingsArgs args) {
        String message = assertThrows(IllegalArgumentException.class, args::make).getMessage();

        assertTrue(message.contains(expected), message);
    }

    static Stream<Arguments> invalid() {
        TotpSettingsArgs ok = new TotpSettingsArgs(Algorithm.SHA1, 6, Duration.ofSeconds(30), 1, "Example");
        return Stream.of(
                Arguments.of("algorithm is missing (accepted: SHA1, SHA256, SHA512", ok.algorithm(null)),
                Arguments.of("digits=5 (accepted: 6 to 8)", ok.digits(5)),
                Arguments.of("digits=9 (accepted: 6 to 8)", ok.digits(9)),
                Arguments.of("period=PT14S (accepted: whole seconds from 15 to 120)", ok.period(Duration.ofSeconds(14))),
                Arguments.of("period=PT2M1S (accepted: whole seconds from 15 to 120)", ok.period(Duration.ofSeconds(121))),
                Arguments.of("period=PT30.5S (accepted: whole seconds from 15 to 120)", ok.period(Duration.ofMillis(30_500))),
                Arguments.of("period=null (accepted", ok.period(null)),
                Arguments.of("skewSteps=-1 (accepted: 0 to 2)", ok.skewSteps(-1)),
                Arguments.of("skewSteps=3 (accepted: 0 to 2)", ok.skewSteps(3)),
                Arguments.of("issuer=' ' (accepted: a name that is not blank)", ok.issuer(" ")),
                Arguments.of("issuer=null (accepted: a name that is not blank)", ok.issuer(null)));
    }

    @Test
    void constructorWhenSeveralValuesBadThenAllInOneMessage() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new TotpSettings(null, 10, Duration.ofSeconds(5), 7, "")).getMessage();

        assertAll(
                () -> assertTrue(message.startsWith("TOTP settings not accepted: "), message),
                () -> assertTrue(message.contains("algorithm is missing"), message),
                () -> assertTrue(message.contains("digits=10"), message),
                () -> assertTrue(message.contains("period=PT5S"), message),
                () -> assertTrue(message.contains("skewSteps=7"), message),
                () -> assertTrue(message.contains("issuer=''"), message));
    }

    @ParameterizedTest
    @CsvSource({"6, 15, 0", "8, 120, 2", "7, 60, 1"})
    void constructorWhenValuesAtTheEdgesThenAccepted(int digits, long periodSeconds, int skewSteps) {
        assertDoesNotThrow(() -> new TotpSettings(Algorithm.SHA512, digits, Duration.ofSeconds(periodSeconds), skewSteps, "Example"));
    }

    @ParameterizedTest
    @CsvSource({"SHA1, SHA1", "sha256, SHA256", "HmacSHA512, SHA512", "hmacsha1, SHA1"})
    void algorithmOfWhenEitherFormInAnyCaseThenFound(String name, Algorithm expected) {
        assertEquals(expected, Algorithm.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA-1", "HmacSHA384", ""})
    void algorithmOfWhenUnknownThenMessageNamesValueAndAcceptedForms(String name) {
        String message = assertThrows(IllegalArgumentException.class, () -> Algorithm.of(name)).getMessage();

        assertEquals("algorithm=" + name + " (accepted: SHA1, SHA256, SHA512, or HmacSHA1, HmacSHA256, HmacSHA512)", message);
    }

    @Test
    void algorithmWhenAskedThenJcaAndUriNames() {
        assertEquals("HmacSHA256", Algorithm.SHA256.macName());
        assertEquals("SHA256", Algorithm.SHA256.uriName());
    }

    @ParameterizedTest
    @CsvSource({"SHA1, 20", "SHA256, 32", "SHA512, 64"})
    void newSecretWhenDrawnThenAsLongAsTheHmacOutput(Algorithm algorithm, int bytes) {
        TotpSettings settings = new TotpSettings(algorithm, 6, Duration.ofSeconds(30), 1, "Example");

        assertEquals(bytes, settings.newSecret(new SecureRandom()).length);
    }

    /** The constructor's arguments, to vary one at a time. */
    record TotpSettingsArgs(Algorithm algorithm, int digits, Duration period, int skewSteps, String issuer) {

        TotpSettings make() {
            return new TotpSettings(algorithm, digits, period, skewSteps, issuer);
        }

        TotpSettingsArgs algorithm(Algorithm value) {
            return new TotpSettingsArgs(value, digits, period, skewSteps, issuer);
        }

        TotpSettingsArgs digits(int value) {
            return new TotpSettingsArgs(algorithm, value, period, skewSteps, issuer);
        }

        TotpSettingsArgs period(Duration value) {
            return new TotpSettingsArgs(algorithm, digits, value, skewSteps, issuer);
        }

        TotpSettingsArgs skewSteps(int value) {
            return new TotpSettingsArgs(algorithm, digits, period, value, issuer);
        }

        TotpSettingsArgs issuer(String value) {
            return new TotpSettingsArgs(algorithm, digits, period, skewSteps, value);
        }

        @Override
        public String toString() {
            return algorithm + "/" + digits + "/" + period + "/" + skewSteps + "/" + issuer;
        }
    }
}
