package io.github.email2fa.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link DeviceToken}: the form of tokens, their hashes, and refusing anything else. */
class DeviceTokenTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generateWhenCalledThen32BytesAsBase64UrlWithoutPadding() {
        String token = DeviceToken.generate(random);

        assertEquals(43, token.length());
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        assertTrue(DeviceToken.isWellFormed(token), token);
    }

    @Test
    void generateWhenCalledRepeatedlyThenAllDifferent() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            tokens.add(DeviceToken.generate(random));
        }

        assertEquals(1_000, tokens.size());
    }

    @Test
    void hashWhenWellFormedThenSha256AsLowercaseHex() {
        String token = "A".repeat(43);

        // printf %s AAA...A | sha256sum, with 43 A's
        assertEquals(Optional.of("0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a"),
                DeviceToken.hash(token));
    }

    @Test
    void hashWhenSameTokenThenSameHashAndOtherTokenOtherHash() {
        String token = DeviceToken.generate(random);

        assertEquals(DeviceToken.hash(token), DeviceToken.hash(token));
        assertNotEquals(DeviceToken.hash(token), DeviceToken.hash(DeviceToken.generate(random)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0000", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\uff21"})
    void hashWhenMalformedThenEmpty(String token) {
        assertEquals(Optional.empty(), DeviceToken.hash(token));
    }

    @Test
    void hashWhenTenThousandCharactersThenEmpty() {
        assertEquals(Optional.empty(), DeviceToken.hash("A".repeat(10_000)));
    }
}
