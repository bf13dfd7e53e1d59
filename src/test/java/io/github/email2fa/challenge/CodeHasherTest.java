package io.github.email2fa.challenge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link CodeHasher}: a keyed, salted hash that is stable for equal inputs and differs otherwise. */
class CodeHasherTest {

    private final SecureRandom random = new SecureRandom();
    private final CodeHasher hasher = CodeHasher.withRandomKey(random);

    @Test
    void hashWhenSameSaltAndCodeThenSameHash() {
        byte[] salt = hasher.newSalt();

        assertArrayEquals(hasher.hash(salt, "123456"), hasher.hash(salt, "123456"));
    }

    @Test
    void hashWhenDifferentSaltThenDifferentHash() {
        assertFalse(Arrays.equals(hasher.hash(hasher.newSalt(), "123456"), hasher.hash(hasher.newSalt(), "123456")));
    }

    @Test
    void hashWhenDifferentKeyThenDifferentHash() {
        CodeHasher other = CodeHasher.withRandomKey(random);
        byte[] salt = hasher.newSalt();

        assertFalse(Arrays.equals(hasher.hash(salt, "123456"), other.hash(salt, "123456")));
    }

    @Test
    void matchesWhenRightCodeThenTrue() {
        byte[] salt = hasher.newSalt();

        assertTrue(hasher.matches(salt, "123456", hasher.hash(salt, "123456")));
    }

    @Test
    void matchesWhenWrongCodeThenFalse() {
        byte[] salt = hasher.newSalt();

        assertFalse(hasher.matches(salt, "123457", hasher.hash(salt, "123456")));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 16, 31})
    void constructorWhenKeyShorterThan32BytesThenRefused(int keyLength) {
        assertThrows(IllegalArgumentException.class, () -> new CodeHasher(new byte[keyLength], random));
    }
}
