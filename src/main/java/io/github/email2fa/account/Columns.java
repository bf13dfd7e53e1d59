package io.github.email2fa.account;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The widths and forms of the values the store keeps, checked before any store sees them.
 *
 * <p>Both stores check the same way, so a value the database would refuse is refused by the
 * in-memory store too, and a test on one predicts the other. Messages never repeat the value:
 * it may be a hash.
 */
final class Columns {

    /** Longest subject, in UTF-16 units; H2 counts those, PostgreSQL code points, which are never more. */
    static final int SUBJECT_MAX = 255;
    static final int HASH_MAX = 128;
    static final int DEVICE_ID_MAX = 64;
    static final int USER_AGENT_MAX = 255;
    static final int SEALED_SECRET_MAX = 512;
    static final int FACTOR_MAX = 16;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern SEALED = Pattern.compile("[A-Za-z0-9._-]{1," + SEALED_SECRET_MAX + "}");
    private static final Pattern FACTOR = Pattern.compile("[a-z]{1," + FACTOR_MAX + "}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1," + DEVICE_ID_MAX + "}");

    private Columns() {
    }

    /** The subject, if it is not blank, fits and has no NUL (PostgreSQL refuses NUL in text). */
    static String subject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.length() > SUBJECT_MAX || subject.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "subject must be 1 to " + SUBJECT_MAX + " characters, not blank, without NUL; got "
                            + subject.length() + " characters");
        }
        return subject;
    }

    /** The hash, if it is 1 to 128 lowercase hex digits; one case only, so equal hashes match as text. */
    static String hash(String name, String hash) {
        Objects.requireNonNull(hash, name);
        if (hash.length() > HASH_MAX || !HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to " + HASH_MAX + " lowercase hex digits");
        }
        return hash;
    }

    /**
     * The hashes, if each is valid and none repeats, and a salt of at most 64 bytes comes with them.
     * A {@code null} salt is allowed only with no hashes: there is nothing it could have salted.
     */
    static List<String> backupCodes(byte[] salt, List<String> codeHashes) {
        Objects.requireNonNull(codeHashes, "codeHashes");
        if (salt == null ? !codeHashes.isEmpty() : salt.length == 0 || salt.length > HASH_MAX / 2) {
            throw new IllegalArgumentException(
                    "salt must be 1 to " + HASH_MAX / 2 + " bytes, and may be null only with no codes");
        }
        Set<String> seen = new HashSet<>();
        for (String hash : codeHashes) {
            if (!seen.add(hash("codeHash", hash))) {
                throw new IllegalArgumentException("codeHashes must all be different");
            }
        }
        return List.copyOf(codeHashes);
    }

    /** The sealed secret, if it is 1 to 512 characters of {@code A-Z a-z 0-9 . _ -}, the form a sealed value takes. */
    static String sealedSecret(String sealed) {
        Objects.requireNonNull(sealed, "sealedSecret");
        if (!SEALED.matcher(sealed).matches()) {
            throw new IllegalArgumentException("sealedSecret must be 1 to " + SEALED_SECRET_MAX + " characters of A-Z a-z 0-9 . _ -");
        }
        return sealed;
    }

    /** The time step, if it is not negative. */
    static long step(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, was " + step);
        }
        return step;
    }

    /** The factor's name, if it is {@code null} or 1 to 16 lowercase letters. */
    static String factor(String factor) {
        if (factor != null && !FACTOR.matcher(factor).matches()) {
            throw new IllegalArgumentException("preferredFactor must be null or 1 to " + FACTOR_MAX + " lowercase letters");
        }
        return factor;
    }

    /** Whether this could be a device id: 1 to 64 of {@code A-Z a-z 0-9 _ -}. */
    static boolean isDeviceId(String id) {
        return id != null && DEVICE_ID.matcher(id).matches();
    }
}
