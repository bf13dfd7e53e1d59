package io.github.email2fa.challenge;

import java.security.SecureRandom;

/** Draws numeric codes from a CSPRNG; every digit is uniform and leading zeros are kept. */
public final class CodeGenerator {

    private final SecureRandom random;
    private final int length;

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
    }

    /** A fresh code of exactly {@code length} ASCII digits. */
    public String next() {
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }

    /** Digits per code. */
    public int length() {
        return length;
    }
}
