package io.github.email2fa.crypto;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 (RFC 2104, FIPS 198-1) under one key, on the platform's SHA-256, giving the same
 * 32 bytes as {@code javax.crypto.Mac} {@code "HmacSHA256"}.
 *
 * <p>The key's two padded blocks, {@code K xor ipad} and {@code K xor opad}, are run through SHA-256
 * once, when the object is made, and each MAC starts from copies of those two states. This is the
 * precomputation RFC 2104 section 4 describes: a MAC of a message shorter than 56 bytes then costs
 * two SHA-256 compressions instead of the four {@code Mac} spends, which halves the hashing of a
 * code. This is done on the JDK's own SHA-256 only (provider {@code SUN}); with any other provider,
 * such as PKCS#11 in a FIPS setup, MACs are computed by {@code Mac} instead, with the same results.
 *
 * <p>Immutable and thread-safe: the two starting states are only ever copied, and each MAC works on
 * its own copies. It keeps only JDK objects, so a container thread that outlives the application
 * holds no class of it.
 */
public final class HmacSha256 {

    /** Bytes of a MAC. */
    public static final int LENGTH = 32;
    /** SHA-256's block, in bytes (FIPS 180-4 section 1). */
    private static final int BLOCK = 64;
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;
    private static final String ALGORITHM = "HmacSHA256";

    /** SHA-256 after {@code K xor ipad}; {@code null} when MACs are left to {@code Mac}. */
    private final MessageDigest innerStart;
    /** SHA-256 after {@code K xor opad}. */
    private final MessageDigest outerStart;
    /** The fallback, one {@code Mac} per thread, used only when {@code innerStart} is {@code null}. */
    private final ThreadLocal<Mac> macs;

    /**
     * @param key the secret key, at least 1 byte; RFC 2104 section 3 asks for at least 32 for SHA-256
     * @throws IllegalArgumentException if the key is empty
     * @throws IllegalStateException if the platform has no SHA-256, which every Java platform must have
     */
    public HmacSha256(byte[] key) {
        this(key, sha256());
    }

    /** With the digest to start from, so a test can hand in one of another provider. */
    HmacSha256(byte[] key, MessageDigest digest) {
        if (key.length == 0) {
            throw new IllegalArgumentException("an HMAC key needs at least 1 byte");
        }
        byte[] block = new byte[BLOCK];
        // RFC 2104 section 2: a key longer than the block is hashed first; a shorter one is padded with zeros.
        byte[] k = key.length > BLOCK ? digest.digest(key) : key;
        System.arraycopy(k, 0, block, 0, k.length);
        MessageDigest inner = isJdkOwn(digest) ? startingState(digest, block, IPAD) : null;
        MessageDigest outer = inner == null ? null : startingState(digest, block, OPAD);
        if (outer == null) {
            this.innerStart = null;
            this.outerStart = null;
            SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
            this.macs = ThreadLocal.withInitial(() -> macFor(spec));
        } else {
            this.innerStart = inner;
            this.outerStart = outer;
            this.macs = null;
        }
        Arrays.fill(block, (byte) 0);
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * Writes the MAC of {@code input[offset, offset + length)} to {@code output[outputOffset,
     * outputOffset + 32)}. The input and the output may be the same array if the ranges do not overlap.
     *
     * @throws IndexOutOfBoundsException if a range is outside its array
     */
    public void mac(byte[] input, int offset, int length, byte[] output, int outputOffset) {
        Objects.checkFromIndexSize(offset, length, input.length);
        Objects.checkFromIndexSize(outputOffset, LENGTH, output.length);
        try {
            if (innerStart == null) {
                Mac mac = macs.get();
                mac.update(input, offset, length);
                mac.doFinal(output, outputOffset);
                return;
            }
            MessageDigest inner = copy(innerStart);
            inner.update(input, offset, length);
            inner.digest(output, outputOffset, LENGTH);
            MessageDigest outer = copy(outerStart);
            outer.update(output, outputOffset, LENGTH);
            outer.digest(output, outputOffset, LENGTH);
        } catch (DigestException | ShortBufferException impossible) {
            throw new IllegalStateException("the output range was checked above", impossible);
        }
    }

    /** Whether MACs start from the two copied states (RFC 2104 section 4), rather than the fallback. */
    boolean precomputed() {
        return innerStart != null;
    }

    /**
     * Whether the digest is the JDK's own (provider {@code SUN}), whose copies are independent
     * objects made by reading the original alone. Another provider's copy may share state with the
     * original, such as a PKCS#11 session, or be refused once data went in; those get {@code Mac}.
     */
    private static boolean isJdkOwn(MessageDigest digest) {
        return digest.getProvider() != null && "SUN".equals(digest.getProvider().getName());
    }

    /**
     * SHA-256 after the key's block xored with {@code pad}, or {@code null} if it cannot be copied.
     * The block goes through a working copy, and the state kept is a copy of that; the working copy
     * is then reset, which wipes the block's words SHA-256 keeps until a reset, so the key's bytes
     * stay nowhere.
     */
    private static MessageDigest startingState(MessageDigest digest, byte[] block, byte pad) {
        MessageDigest working = copyOrNull(digest);
        if (working == null) {
            return null;
        }
        byte[] padded = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            padded[i] = (byte) (block[i] ^ pad);
        }
        try {
            working.reset();
            working.update(padded);
            return copyOrNull(working);
        } finally {
            working.reset();
            Arrays.fill(padded, (byte) 0);
        }
    }

    private static MessageDigest copy(MessageDigest start) {
        try {
            return (MessageDigest) start.clone();
        } catch (CloneNotSupportedException checkedAtConstruction) {
            throw new IllegalStateException("the digest could be copied when this object was made", checkedAtConstruction);
        }
    }

    private static MessageDigest copyOrNull(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException notCopyable) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", missing);
        }
    }

    private static Mac macFor(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", missing);
        }
    }
}
