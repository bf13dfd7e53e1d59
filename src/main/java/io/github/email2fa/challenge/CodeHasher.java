package io.github.email2fa.challenge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of codes and subjects: HMAC-SHA-256 (RFC 2104) under a module key, kept to their
 * first 128 bits (RFC 2104 section 5 allows truncation to at least half the output; 128 bits leave
 * no shortcut against a 6 to 10 digit code).
 *
 * <p>A code's hash covers the challenge's random 64-bit id, which salts it, and the code's ASCII
 * digits. Only the hash is ever stored, so a heap dump or a shared cache does not reveal live
 * codes, and the key keeps an attacker who reads the store from trying all codes offline. Nodes
 * that share a store must share the key.
 *
 * <p>Each thread keeps one initialised {@link Mac} and its buffers, so hashing allocates nothing.
 */
public final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_CODE_LENGTH = 10;
    /** Domain separation: a subject's hash can never equal a code's. */
    private static final byte SUBJECT_DOMAIN = 'S';

    private final SecretKeySpec key;
    private final ThreadLocal<Work> work;

    /**
     * @param key at least 32 bytes of secret key material
     * @throws IllegalArgumentException if the key is too short
     */
    public CodeHasher(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("HMAC key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.work = ThreadLocal.withInitial(() -> new Work(this.key));
    }

    /** A hasher with a fresh random key, for stores that live no longer than this JVM. */
    public static CodeHasher withRandomKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new CodeHasher(key);
    }

    /**
     * The keyed hash of a code, as two longs.
     *
     * @param id the challenge's id
     * @param code the code's ASCII digits, at most 10
     */
    Hash hash(long id, String code) {
        Work w = work.get();
        w.hashOfCode(id, code);
        return new Hash(w.high(), w.low());
    }

    /** Whether {@code code} hashes to ({@code high}, {@code low}) under {@code id}, compared in constant time. */
    boolean matches(long id, String code, long high, long low) {
        Work w = work.get();
        w.hashOfCode(id, code);
        return ((w.high() ^ high) | (w.low() ^ low)) == 0;
    }

    /** A 64-bit keyed hash of a user's name: a challenge is bound to it without holding the name. */
    long subjectHash(String subject) {
        Work w = work.get();
        w.hash(SUBJECT_DOMAIN, subject.getBytes(StandardCharsets.UTF_8));
        return w.high();
    }

    /** 128 bits of a keyed hash. */
    record Hash(long high, long low) {
    }

    /** One thread's initialised Mac and buffers. */
    private static final class Work {

        private final Mac mac;
        private final byte[] input = new byte[8 + MAX_CODE_LENGTH];
        private final byte[] output = new byte[32];

        Work(SecretKeySpec key) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException("HmacSHA256 is part of every Java platform", unavailable);
            }
        }

        void hashOfCode(long id, String code) {
            int length = code.length();
            if (length > MAX_CODE_LENGTH) {
                throw new IllegalArgumentException("a code has at most " + MAX_CODE_LENGTH + " digits");
            }
            for (int i = 0; i < 8; i++) {
                input[i] = (byte) (id >>> (56 - 8 * i));
            }
            for (int i = 0; i < length; i++) {
                input[8 + i] = (byte) code.charAt(i);
            }
            mac.update(input, 0, 8 + length);
            finish();
        }

        void hash(byte domain, byte[] data) {
            mac.update(domain);
            mac.update(data);
            finish();
        }

        private void finish() {
            try {
                mac.doFinal(output, 0);
            } catch (ShortBufferException impossible) {
                throw new IllegalStateException(impossible);
            }
            Arrays.fill(input, (byte) 0);
        }

        long high() {
            return longAt(0);
        }

        long low() {
            return longAt(8);
        }

        private long longAt(int offset) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (output[offset + i] & 0xff);
            }
            return value;
        }
    }
}
