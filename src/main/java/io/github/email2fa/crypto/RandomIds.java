package io.github.email2fa.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Unguessable ids and tokens of one size: each is a fixed number of bytes drawn from a
 * {@link SecureRandom}, written in base64url without padding ({@code A-Z a-z 0-9 - _}), so it can go
 * into a URL, a cookie or a form field as it is.
 *
 * <pre>{@code
 * RandomIds flowIds = new RandomIds(random, 16);   // 128 bits, 22 characters
 * String flowId = flowIds.next();
 * }</pre>
 *
 * <p>Immutable and thread-safe, as {@code SecureRandom} is.
 */
public final class RandomIds {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;
    private final int bytes;

    /**
     * @param random the CSPRNG to draw from
     * @param bytes random bytes per id, at least 1
     * @throws NullPointerException if {@code random} is {@code null}
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public RandomIds(SecureRandom random, int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("an id needs at least 1 random byte, got " + bytes);
        }
        this.random = Objects.requireNonNull(random, "random");
        this.bytes = bytes;
    }

    /** A new id: {@code bytes} fresh random bytes, in base64url without padding. */
    public String next() {
        byte[] drawn = new byte[bytes];
        random.nextBytes(drawn);
        return BASE64URL.encodeToString(drawn);
    }

    /** Characters in every id: {@code ceil(bytes * 4 / 3)}, such as 22 for 16 bytes and 43 for 32. */
    public int length() {
        return (bytes * 4 + 2) / 3;
    }
}
