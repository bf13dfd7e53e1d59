package io.github.email2fa.challenge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import io.github.email2fa.crypto.HmacSha256;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

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
 * <p>Each MAC starts from the key's precomputed padded blocks ({@link HmacSha256}, RFC 2104 section 4),
 * so hashing a code costs two SHA-256 compressions. Each thread keeps one scratch buffer, a JDK
 * type: a container thread that outlives the application holds no class of it, so a redeployment
 * leaks nothing.
 */
public final class CodeHasher {

    private static final int MAX_CODE_LENGTH = 10;
    /** Scratch layout: the id's 8 bytes and up to 10 digits, then the 32-byte MAC. */
    private static final int OUTPUT = 8 + MAX_CODE_LENGTH;
    /** How many users' hashes are remembered. */
    private static final int SUBJECTS_REMEMBERED = 10_000;
    /** One read of a remembered user in this many, at random, is recorded in the memo's eviction policy. */
    private static final int RECORDED_READ_EVERY = 16;
    /** Domain separation: a subject's hash can never equal a code's. */
    private static final byte SUBJECT_DOMAIN = 'S';
    /** Writes an id and reads a MAC 8 bytes at a time, most significant first. */
    private static final VarHandle BIG_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final HmacSha256 mac;
    /** The key a rotation replaces, whose codes are still accepted; {@code null} outside a rotation. */
    private final HmacSha256 previousMac;
    /**
     * Subjects' hashes under both keys, remembered: every issue and check needs the user's, and
     * an HMAC costs as much as the rest of a check. Bounded; run on the caller's thread.
     */
    private final Cache<String, SubjectHashes> subjects = Caffeine.newBuilder().maximumSize(SUBJECTS_REMEMBERED)
            .executor(Runnable::run).build();
    /**
     * Reads {@link #subjects} without telling its eviction policy. A recorded read costs the
     * policy's upkeep (a frequency count and a reordering, run in batches on the caller's thread),
     * about as much again as the lookup; so only one read in {@value #RECORDED_READ_EVERY},
     * drawn at random, is recorded. That sample still tells the policy which users come back often,
     * so a scan of names seen once does not push them out.
     */
    private final Policy<String, SubjectHashes> subjectsQuietly = subjects.policy();
    /** Each thread's buffer for a code and its MAC, so hashing a code allocates only the digests' copies. */
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[OUTPUT + HmacSha256.LENGTH]);

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
        this.mac = macOf(key);
        this.previousMac = previousKey == null ? null : macOf(previousKey);
    }

    private static HmacSha256 macOf(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("HMAC key must be at least 32 bytes");
        }
        return new HmacSha256(key);
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
        byte[] buffer = hashOfCode(mac, id, code);
        return new Hash(longAt(buffer, OUTPUT), longAt(buffer, OUTPUT + 8));
    }

    /** The code's hash under the key a rotation replaces, or {@code null} outside a rotation. */
    Hash previousHash(long id, String code) {
        if (previousMac == null) {
            return null;
        }
        byte[] buffer = hashOfCode(previousMac, id, code);
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
        if (ThreadLocalRandom.current().nextInt(RECORDED_READ_EVERY) != 0) {
            SubjectHashes remembered = subjectsQuietly.getIfPresentQuietly(subject);
            if (remembered != null) {
                return remembered;
            }
        }
        // The sampled read, and every miss: Cache.get records the read and hashes a user it lacks once.
        return subjects.get(subject, name -> {
            long current = subjectHash(mac, name);
            return new SubjectHashes(current, previousMac == null ? current : subjectHash(previousMac, name));
        });
    }

    private static long subjectHash(HmacSha256 mac, String subject) {
        byte[] name = subject.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[1 + name.length];
        message[0] = SUBJECT_DOMAIN;
        System.arraycopy(name, 0, message, 1, name.length);
        byte[] output = new byte[HmacSha256.LENGTH];
        mac.mac(message, 0, message.length, output, 0);
        return longAt(output, 0);
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

    private byte[] hashOfCode(HmacSha256 mac, long id, String code) {
        int length = code.length();
        if (length > MAX_CODE_LENGTH) {
            throw new IllegalArgumentException("a code has at most " + MAX_CODE_LENGTH + " digits");
        }
        byte[] buffer = scratch.get();
        BIG_ENDIAN_LONGS.set(buffer, 0, id);
        for (int i = 0; i < length; i++) {
            buffer[8 + i] = (byte) code.charAt(i);
        }
        mac.mac(buffer, 0, 8 + length, buffer, OUTPUT);
        Arrays.fill(buffer, 8, 8 + length, (byte) 0);
        return buffer;
    }

    private static long longAt(byte[] buffer, int offset) {
        return (long) BIG_ENDIAN_LONGS.get(buffer, offset);
    }
}
