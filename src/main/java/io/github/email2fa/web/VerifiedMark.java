package io.github.email2fa.web;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Marks a session as having passed the second factor, for one user only: if the session's
 * user changes, the mark no longer counts. Kept in the session, so it is serializable.
 *
 * @param subject the user who passed
 * @param verifiedAtMillis when, in epoch milliseconds (0 for a remembered device: never fresh)
 * @param backupCodeAtMillis when the user last passed with a backup code, or 0; what a step-up
 *                           with {@code email2fa.stepUp.factor=backup-code} looks at
 */
public record VerifiedMark(String subject, long verifiedAtMillis, long backupCodeAtMillis) implements Serializable {

    /** Whether the verification is older than {@code maxAge} at {@code now}. */
    boolean olderThan(Duration maxAge, Instant now) {
        return now.toEpochMilli() - verifiedAtMillis > maxAge.toMillis();
    }

    /** Whether the last backup-code verification is older than {@code maxAge} at {@code now} (or never happened). */
    boolean backupCodeOlderThan(Duration maxAge, Instant now) {
        return now.toEpochMilli() - backupCodeAtMillis > maxAge.toMillis();
    }
}
