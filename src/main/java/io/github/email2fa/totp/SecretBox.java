package io.github.email2fa.totp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals users' TOTP secrets for a database column, and opens them: AES-256-GCM (NIST SP 800-38D)
 * under a module key, so someone who reads the table (a backup, an SQL injection) cannot make codes.
 *
 * <p>The sealed form is ASCII text, {@code v1.<key id>.<base64url(nonce || ciphertext || tag)>}:
 * the key id is the first 8 hex digits of the key's SHA-256, the nonce 12 random bytes (96 bits,
 * SP 800-38D section 8.2.2; random nonces are safe for 2<sup>32</sup> seals per key, section 8.3), the
 * tag 16 bytes, the Base64 the URL alphabet of RFC 4648 section 5 without padding. A secret of
 * {@code n} bytes seals to {@code 12 + ceil(4 (n + 28) / 3)} characters: 76 for 20 bytes, 92 for 32,
 * 135 for 64, so a {@code VARCHAR(160)} holds any.
 *
 * <p>The user's name, UTF-8, is the additional authenticated data: a sealed secret copied to another
 * user's row does not open. Renaming a user therefore means re-sealing their secret.
 *
 * <p>Key rotation: give the new key as current and the old one as previous. Secrets sealed with
 * either open; {@link #needsResealing} says which were sealed with the previous key, so a caller
 * re-seals them when it next opens them, and drops the previous key when none is left.
 *
 * <p>Immutable and thread-safe; keys are copied in, and never shown by {@link #toString} or any
 * exception.
 */
public final class SecretBox {

    /** AES-256. */
    public static final int KEY_BYTES = 32;
    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;

    private final SealingKey current;
    /** The key a rotation replaces; {@code null} outside a rotation. */
    private final SealingKey previous;
    private final SecureRandom random;

    /**
     * A box with one key.
     *
     * @param key 32 bytes of secret key material
     * @param random draws the nonces
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    public SecretBox(byte[] key, SecureRandom random) {
        this(key, null, random);
    }

    /**
     * A box in the middle of a key rotation: seals with {@code key}, opens with either.
     *
     * @param key 32 bytes of secret key material
     * @param previousKey the 32-byte key being replaced, or {@code null} outside a rotation
     * @param random draws the nonces
     * @throws IllegalArgumentException if a key is not 32 bytes, or both keys have the same id
     */
    public SecretBox(byte[] key, byte[] previousKey, SecureRandom random) {
        this.current = SealingKey.of("key", key);
        this.previous = previousKey == null ? null : SealingKey.of("previous key", previousKey);
        if (previous != null && previous.id.equals(current.id)) {
            throw new IllegalArgumentException("the previous key has the same key id as the current one (" + current.id
                    + "): it is the same key, or a one-in-four-billion clash; give a new key");
        }
        this.random = random;
    }

    /**
     * Seals a secret with the current key.
     *
     * @param subject the user's name the secret belongs to; the same name opens it
     * @param secret the secret's bytes, not empty
     * @return the sealed form, ASCII text
     * @throws IllegalArgumentException if the secret is empty
     */
    public String seal(String subject, byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("an empty secret cannot be sealed");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + secret.length + TAG_BYTES);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current, sealed, subject);
            cipher.doFinal(secret, 0, secret.length, sealed, NONCE_BYTES);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", unavailable);
        }
        return VERSION + "." + current.id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /**
     * Opens a sealed secret.
     *
     * @param subject the user's name it was sealed for
     * @param sealed what {@link #seal} returned
     * @return the secret's bytes
     * @throws SealBroken if the text is not a sealed secret, was sealed with a key this box does not
     *         have, for another user, or was changed
     */
    public byte[] open(String subject, String sealed) {
        String[] parts = parts(sealed);
        SealingKey key = keyOf(parts[1]);
        byte[] bytes = decode(parts[2]);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, bytes, subject);
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException changed) {
            throw new SealBroken("the sealed secret does not open: it was changed, copied from another user's row, or sealed under"
                    + " another key with the same id");
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", unavailable);
        }
    }

    /**
     * Whether a sealed secret names the previous key, so the caller should seal it again (with the
     * current key) once it has opened it. Reads the key id only; {@link #open} authenticates.
     *
     * @param sealed what {@link #seal} returned
     * @return {@code true} if sealed with the previous key; {@code false} otherwise, also for text
     *         that is not a sealed secret
     */
    public boolean needsResealing(String sealed) {
        if (previous == null || sealed == null) {
            return false;
        }
        String[] parts = sealed.split("\\.", -1);
        return parts.length == 3 && VERSION.equals(parts[0]) && previous.id.equals(parts[1]);
    }

    private static String[] parts(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SealBroken("not a sealed secret: the form is " + VERSION + ".<key id>.<base64url>");
        }
        return parts;
    }

    private SealingKey keyOf(String id) {
        if (id.equals(current.id)) {
            return current;
        }
        if (previous != null && id.equals(previous.id)) {
            return previous;
        }
        throw new SealBroken("sealed with an unknown key (id " + (id.matches("[0-9a-f]{8}") ? id : "malformed") + "; this box has "
                + current.id + (previous == null ? "" : " and " + previous.id) + "): configure that key as the previous key");
    }

    /** The Base64 bytes, checked to be canonical so that no two texts open to the same secret. */
    private static byte[] decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new SealBroken("not a sealed secret: the last part is not Base64url");
        }
        if (bytes.length <= NONCE_BYTES + TAG_BYTES || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw new SealBroken("not a sealed secret: the last part is too short or not canonical unpadded Base64url");
        }
        return bytes;
    }

    /** A cipher set up with the nonce at the start of {@code sealed} and the subject as AAD. */
    private static Cipher cipher(int mode, SealingKey key, byte[] sealed, String subject) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key.spec, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[key id " + current.id + (previous == null ? "" : ", previous key id " + previous.id) + "]";
    }

    /** An AES key and its id. */
    private static final class SealingKey {

        private final SecretKeySpec spec;
        private final String id;

        private SealingKey(SecretKeySpec spec, String id) {
            this.spec = spec;
            this.id = id;
        }

        static SealingKey of(String name, byte[] key) {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("the " + name + " must be " + KEY_BYTES + " bytes (AES-256), got " + key.length);
            }
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(key);
                return new SealingKey(new SecretKeySpec(key, "AES"), HexFormat.of().formatHex(Arrays.copyOf(hash, 4)));
            } catch (NoSuchAlgorithmException unavailable) {
                throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
            }
        }
    }

    /**
     * A sealed secret that does not open: not in the sealed form, sealed with a key the box does not
     * have, for another user, or changed. The message says which, and never holds a key or a secret.
     */
    public static final class SealBroken extends RuntimeException {

        SealBroken(String message) {
            super(message);
        }
    }
}
