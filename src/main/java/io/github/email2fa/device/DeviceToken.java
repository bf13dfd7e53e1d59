package io.github.email2fa.device;

import io.github.email2fa.crypto.RandomIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret a remembered browser holds: 32 random bytes, base64url without padding (43 characters).
 *
 * <p>The store keeps only {@link #hash SHA-256} of it. A plain digest is enough here, unlike the
 * keyed hash of six-digit codes: a 256-bit random token cannot be guessed from its hash. A token
 * comes back in a cookie, which is attacker input, so anything that is not 43 base64url characters
 * is refused before it is hashed or looked up.
 */
public final class DeviceToken {

    /** Length of a token: 32 bytes in base64url without padding. */
    public static final int LENGTH = 43;

    private static final int BYTES = 32;

    private DeviceToken() {
    }

    /** A new random token. */
    public static String generate(SecureRandom random) {
        return new RandomIds(random, BYTES).next();
    }

    /** Whether {@code candidate} has the form of a token: 43 of {@code A-Z a-z 0-9 _ -}; null-safe. */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (!isBase64Url(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The token's SHA-256 as 64 lowercase hex digits, the form the store keeps; empty if
     * {@code token} is not {@link #isWellFormed well formed}.
     */
    public static Optional<String> hash(String token) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(sha256().digest(token.getBytes(StandardCharsets.US_ASCII))));
    }

    /** One character of the base64url alphabet. */
    private static boolean isBase64Url(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** A new SHA-256 digest; every Java platform has one. */
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
        }
    }
}
