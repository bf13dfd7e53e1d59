package io.github.email2fa.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A browser the user chose to remember, so it may skip the code until {@code expiresAt}.
 *
 * <p>The browser holds a random token in a cookie; only the token's hash is stored, and it changes
 * on every use ({@link AccountStore#rotateDevice}). Times are kept to the millisecond, as the
 * database keeps them, so a device reads back equal to the one saved. {@link #toString()} leaves
 * the hash out, so a logged device does not leak it.
 *
 * @param id a random, public handle for listing and forgetting: 1 to 64 of {@code A-Z a-z 0-9 _ -}
 * @param subject the user it belongs to
 * @param tokenHash the hash of the cookie token, lowercase hex, at most 128 digits
 * @param userAgentSummary a short description for the user, such as "Firefox on Linux", at most
 *        255 characters; may be {@code null}
 * @param createdAt when it was remembered
 * @param lastUsedAt when its token was last accepted
 * @param expiresAt from when it no longer skips the code
 * @param epoch the account's security epoch when it was remembered
 */
public record RememberedDevice(String id, String subject, String tokenHash, String userAgentSummary,
        Instant createdAt, Instant lastUsedAt, Instant expiresAt, long epoch) {

    /**
     * Checks every value against its column and keeps times to the millisecond.
     *
     * @throws IllegalArgumentException if a value does not fit its column
     */
    public RememberedDevice {
        if (!Columns.isDeviceId(id)) {
            throw new IllegalArgumentException("id must be 1 to " + Columns.DEVICE_ID_MAX + " of A-Z a-z 0-9 _ -");
        }
        Columns.subject(subject);
        Columns.hash("tokenHash", tokenHash);
        if (userAgentSummary != null && userAgentSummary.length() > Columns.USER_AGENT_MAX) {
            throw new IllegalArgumentException(
                    "userAgentSummary must be at most " + Columns.USER_AGENT_MAX + " characters");
        }
        createdAt = millis("createdAt", createdAt);
        lastUsedAt = millis("lastUsedAt", lastUsedAt);
        expiresAt = millis("expiresAt", expiresAt);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative");
        }
    }

    /** The same device with a new token hash, last used at {@code at}. */
    public RememberedDevice withToken(String newTokenHash, Instant at) {
        return new RememberedDevice(id, subject, newTokenHash, userAgentSummary, createdAt, at, expiresAt, epoch);
    }

    /** Whether it no longer skips the code at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "RememberedDevice[id=" + id + ", subject=" + subject + ", userAgentSummary=" + userAgentSummary
                + ", createdAt=" + createdAt + ", lastUsedAt=" + lastUsedAt + ", expiresAt=" + expiresAt
                + ", epoch=" + epoch + "]";
    }

    /** The instant cut to whole milliseconds; refused if a BIGINT of milliseconds cannot hold it. */
    private static Instant millis(String name, Instant instant) {
        Objects.requireNonNull(instant, name);
        try {
            return Instant.ofEpochMilli(instant.toEpochMilli());
        } catch (ArithmeticException tooFar) {
            throw new IllegalArgumentException(name + " is too far from 1970 to store in milliseconds");
        }
    }
}
