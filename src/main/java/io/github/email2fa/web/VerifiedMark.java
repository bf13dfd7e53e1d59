package io.github.email2fa.web;

import java.io.Serializable;

/**
 * Marks a session as having passed the second factor, for one user only: if the session's
 * user changes, the mark no longer counts.
 *
 * @param subject the user who passed
 * @param verifiedAtMillis when, in epoch milliseconds (0 for a remembered device: never fresh)
 * @param backupCodeAtMillis when the user last passed with a backup code, or 0; what a step-up
 *                           with {@code email2fa.stepUp.factor=backup-code} looks at
 */
public record VerifiedMark(String subject, long verifiedAtMillis, long backupCodeAtMillis) implements Serializable {

    /** Whether the verification is older than {@code maxAgeMillis}. */
    boolean olderThan(long maxAgeMillis) {
        return System.currentTimeMillis() - verifiedAtMillis > maxAgeMillis;
    }

    /** Whether the last backup-code verification is older than {@code maxAgeMillis} (or never happened). */
    boolean backupCodeOlderThan(long maxAgeMillis) {
        return System.currentTimeMillis() - backupCodeAtMillis > maxAgeMillis;
    }
}
