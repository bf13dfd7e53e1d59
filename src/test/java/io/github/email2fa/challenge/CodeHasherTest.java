package io.github.email2fa.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.CodeHasher.Hash;
import io.github.email2fa.testing.Race;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
    void subjectHashesWhenAskedAgainThenTheRememberedOneIsReturnedWithoutHashingAgain() {
        CodeHasher.SubjectHashes first = hasher.subjectHashes("alice");
        hasher.subjectHashes("bob");
        assertSame(first, hasher.subjectHashes("alice"));
        assertSame(first, hasher.subjectHashes("alice"));
    }

    @Test
    void subjectHashesWhenRegularUsersMeetNamesSeenOnceThenTheRegularsStayRemembered() {
        // 8,000 regular users (80% of lookups) among names seen once (20%): the regulars fit in the 10,000 remembered,
        // and a policy that learns nothing from reads would let the one-off names push them out (about 83% found).
        java.util.Random random = new java.util.Random(7);
        Map<String, CodeHasher.SubjectHashes> lastSeen = new HashMap<>();
        int regularLookups = 0;
        int found = 0;
        for (int i = 0; i < 2_000_000; i++) {
            if (random.nextInt(10) < 2) {
                hasher.subjectHashes("once" + i);
                continue;
            }
            String subject = "user" + random.nextInt(8_000);
            CodeHasher.SubjectHashes hashes = hasher.subjectHashes(subject);
            if (i >= 1_000_000) {
                regularLookups++;
                found += hashes == lastSeen.get(subject) ? 1 : 0;
            }
            lastSeen.put(subject, hashes);
        }
        assertTrue(found >= 0.95 * regularLookups, found + " of " + regularLookups + " lookups of regular users found them remembered");
    }

    @Test
    void subjectHashWhenSameSubjectThenSameAndOtherwiseDifferent() {
        assertEquals(hasher.subjectHash("alice"), hasher.subjectHash("alice"));
        assertNotEquals(hasher.subjectHash("alice"), hasher.subjectHash("Alice"));
        assertNotEquals(hasher.subjectHash("alice"), CodeHasher.withRandomKey(random).subjectHash("alice"));
    }

    @Test
    void subjectHashWhenComputedThenFirst64BitsOfHmacSha256OverTheDomainByteAndUtf8() throws Exception {
        for (String subject : List.of("alice", "jos\u00e9@example.com", "\u7530\u4e2d", "")) {
            assertEquals(expectedSubjectHash(KEY, subject), hasher.subjectHash(subject), subject);
        }
    }

    @Test
    void subjectHashWhenTwoNamesShareAJavaHashCodeThenEachGetsItsOwn() throws Exception {
        // "Aa" and "BB" have the same String.hashCode: remembering them must still keep them apart.
        assertEquals("Aa".hashCode(), "BB".hashCode());
        for (int round = 0; round < 3; round++) {
            assertEquals(expectedSubjectHash(KEY, "Aa"), hasher.subjectHash("Aa"));
            assertEquals(expectedSubjectHash(KEY, "BB"), hasher.subjectHash("BB"));
        }
    }

    @Test
    void subjectHashWhenFarMoreNamesThanAreRememberedThenEveryNameStillGetsItsOwn() throws Exception {
        // 40,000 names, four times as many as are remembered: each is forgotten and hashed again, in every order.
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            subjects.add("user" + i + "@example.com");
        }
        Collections.shuffle(subjects, new java.util.Random(7));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        for (int pass = 0; pass < 2; pass++) {
            for (String subject : subjects) {
                assertEquals(subjectHashWith(mac, subject), hasher.subjectHash(subject), subject);
            }
        }
    }

    @Test
    void subjectHashesWhenRotatingThenThePreviousKeysHashIsRememberedWithTheCurrent() throws Exception {
        byte[] previousKey = HexFormat.of().parseHex("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        CodeHasher rotating = new CodeHasher(KEY, previousKey);

        for (int round = 0; round < 2; round++) {
            CodeHasher.SubjectHashes hashes = rotating.subjectHashes("alice");
            assertEquals(expectedSubjectHash(KEY, "alice"), hashes.current());
            assertEquals(expectedSubjectHash(previousKey, "alice"), hashes.previous());
        }
        assertEquals(new CodeHasher.SubjectHashes(hasher.subjectHash("bob"), hasher.subjectHash("bob")), hasher.subjectHashes("bob"),
                "outside a rotation both are the current key's");
    }

    @Test
    void subjectHashWhenEightThreadsLookUpMoreNamesThanAreRememberedThenEveryResultIsRight() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            subjects.add("u" + i);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        long[] expected = new long[subjects.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = subjectHashWith(mac, subjects.get(i));
        }
        List<Boolean> allRight = Race.of(8, thread -> {
            for (int n = 0; n < expected.length; n++) {
                int i = (thread * 997 + n * 7) % expected.length;
                if (hasher.subjectHash(subjects.get(i)) != expected[i]) {
                    return false;
                }
            }
            return true;
        });

        assertEquals(Collections.nCopies(8, true), allRight);
    }

    private static long expectedSubjectHash(byte[] key, String subject) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return subjectHashWith(mac, subject);
    }

    private static long subjectHashWith(Mac mac, String subject) {
        mac.update((byte) 'S');
        return ByteBuffer.wrap(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    @Test
    void hashWhenEightThreadsHashAtOnceThenEveryResultIsRight() throws Exception {
        Hash expected = hasher.hash(99, "654321");

        List<Boolean> allRight = Race.of(8, thread -> {
            for (int i = 0; i < 2_000; i++) {
                hasher.hash(thread * 10_000L + i, String.format("%06d", i));
                if (!hasher.hash(99, "654321").equals(expected)) {
                    return false;
                }
            }
            return true;
        });

        assertEquals(Collections.nCopies(8, true), allRight);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 16, 31})
    void constructorWhenKeyShorterThan32BytesThenRefused(int keyLength) {
        assertThrows(IllegalArgumentException.class, () -> new CodeHasher(new byte[keyLength]));
    }
}
