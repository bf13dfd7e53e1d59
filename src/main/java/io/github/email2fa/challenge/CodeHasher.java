package io.github.email2fa.challenge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of codes: HMAC-SHA-256 under a module key, over a per-challenge salt and the code.
 *
 * <p>Only the hash is ever stored, so a heap dump or a shared cache does not reveal live codes,
 * and the key keeps an attacker who reads the store from brute-forcing six digits offline.
 */
public final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SALT_BYTES = 16;

    private final SecretKeySpec key;
    private final SecureRandom random;

    /**
     * @param key at least 32 bytes of secret key material
     * @param random source of salts
     * @throws IllegalArgumentException if the key is too short
     */
    public CodeHasher(byte[] key, SecureRandom random) {
        if (key.length < 32) {
            throw new IllegalArgumentException("HMAC key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.random = random;
    }

    /** A hasher with a fresh random key, for stores that live no longer than this JVM. */
    public static CodeHasher withRandomKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new CodeHasher(key, random);
    }

    /** A fresh random salt. */
    public byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /** The keyed hash of {@code code} under {@code salt}. */
    public byte[] hash(byte[] salt, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(salt);
            return mac.doFinal(code.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", unavailable);
        }
    }

    /** Whether {@code code} hashes to {@code expected}, compared in constant time. */
    public boolean matches(byte[] salt, String code, byte[] expected) {
        return MessageDigest.isEqual(hash(salt, code), expected);
    }
}
