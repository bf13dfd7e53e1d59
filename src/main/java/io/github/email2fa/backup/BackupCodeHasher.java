package io.github.email2fa.backup;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes backup codes with PBKDF2-HMAC-SHA-256 from the JDK, under a per-user random salt.
 *
 * <p>All of a user's codes share one salt. That is what lets a typed code be checked with one KDF
 * run: its hash is computed once and looked up with
 * {@link io.github.email2fa.account.AccountStore#useBackupCode}. A salt per code would cost ten runs
 * per attempt. The salt still differs between users, so no table precomputed for one user, or
 * for everyone, helps with another.
 *
 * <p>The output is 256 bits as 64 lowercase hex digits, the form the store requires. Instances are
 * thread-safe.
 */
final class BackupCodeHasher {

    /**
     * PBKDF2 iterations.
     *
     * <p>Why 120,000: someone holding a copy of the tables gets one user's salt and ten hashes, and
     * each guess, one KDF run, is checked against all ten. Finding one code takes about
     * 2<sup>50</sup>/11, some 10<sup>14</sup>, guesses; at this count that is about 10<sup>19</sup>
     * HMAC iterations, decades for a current GPU, per user. On the server one run is a few tens of
     * milliseconds, paid once per attempt (attempts come after the password and under the failure
     * limits) and ten times per regeneration. OWASP's 600,000 for PBKDF2-SHA-256 is sized for human
     * passwords of far less than 50 bits; here it would make each attempt five times the CPU,
     * a cheaper lever for load, for little gain.
     */
    public static final int ITERATIONS = 120_000;

    /** Bytes of salt per user. */
    public static final int SALT_BYTES = 16;

    /** Bits of PBKDF2 output: one SHA-256 block, so PBKDF2 does the iteration loop only once. */
    public static final int HASH_BITS = 256;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random;

    /**
     * @param random source of salts
     */
    public BackupCodeHasher(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A fresh random salt of {@value #SALT_BYTES} bytes, for one user's new set of codes. */
    public byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * The hash of a code under a salt.
     *
     * @param salt the user's salt; any non-empty length, though {@link #newSalt} makes {@value #SALT_BYTES} bytes
     * @param normalizedCode a canonical code, as {@link BackupCodeFormat#normalize} returns
     * @return 64 lowercase hex digits
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the salt is empty or the code is not canonical; the message
     *         does not repeat the code
     */
    public String hash(byte[] salt, String normalizedCode) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(normalizedCode, "normalizedCode");
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        if (!BackupCodeFormat.isCanonical(normalizedCode)) {
            throw new IllegalArgumentException("normalizedCode must be " + BackupCodeFormat.LENGTH
                    + " characters of " + BackupCodeFormat.ALPHABET + "; normalize typed input first");
        }
        PBEKeySpec spec = new PBEKeySpec(normalizedCode.toCharArray(), salt, ITERATIONS, HASH_BITS);
        try {
            // A factory per call: SecretKeyFactory is not thread-safe, and it is cheap next to the KDF.
            return HEX.formatHex(SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java platform since 8", unavailable);
        } finally {
            spec.clearPassword();
        }
    }
}
