package io.github.email2fa.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link BackupCodeHasher}: PBKDF2 with the stated parameters, stable for equal inputs, lowercase hex. */
class BackupCodeHasherTest {

    private static final String CODE = "k7m2q9xw4t";

    private final BackupCodeHasher hasher = new BackupCodeHasher(new SecureRandom());

    @Test
    void iterationsWhenReadThenAtLeastOneHundredThousand() {
        assertTrue(BackupCodeHasher.ITERATIONS >= 100_000, "iterations: " + BackupCodeHasher.ITERATIONS);
    }

    /**
     * Pins algorithm, iteration count, output length and encoding at once. Computed independently with
     * Python: {@code hashlib.pbkdf2_hmac('sha256', b'k7m2q9xw4t', bytes(range(16)), 120000, 32).hex()}.
     * If this fails after a change of ITERATIONS, every stored code stops working: that needs a migration.
     */
    @Test
    void hashWhenKnownSaltAndCodeThenPbkdf2HmacSha256Of120000Iterations() {
        byte[] salt = new byte[16];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) i;
        }

        assertEquals("27cb53ef244b4888d44cb53a9bc3f4e2df860069b2c82e0230b58d546508b65d", hasher.hash(salt, CODE));
    }

    @Test
    void hashWhenSameSaltAndCodeThenSameHash() {
        byte[] salt = hasher.newSalt();

        assertEquals(hasher.hash(salt, CODE), hasher.hash(salt.clone(), CODE));
    }

    @Test
    void hashWhenDifferentSaltThenDifferentHash() {
        assertNotEquals(hasher.hash(hasher.newSalt(), CODE), hasher.hash(hasher.newSalt(), CODE));
    }

    @Test
    void hashWhenDifferentCodeThenDifferentHash() {
        byte[] salt = hasher.newSalt();

        assertNotEquals(hasher.hash(salt, CODE), hasher.hash(salt, "k7m2q9xw4v"));
    }

    @Test
    void hashWhenAnyCodeThenSixtyFourLowercaseHexDigits() {
        String hash = hasher.hash(hasher.newSalt(), CODE);

        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    }

    @Test
    void newSaltWhenDrawnTwiceThenSixteenFreshBytes() {
        byte[] first = hasher.newSalt();
        byte[] second = hasher.newSalt();

        assertEquals(BackupCodeHasher.SALT_BYTES, first.length);
        assertEquals(16, BackupCodeHasher.SALT_BYTES);
        assertFalse(Arrays.equals(first, second));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"K7M2Q9XW4T", "k7m2q-9xw4t", "k7m2q9xw4", "u7m2q9xw4t", ""})
    void hashWhenCodeNotCanonicalThenIllegalArgumentWithoutTheCode(String code) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> hasher.hash(hasher.newSalt(), code));

        assertFalse(!code.isEmpty() && e.getMessage().contains(code), e.getMessage());
    }

    @Test
    void hashWhenSaltEmptyThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> hasher.hash(new byte[0], CODE));
    }

    @Test
    void hashWhenSaltNullThenNullPointer() {
        assertThrows(NullPointerException.class, () -> hasher.hash(null, CODE));
    }
}
