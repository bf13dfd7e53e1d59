package io.github.email2fa.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.CodeHasher.Hash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link CodeHasher}: HMAC-SHA-256 kept to 128 bits, salted by the challenge id, stable, keyed and thread-safe. */
class CodeHasherTest {

    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private final SecureRandom random = new SecureRandom();
    private final CodeHasher hasher = new CodeHasher(KEY);

    @Test
    void hashWhenComputedThenFirst128BitsOfHmacSha256OverIdAndDigits() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        mac.update(ByteBuffer.allocate(8).putLong(0x0123456789abcdefL).array());
        ByteBuffer expected = ByteBuffer.wrap(mac.doFinal("042917".getBytes(StandardCharsets.US_ASCII)));

        assertEquals(new Hash(expected.getLong(), expected.getLong()), hasher.hash(0x0123456789abcdefL, "042917"));
    }

    @Test
    void hashWhenSameIdAndCodeThenSameHash() {
        assertEquals(hasher.hash(7, "123456"), hasher.hash(7, "123456"));
    }

    @Test
    void hashWhenDifferentIdThenDifferentHash() {
        assertNotEquals(hasher.hash(7, "123456"), hasher.hash(8, "123456"));
    }

    @Test
    void hashWhenDifferentKeyThenDifferentHash() {
        assertNotEquals(hasher.hash(7, "123456"), CodeHasher.withRandomKey(random).hash(7, "123456"));
    }

    @Test
    void hashWhenCodeIsShorterAfterALongerOneThenNoDigitOfTheLongerLeaks() {
        hasher.hash(7, "1234567890");

        assertEquals(new CodeHasher(KEY).hash(7, "123456"), hasher.hash(7, "123456"));
    }

    @Test
    void matchesWhenRightCodeThenTrueAndWrongCodeOrIdThenFalse() {
        Hash hash = hasher.hash(7, "123456");

        assertTrue(hasher.matches(7, "123456", hash.high(), hash.low()));
        assertFalse(hasher.matches(7, "123457", hash.high(), hash.low()));
        assertFalse(hasher.matches(8, "123456", hash.high(), hash.low()));
        assertFalse(hasher.matches(7, "123456", hash.high(), hash.low() ^ 1));
    }

    @Test
    void subjectHashWhenSameSubjectThenSameAndOtherwiseDifferent() {
        assertEquals(hasher.subjectHash("alice"), hasher.subjectHash("alice"));
        assertNotEquals(hasher.subjectHash("alice"), hasher.subjectHash("Alice"));
        assertNotEquals(hasher.subjectHash("alice"), CodeHasher.withRandomKey(random).subjectHash("alice"));
    }

    @Test
    void hashWhenEightThreadsHashAtOnceThenEveryResultIsRight() throws Exception {
        Hash expected = hasher.hash(99, "654321");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        hasher.hash(thread * 10_000L + i, String.format("%06d", i));
                        if (!hasher.hash(99, "654321").equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 16, 31})
    void constructorWhenKeyShorterThan32BytesThenRefused(int keyLength) {
        assertThrows(IllegalArgumentException.class, () -> new CodeHasher(new byte[keyLength]));
    }
}
