package io.github.email2fa.account;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
    static final int CREDENTIAL_ID_MAX = 1400;
    static final int CREDENTIAL_MAX = StoredPasskey.MAX_CREDENTIAL_CHARS;
    static final int USER_HANDLE_MAX = 128;
    static final int PASSKEY_NAME_MAX = 64;
    static final int TRANSPORTS_MAX = 255;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern SEALED = Pattern.compile("[A-Za-z0-9._-]{1," + SEALED_SECRET_MAX + "}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern TRANSPORT = Pattern.compile("[a-z][a-z0-9-]{0,31}");
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

    /** The value, if it is 1 to {@code max} base64url characters without padding. */
    static String base64Url(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.length() > max || !BASE64URL.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " base64url characters without padding");
        }
        return value;
    }

    /** The passkey's fields, each checked: ids and keys in base64url, a name of 1 to 64 characters without control characters. */
    static StoredPasskey passkey(StoredPasskey passkey) {
        Objects.requireNonNull(passkey, "passkey");
        subject(passkey.subject());
        base64Url("credentialId", passkey.credentialId(), CREDENTIAL_ID_MAX);
        base64Url("credential", passkey.credential(), CREDENTIAL_MAX);
        passkeyName(passkey.name());
        if (passkey.signCount() < 0 || passkey.signCount() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("signCount must be 0 to 2^32 - 1 (WebAuthn section 6.1), was " + passkey.signCount());
        }
        transports(passkey.transports());
        return passkey;
    }

    /** The name, if it is 1 to 64 characters, not blank, without control characters. */
    static String passkeyName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > PASSKEY_NAME_MAX || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a passkey's name must be 1 to " + PASSKEY_NAME_MAX + " characters, not blank, without"
                    + " control characters");
        }
        return name;
    }

    /** The transports as one comma-separated column value: each 1 to 32 of {@code a-z 0-9 -}, 255 characters in all. */
    static String transports(Set<String> transports) {
        for (String transport : transports) {
            if (!TRANSPORT.matcher(transport).matches()) {
                throw new IllegalArgumentException("a transport must be 1 to 32 of a-z 0-9 -, starting with a letter");
            }
        }
        String joined = String.join(",", new TreeSet<>(transports));
        if (joined.length() > TRANSPORTS_MAX) {
            throw new IllegalArgumentException("transports must fit in " + TRANSPORTS_MAX + " characters");
        }
        return joined;
    }

    /** Whether this could be a device id: 1 to 64 of {@code A-Z a-z 0-9 _ -}. */
    static boolean isDeviceId(String id) {
        return id != null && DEVICE_ID.matcher(id).matches();
    }
}
