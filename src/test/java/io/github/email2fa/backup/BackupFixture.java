package io.github.email2fa.backup;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed time and a seeded random for the backup code tests. */
final class BackupFixture {

    static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private BackupFixture() {
    }

    /** Same seed, same codes: a failing run can be repeated exactly. */
    static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(42L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA1PRNG ships with every JDK", e);
        }
    }

    /** A random whose first {@code zeroInts} draws of an int are 0, so the codes they make repeat. */
    static SecureRandom zerosFirst(int zeroInts) {
        SecureRandom rest = seeded();
        AtomicInteger left = new AtomicInteger(zeroInts);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                // nextInt(bound) reads 4 bytes through next(31); salts are 16.
                if (bytes.length == Integer.BYTES && left.getAndDecrement() > 0) {
                    Arrays.fill(bytes, (byte) 0);
                } else {
                    rest.nextBytes(bytes);
                }
            }
        };
    }

    /** A well-formed code that differs from {@code shown}, a displayed code, in its first symbol. */
    static String wrong(String shown) {
        String alphabet = BackupCodeFormat.ALPHABET;
        char other = alphabet.charAt((alphabet.indexOf(shown.charAt(0)) + 1) % alphabet.length());
        return other + shown.substring(1);
    }
}
