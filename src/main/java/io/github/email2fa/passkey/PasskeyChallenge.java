package io.github.email2fa.passkey;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The random challenge of one passkey ceremony (WebAuthn section 13.4.3): the browser has the
 * authenticator sign it, so a response answers this request and no other.
 *
 * <p>Single use, kept by the caller: put it into the HTTP session when the page asks for options,
 * and take it out (read and remove) before checking the response, whatever the outcome, so a
 * response cannot be checked twice. Keep registration and sign-in challenges under different
 * session keys. {@link PasskeyVerifier} refuses an expired challenge; {@link #matches} and
 * {@link #expired} are there for callers that need the same checks.
 *
 * <p>Small for a session: 32 random bytes (256 bits; the section asks for at least 16) and two
 * instants, about 250 bytes serialised. Immutable and thread-safe; {@link #toString} leaves out
 * the value.
 */
public final class PasskeyChallenge implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** 32 bytes, twice the minimum of WebAuthn section 13.4.3. */
    public static final int BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] value;
    private final Instant createdAt;
    private final Instant expiresAt;

    private PasskeyChallenge(byte[] value, Instant createdAt, Instant expiresAt) {
        this.value = value;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /**
     * A new challenge of {@value #BYTES} random bytes.
     *
     * @param random the CSPRNG to draw from
     * @param clock the server's time, which stamps the creation
     * @param lifetime how long the challenge stays valid; positive
     * @throws IllegalArgumentException if the lifetime is not positive
     */
    public static PasskeyChallenge random(SecureRandom random, Clock clock, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a challenge lifetime is positive, got " + lifetime);
        }
        byte[] value = new byte[BYTES];
        random.nextBytes(value);
        Instant now = clock.instant();
        return new PasskeyChallenge(value, now, now.plus(lifetime));
    }

    /** A copy of the {@value #BYTES} random bytes. */
    public byte[] value() {
        return value.clone();
    }

    /** The bytes in base64url without padding, as the options and {@code clientDataJSON} carry them. */
    public String base64Url() {
        return BASE64URL.encodeToString(value);
    }

    /** When the challenge was made. */
    public Instant createdAt() {
        return createdAt;
    }

    /** The first instant at which the challenge is no longer valid. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** How long the challenge is valid in all, as the options' {@code timeout} gives it to the browser. */
    public Duration lifetime() {
        return Duration.between(createdAt, expiresAt);
    }

    /** Whether the challenge has run out by the clock's time: at {@link #expiresAt} and after. */
    public boolean expired(Clock clock) {
        return !clock.instant().isBefore(expiresAt);
    }

    /** Whether these are the challenge's bytes; compared in constant time. */
    public boolean matches(byte[] candidate) {
        return candidate != null && MessageDigest.isEqual(value, candidate);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (value == null || value.length != BYTES || createdAt == null || expiresAt == null || !createdAt.isBefore(expiresAt)) {
            throw new InvalidObjectException("not a passkey challenge");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasskeyChallenge that && MessageDigest.isEqual(value, that.value) && createdAt.equals(that.createdAt)
                && expiresAt.equals(that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(createdAt, expiresAt);
    }

    @Override
    public String toString() {
        return "PasskeyChallenge[created " + createdAt + ", expires " + expiresAt + "]";
    }
}
