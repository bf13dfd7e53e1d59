package io.github.email2fa.web;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Marks a session as having passed the second factor, for one user only: if the session's user
 * changes, the mark no longer counts. Kept in the session, so it is serializable; built by the
 * module only.
 */
public final class VerifiedMark implements Serializable {

    private static final long serialVersionUID = 2L;

    private final String subject;
    private final long verifiedAtMillis;
    private final long backupCodeAtMillis;
    /** Absent (0) in a mark written before apps, which reads as "no app code yet": the field keeps the serial form compatible. */
    private final long appCodeAtMillis;
    private final long admittedAtMillis;
    private final ChangeWatermark watermark;

    /**
     * @param subject the user who passed
     * @param verifiedAtMillis when a code was last entered, in epoch milliseconds (0 for a
     *        remembered device: never fresh enough for a step-up)
     * @param backupCodeAtMillis when a backup code was last entered, or 0; what a step-up with
     *        {@code email2fa.stepUp.factor=backup-code} looks at
     * @param appCodeAtMillis when a code from an authenticator app was last entered, or 0; with
     *        the backup code's, what a step-up with {@code email2fa.stepUp.factor=app} looks at
     * @param admittedAtMillis when this session last passed, by code or remembered device; where
     *        {@code email2fa.verified.maxAge} counts from
     * @param watermark the account's last security change the session knows
     */
    VerifiedMark(String subject, long verifiedAtMillis, long backupCodeAtMillis, long appCodeAtMillis, long admittedAtMillis,
            ChangeWatermark watermark) {
        this.subject = subject;
        this.verifiedAtMillis = verifiedAtMillis;
        this.backupCodeAtMillis = backupCodeAtMillis;
        this.appCodeAtMillis = appCodeAtMillis;
        this.admittedAtMillis = admittedAtMillis;
        this.watermark = watermark;
    }

    /** The user who passed. */
    public String subject() {
        return subject;
    }

    long verifiedAtMillis() {
        return verifiedAtMillis;
    }

    long backupCodeAtMillis() {
        return backupCodeAtMillis;
    }

    long appCodeAtMillis() {
        return appCodeAtMillis;
    }

    long admittedAtMillis() {
        return admittedAtMillis;
    }

    ChangeWatermark watermark() {
        return watermark;
    }

    /** The same mark, knowing the account's change in {@code latest} (after a change made in this session). */
    VerifiedMark knowing(ChangeWatermark latest) {
        return new VerifiedMark(subject, verifiedAtMillis, backupCodeAtMillis, appCodeAtMillis, admittedAtMillis, latest);
    }

    /** Whether the last code is older than {@code maxAge} at {@code now}. */
    boolean olderThan(Duration maxAge, Instant now) {
        return now.toEpochMilli() - verifiedAtMillis > maxAge.toMillis();
    }

    /** Whether the last backup code is older than {@code maxAge} at {@code now} (or there was none). */
    boolean backupCodeOlderThan(Duration maxAge, Instant now) {
        return now.toEpochMilli() - backupCodeAtMillis > maxAge.toMillis();
    }

    /** Whether both the last app code and the last backup code are older than {@code maxAge} at {@code now} (or there were none). */
    boolean appAndBackupCodeOlderThan(Duration maxAge, Instant now) {
        return now.toEpochMilli() - Math.max(appCodeAtMillis, backupCodeAtMillis) > maxAge.toMillis();
    }

    /** Masks nothing secret, but keeps log lines short. */
    @Override
    public String toString() {
        return "VerifiedMark[" + subject + "]";
    }
}
