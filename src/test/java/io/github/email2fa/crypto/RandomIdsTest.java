package io.github.email2fa.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link RandomIds}: how many bytes each id takes, how they are written, and refused sizes. */
class RandomIdsTest {

    @Test
    void nextWhenBytesDrawnThenBase64UrlAlphabetWithoutPadding() {
        // 0xFB 0xFF 0xBF is "+/+/" in plain base64: the two characters base64url replaces.
        RandomIds ids = new RandomIds(repeating((byte) 0xFB, (byte) 0xFF, (byte) 0xBF), 4);

        assertEquals("-_-_-w", ids.next());
    }

    @ParameterizedTest(name = "{0} bytes -> {1} characters")
    @CsvSource({"1, 2", "2, 3", "3, 4", "12, 16", "16, 22", "32, 43"})
    void nextWhenSizeGivenThenThatManyBytesInLengthCharacters(int bytes, int length) {
        RandomIds ids = new RandomIds(new SecureRandom(), bytes);

        String id = ids.next();

        assertEquals(length, ids.length());
        assertEquals(length, id.length());
        assertEquals(bytes, Base64.getUrlDecoder().decode(id).length);
        assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
    }

    @Test
    void nextWhenCalledThenOneDrawOfExactlyTheSizePerId() {
        List<Integer> draws = new ArrayList<>();
        SecureRandom counting = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                draws.add(bytes.length);
            }
        };
        RandomIds ids = new RandomIds(counting, 16);

        ids.next();
        ids.next();

        assertEquals(List.of(16, 16), draws);
    }

    @Test
    void nextWhenCalledTwiceThenDifferentIds() {
        RandomIds ids = new RandomIds(new SecureRandom(), 16);

        assertNotEquals(ids.next(), ids.next());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void constructorWhenFewerThanOneByteThenIllegalArgument(int bytes) {
        SecureRandom random = new SecureRandom();

        assertThrows(IllegalArgumentException.class, () -> new RandomIds(random, bytes));
    }

    @Test
    void constructorWhenRandomNullThenNullPointer() {
        assertThrows(NullPointerException.class, () -> new RandomIds(null, 16));
    }

    /** A "random" source that fills every request with {@code pattern}, over and over. */
    private static SecureRandom repeating(byte... pattern) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = pattern[i % pattern.length];
                }
            }
        };
    }
}
