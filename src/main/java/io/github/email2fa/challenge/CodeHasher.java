package io.github.email2fa.challenge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.Serializable;
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
 * <p>Each thread keeps one initialised {@link Mac} and one scratch buffer, so hashing allocates
 * nothing. Both are JDK types: a container thread that outlives the application holds no class of
 * it, so a redeployment leaks nothing.
 */
public final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_CODE_LENGTH = 10;
    /** Scratch layout: the id's 8 bytes and up to 10 digits, then the 32-byte MAC. */
    private static final int OUTPUT = 8 + MAX_CODE_LENGTH;
    /** How many users' hashes are remembered. */
    private static final int SUBJECTS_REMEMBERED = 10_000;
    /** Domain separation: a subject's hash can never equal a code's. */
    private static final byte SUBJECT_DOMAIN = 'S';

    private final ThreadLocal<Mac> macs;
    /** The key a rotation replaces, whose codes are still accepted; {@code null} outside a rotation. */
    private final ThreadLocal<Mac> previousMacs;
    /**
     * Subjects' hashes under both keys, remembered: every issue and check needs the user's, and
     * an HMAC costs as much as the rest of a check. Bounded; run on the caller's thread.
     */
    private final Cache<String, SubjectHashes> subjects = Caffeine.newBuilder().maximumSize(SUBJECTS_REMEMBERED)
            .executor(Runnable::run).build();
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[OUTPUT + 32]);

    /**
     * @param key at least 32 bytes of secret key material
     * @throws IllegalArgumentException if the key is too short
     */
    public CodeHasher(byte[] key) {
        this(key, null);
    }

    /**
     * A hasher in the middle of a key rotation: new codes are hashed with {@code key}, and codes
     * hashed with {@code previousKey} are still accepted (see {@link #previousHash}).
     *
     * @param key at least 32 bytes of secret key material
     * @param previousKey the key being replaced, or {@code null} outside a rotation
     * @throws IllegalArgumentException if a key is too short
     */
    public CodeHasher(byte[] key, byte[] previousKey) {
        this.macs = macsOf(key);
        this.previousMacs = previousKey == null ? null : macsOf(previousKey);
    }

    private static ThreadLocal<Mac> macsOf(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("HMAC key must be at least 32 bytes");
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), ALGORITHM);
        return ThreadLocal.withInitial(() -> newMac(spec));
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
        byte[] buffer = hashOfCode(macs.get(), id, code);
        return new Hash(longAt(buffer, OUTPUT), longAt(buffer, OUTPUT + 8));
    }

    /** The code's hash under the key a rotation replaces, or {@code null} outside a rotation. */
    Hash previousHash(long id, String code) {
        if (previousMacs == null) {
            return null;
        }
        byte[] buffer = hashOfCode(previousMacs.get(), id, code);
        return new Hash(longAt(buffer, OUTPUT), longAt(buffer, OUTPUT + 8));
    }

    /** Whether {@code code} hashes to ({@code high}, {@code low}) under {@code id}, compared in constant time. */
    boolean matches(long id, String code, long high, long low) {
        return hash(id, code).sameAs(high, low);
    }

    /** A 64-bit keyed hash of a user's name: a challenge is bound to it without holding the name. */
    long subjectHash(String subject) {
        return subjectHashes(subject).current();
    }

    /** The user's hashes under the current key and the one a rotation replaces, remembered. */
    SubjectHashes subjectHashes(String subject) {
        return subjects.get(subject, name -> {
            long current = subjectHash(macs.get(), name);
            return new SubjectHashes(current, previousMacs == null ? current : subjectHash(previousMacs.get(), name));
        });
    }

    private long subjectHash(Mac mac, String subject) {
        byte[] buffer = scratch.get();
        mac.update(SUBJECT_DOMAIN);
        mac.update(subject.getBytes(StandardCharsets.UTF_8));
        finish(mac, buffer);
        return longAt(buffer, OUTPUT);
    }

    /** 128 bits of a keyed hash. */
    record Hash(long high, long low) implements Serializable {

        /** Whether this is ({@code otherHigh}, {@code otherLow}), compared in constant time: every bit of both halves, whatever differs first. */
        boolean sameAs(long otherHigh, long otherLow) {
            return ((high ^ otherHigh) | (low ^ otherLow)) == 0;
        }
    }

    /**
     * A user's keyed hashes: under the current key, and under the one a rotation replaces (the
     * same outside a rotation). Travels to the grid to bind a check to its user.
     */
    record SubjectHashes(long current, long previous) implements Serializable {

        /** Whether a challenge's subject hash is this user's, under either key. */
        boolean is(long subjectHash) {
            return subjectHash == current || subjectHash == previous;
        }
    }

    private byte[] hashOfCode(Mac mac, long id, String code) {
        int length = code.length();
        if (length > MAX_CODE_LENGTH) {
            throw new IllegalArgumentException("a code has at most " + MAX_CODE_LENGTH + " digits");
        }
        byte[] buffer = scratch.get();
        for (int i = 0; i < 8; i++) {
            buffer[i] = (byte) (id >>> (56 - 8 * i));
        }
        for (int i = 0; i < length; i++) {
            buffer[8 + i] = (byte) code.charAt(i);
        }
        mac.update(buffer, 0, 8 + length);
        Arrays.fill(buffer, 8, 8 + length, (byte) 0);
        finish(mac, buffer);
        return buffer;
    }

    private static void finish(Mac mac, byte[] buffer) {
        try {
            mac.doFinal(buffer, OUTPUT);
        } catch (ShortBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static long longAt(byte[] buffer, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (buffer[offset + i] & 0xff);
        }
        return value;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", unavailable);
        }
    }
}
