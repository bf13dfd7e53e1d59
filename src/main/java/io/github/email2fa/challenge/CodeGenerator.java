package io.github.email2fa.challenge;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Draws numeric codes from a CSPRNG with one uniform, unbiased call per code (a bounded draw,
 * which rejects rather than folds), keeping leading zeros.
 */
public final class CodeGenerator {

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000, 10_000_000_000L};

    private final SecureRandom random;
    private final int length;
    private final long bound;

    /**
     * @param random the CSPRNG to draw from
     * @param length digits per code, 6 to 10
     * @throws IllegalArgumentException if the length is out of range
     */
    public CodeGenerator(SecureRandom random, int length) {
        if (length < 6 || length > 10) {
            throw new IllegalArgumentException("code length must be 6 to 10, was " + length);
        }
        this.random = random;
        this.length = length;
        this.bound = POWERS_OF_TEN[length];
    }

    /** A fresh code of exactly {@code length} ASCII digits, each of the 10^length codes equally likely. */
    public String next() {
        // One bounded draw: Random.nextInt(bound) rejects the few values that would bias it.
        long value = length <= 9 ? random.nextInt((int) bound) : random.nextLong(bound);
        byte[] digits = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + (int) (value % 10));
            value /= 10;
        }
        return new String(digits, StandardCharsets.US_ASCII);
    }

    /** Digits per code. */
    public int length() {
        return length;
    }
}
