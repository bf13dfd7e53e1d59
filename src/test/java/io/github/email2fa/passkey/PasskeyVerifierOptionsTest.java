package io.github.email2fa.passkey;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.passkey.PasskeySettings.Attestation;
import io.github.email2fa.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Covers {@link PasskeyVerifier#creationOptions} and {@link PasskeyVerifier#requestOptions}: the
 * JSON parses, and holds what {@code navigator.credentials} needs, in the members and encodings of
 * WebAuthn's {@code ...OptionsJSON} dictionaries.
 */
class PasskeyVerifierOptionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Instant NOW = Instant.parse("2025-06-02T09:00:00Z");

    private final PasskeyVerifier verifier = verifier(false, Attestation.NONE);
    private final byte[] alice = verifier.newUserHandle();
    private final PasskeyCredential laptop = credential(new byte[] {1, 2, 3}, Set.of("internal", "hybrid"));
    private final PasskeyCredential key = credential(new byte[] {4, 5, 6}, Set.of());

    @Test
    void creationOptionsWhenMadeThenRpUserChallengeAlgorithmsAndExcludedCredentials() {
        PasskeyChallenge challenge = verifier.newChallenge();

        Map<String, Object> options =
                parse(verifier.creationOptions(challenge, alice, "alice@shop.example", "Alice", List.of(laptop, key)));

        assertAll(
                () -> assertEquals(Map.of("id", "shop.example", "name", "Shop"), options.get("rp")),
                () -> assertEquals(Map.of("id", BASE64URL.encodeToString(alice), "name", "alice@shop.example", "displayName", "Alice"),
                        options.get("user")),
                () -> assertEquals(challenge.base64Url(), options.get("challenge")),
                () -> assertEquals(List.of(Map.of("type", "public-key", "alg", -7), Map.of("type", "public-key", "alg", -257)),
                        options.get("pubKeyCredParams")),
                () -> assertEquals(300_000, options.get("timeout")),
                () -> assertEquals(List.of(
                        Map.of("type", "public-key", "id", "AQID", "transports", List.of("hybrid", "internal")),
                        Map.of("type", "public-key", "id", "BAUG")), options.get("excludeCredentials")),
                () -> assertEquals("preferred", selection(options).get("residentKey")),
                () -> assertEquals("preferred", selection(options).get("userVerification")),
                () -> assertEquals("none", options.get("attestation")));
    }

    @Test
    void creationOptionsWhenUserVerificationRequiredAndDirectAttestationThenSaidSo() {
        PasskeyVerifier strict = verifier(true, Attestation.DIRECT);

        Map<String, Object> options = parse(strict.creationOptions(strict.newChallenge(), alice, "alice", "", List.of()));

        assertAll(
                () -> assertEquals("required", selection(options).get("userVerification")),
                () -> assertEquals("direct", options.get("attestation")),
                () -> assertEquals(List.of(), options.get("excludeCredentials")));
    }

    @Test
    void creationOptionsWhenNamesHoldMarkupThenEscapedForScriptAndParsedBackTheSame() {
        String name = "</script><script>alert('x')</script> & \u2028";

        String json = verifier.creationOptions(verifier.newChallenge(), alice, name, name, List.of());

        assertAll(
                () -> assertFalse(json.contains("<") || json.contains(">") || json.contains("&") || json.contains("\u2028"), json),
                () -> assertEquals(name, ((Map<?, ?>) parse(json).get("user")).get("name")),
                () -> assertEquals("Shop", ((Map<?, ?>) parse(json).get("rp")).get("name")));
    }

    @Test
    void creationOptionsWhenUserHandleTooLongOrNameBlankThenIllegalArgument() {
        PasskeyChallenge challenge = verifier.newChallenge();

        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> verifier.creationOptions(challenge, new byte[65], "alice", "Alice", List.of())),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> verifier.creationOptions(challenge, alice, " ", "Alice", List.of())));
    }

    @Test
    void requestOptionsWhenMadeThenRpIdChallengeAllowedCredentialsAndUserVerification() {
        PasskeyChallenge challenge = verifier.newChallenge();

        Map<String, Object> options = parse(verifier.requestOptions(challenge, List.of(laptop, key)));

        assertAll(
                () -> assertEquals("shop.example", options.get("rpId")),
                () -> assertEquals(challenge.base64Url(), options.get("challenge")),
                () -> assertEquals(300_000, options.get("timeout")),
                () -> assertEquals(List.of(
                        Map.of("type", "public-key", "id", "AQID", "transports", List.of("hybrid", "internal")),
                        Map.of("type", "public-key", "id", "BAUG")), options.get("allowCredentials")),
                () -> assertEquals("preferred", options.get("userVerification")));
    }

    @Test
    void requestOptionsWhenUserVerificationRequiredThenRequired() {
        PasskeyVerifier strict = verifier(true, Attestation.NONE);

        assertEquals("required", parse(strict.requestOptions(strict.newChallenge(), List.of(laptop))).get("userVerification"));
    }

    @Test
    void requestOptionsWhenUserHasNoPasskeysThenIllegalArgument() {
        PasskeyChallenge challenge = verifier.newChallenge();

        assertThrows(IllegalArgumentException.class, () -> verifier.requestOptions(challenge, List.of()));
    }

    private PasskeyVerifier verifier(boolean userVerificationRequired, Attestation attestation) {
        PasskeySettings settings = new PasskeySettings("shop.example", "Shop", Set.of("https://shop.example"), userVerificationRequired,
                Duration.ofMinutes(5), attestation);
        return new PasskeyVerifier(settings, new SecureRandom(), new MutableClock(NOW));
    }

    private PasskeyCredential credential(byte[] id, Set<String> transports) {
        return new PasskeyCredential(id, new byte[] {0}, 0, alice, transports, "Passkey", NOW, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static Map<?, ?> selection(Map<String, Object> options) {
        return (Map<?, ?>) options.get("authenticatorSelection");
    }
}
