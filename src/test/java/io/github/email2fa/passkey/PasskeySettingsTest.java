package io.github.email2fa.passkey;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.passkey.PasskeySettings.Attestation;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link PasskeySettings}: the defaults, what an RP id and an origin may be, and one message naming every bad value. */
class PasskeySettingsTest {

    private static final Set<String> SHOP = Set.of("https://shop.example");

    @Test
    void defaultsWhenMadeThenPreferredVerificationFiveMinutesNoAttestation() {
        PasskeySettings settings = PasskeySettings.defaults("shop.example", "Shop", SHOP);

        assertEquals(new PasskeySettings("shop.example", "Shop", SHOP, false, Duration.ofMinutes(5), Attestation.NONE), settings);
    }

    @Test
    void constructorWhenOriginsGivenThenKeepsUnmodifiableCopy() {
        Set<String> origins = new HashSet<>(SHOP);
        PasskeySettings settings = PasskeySettings.defaults("shop.example", "Shop", origins);

        origins.add("https://other.example");

        assertEquals(SHOP, settings.origins());
        assertThrows(UnsupportedOperationException.class, () -> settings.origins().add("https://www.shop.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop.example", "localhost", "xn--bcher-kva.example", "a.b.c.example", "shop-1.example"})
    void constructorWhenRpIdIsHostNameThenAccepted(String rpId) {
        assertDoesNotThrow(() -> PasskeySettings.defaults(rpId, "Shop", Set.of("https://" + rpId)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Shop.example", "https://shop.example", "shop.example:443", "shop.example/", "shop.example.",
            "-shop.example", "shop_1.example", "bücher.example", "192.168.1.10", "::1"})
    void constructorWhenRpIdNotHostNameThenMessageNamesItAndTheForm(String rpId) {
        String message = assertThrows(IllegalArgumentException.class, () -> PasskeySettings.defaults(rpId, "Shop", SHOP)).getMessage();

        assertTrue(message.contains("rpId='" + rpId + "' (accepted: a lower-case ASCII host name"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example", "https://www.shop.example", "https://shop.example:8443", "http://localhost:8080",
            "http://localhost", "http://app.localhost:8080"})
    void constructorWhenOriginAsBrowserWritesItThenAccepted(String origin) {
        String rpId = origin.contains("localhost") ? "localhost" : "shop.example";

        assertDoesNotThrow(() -> PasskeySettings.defaults(rpId, "Shop", Set.of(origin)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://shop.example/|did you mean 'https://shop.example'?",
            "https://shop.example:443|did you mean 'https://shop.example'?",
            "https://Shop.Example|did you mean 'https://shop.example'?",
            "https://shop.example/login|did you mean 'https://shop.example'?",
            "https://user@shop.example|did you mean 'https://shop.example'?",
            "shop.example|accepted: https://host or https://host:port",
            "ftp://shop.example|accepted: https://host or https://host:port",
            "http://shop.example|accepted: https://, since browsers offer passkeys over http only on localhost",
            "https://shop.example.evil|accepted: an origin whose host is rpId shop.example or a subdomain of it",
            "https://evilshop.example|accepted: an origin whose host is rpId shop.example or a subdomain of it"})
    void constructorWhenOriginNotAcceptedThenMessageNamesItAndTheForm(String origin, String expected) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> PasskeySettings.defaults("shop.example", "Shop", Set.of(origin))).getMessage();

        assertTrue(message.contains("origins contains '" + origin + "'"), message);
        assertTrue(message.contains(expected), message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void constructorWhenValueNotAcceptedThenMessageNamesValueAndAcceptedForm(String expected, PasskeySettingsArgs args) {
        String message = assertThrows(IllegalArgumentException.class, args::make).getMessage();

        assertTrue(message.contains(expected), message);
    }

    static Stream<Arguments> invalid() {
        PasskeySettingsArgs ok = new PasskeySettingsArgs("shop.example", "Shop", SHOP, Duration.ofMinutes(5), Attestation.NONE);
        return Stream.of(
                Arguments.of("rpId=null (accepted", ok.rpId(null)),
                Arguments.of("rpName=' ' (accepted: a name that is not blank)", ok.rpName(" ")),
                Arguments.of("rpName=null (accepted: a name that is not blank)", ok.rpName(null)),
                Arguments.of("origins=[] (accepted: at least one origin", ok.origins(Set.of())),
                Arguments.of("origins=null (accepted: at least one origin", ok.origins(null)),
                Arguments.of("origins contains null (accepted: https://host", ok.origins(withNull(SHOP))),
                Arguments.of("challengeLifetime=PT29S (accepted: 30 seconds to 10 minutes)", ok.challengeLifetime(Duration.ofSeconds(29))),
                Arguments.of("challengeLifetime=PT10M0.001S (accepted: 30 seconds to 10 minutes)",
                        ok.challengeLifetime(Duration.ofMinutes(10).plusMillis(1))),
                Arguments.of("challengeLifetime=null (accepted", ok.challengeLifetime(null)),
                Arguments.of("attestation is missing (accepted: none, indirect, direct, enterprise)", ok.attestation(null)));
    }

    @Test
    void constructorWhenSeveralValuesBadThenAllInOneMessage() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new PasskeySettings("Shop", "", Set.of("http://shop.example/"), true, Duration.ZERO, null)).getMessage();

        assertAll(
                () -> assertTrue(message.startsWith("passkey settings not accepted: "), message),
                () -> assertTrue(message.contains("rpId='Shop'"), message),
                () -> assertTrue(message.contains("rpName=''"), message),
                () -> assertTrue(message.contains("origins contains 'http://shop.example/'"), message),
                () -> assertTrue(message.contains("challengeLifetime=PT0S"), message),
                () -> assertTrue(message.contains("attestation is missing"), message));
    }

    @ParameterizedTest
    @ValueSource(longs = {30, 600})
    void constructorWhenChallengeLifetimeAtTheEdgesThenAccepted(long seconds) {
        assertDoesNotThrow(() -> new PasskeySettings("shop.example", "Shop", SHOP, true, Duration.ofSeconds(seconds), Attestation.DIRECT));
    }

    @ParameterizedTest
    @CsvSource({"none, NONE", "Direct, DIRECT", "INDIRECT, INDIRECT", "enterprise, ENTERPRISE"})
    void attestationOfWhenAnyCaseThenFound(String value, Attestation expected) {
        assertEquals(expected, Attestation.of(value));
        assertEquals(value.toLowerCase(Locale.ROOT), expected.value());
    }

    @Test
    void attestationOfWhenUnknownThenMessageNamesAcceptedValues() {
        String message = assertThrows(IllegalArgumentException.class, () -> Attestation.of("full")).getMessage();

        assertEquals("attestation='full' (accepted: none, indirect, direct, enterprise)", message);
    }

    @Test
    void sortedOriginsWhenSeveralThenAlphabetical() {
        PasskeySettings settings = PasskeySettings.defaults("shop.example", "Shop",
                Set.of("https://www.shop.example", "https://admin.shop.example", "https://shop.example"));

        assertEquals(List.of("https://admin.shop.example", "https://shop.example", "https://www.shop.example"), settings.sortedOrigins());
    }

    private static Set<String> withNull(Set<String> origins) {
        Set<String> withNull = new HashSet<>(origins);
        withNull.add(null);
        return withNull;
    }

    /** One set of constructor arguments, with a changed copy per bad value. */
    record PasskeySettingsArgs(String rpId, String rpName, Set<String> origins, Duration challengeLifetime, Attestation attestation) {

        PasskeySettingsArgs rpId(String value) {
            return new PasskeySettingsArgs(value, rpName, origins, challengeLifetime, attestation);
        }

        PasskeySettingsArgs rpName(String value) {
            return new PasskeySettingsArgs(rpId, value, origins, challengeLifetime, attestation);
        }

        PasskeySettingsArgs origins(Set<String> value) {
            return new PasskeySettingsArgs(rpId, rpName, value, challengeLifetime, attestation);
        }

        PasskeySettingsArgs challengeLifetime(Duration value) {
            return new PasskeySettingsArgs(rpId, rpName, origins, value, attestation);
        }

        PasskeySettingsArgs attestation(Attestation value) {
            return new PasskeySettingsArgs(rpId, rpName, origins, challengeLifetime, value);
        }

        PasskeySettings make() {
            return new PasskeySettings(rpId, rpName, origins, false, challengeLifetime, attestation);
        }

        @Override
        public String toString() {
            return rpId + ", " + rpName + ", " + origins + ", " + challengeLifetime + ", " + attestation;
        }
    }
}
