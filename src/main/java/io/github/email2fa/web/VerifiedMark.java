package io.github.email2fa.web;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

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
    /** Absent (0) in a mark written before passkeys, which reads as "no passkey yet". */
    private final long passkeyAtMillis;
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
     * @param passkeyAtMillis when a passkey was last used, or 0; what a step-up with
     *        {@code email2fa.stepUp.factor=passkey} looks at
     * @param admittedAtMillis when this session last passed, by code or remembered device; where
     *        {@code email2fa.verified.maxAge} counts from
     * @param watermark the account's last security change the session knows
     */
    VerifiedMark(String subject, long verifiedAtMillis, long backupCodeAtMillis, long appCodeAtMillis, long passkeyAtMillis,
            long admittedAtMillis, ChangeWatermark watermark) {
        this.subject = subject;
        this.verifiedAtMillis = verifiedAtMillis;
        this.backupCodeAtMillis = backupCodeAtMillis;
        this.appCodeAtMillis = appCodeAtMillis;
        this.passkeyAtMillis = passkeyAtMillis;
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

    long passkeyAtMillis() {
        return passkeyAtMillis;
    }

    /**
     * When the session last passed by {@code way}, in epoch milliseconds, or 0: for
     * {@link WayIn#EMAIL}, when any code or passkey was last entered, since each proves at least as
     * much as an emailed code.
     */
    long lastAtMillis(WayIn way) {
        return switch (way) {
            case EMAIL -> verifiedAtMillis;
            case APP -> appCodeAtMillis;
            case BACKUP -> backupCodeAtMillis;
            case PASSKEY -> passkeyAtMillis;
        };
    }

    long admittedAtMillis() {
        return admittedAtMillis;
    }

    ChangeWatermark watermark() {
        return watermark;
    }

    /** The same mark, knowing the account's change in {@code latest} (after a change made in this session). */
    VerifiedMark knowing(ChangeWatermark latest) {
        return new VerifiedMark(subject, verifiedAtMillis, backupCodeAtMillis, appCodeAtMillis, passkeyAtMillis, admittedAtMillis,
                latest);
    }

    /** Whether the last code is older than {@code maxAge} at {@code now}. */
    boolean olderThan(Duration maxAge, Instant now) {
        return now.toEpochMilli() - verifiedAtMillis > maxAge.toMillis();
    }

    /**
     * Whether the last code or passkey, entered within {@code maxAge} before {@code now}, was
     * something other than a backup code (an emailed code, an app code or a passkey).
     */
    boolean freshOtherThanBackupCode(Duration maxAge, Instant now) {
        return !olderThan(maxAge, now) && verifiedAtMillis != backupCodeAtMillis;
    }

    /** Whether the session passed by none of {@code ways} within {@code maxAge} before {@code now}. */
    boolean noneWithin(Set<WayIn> ways, Duration maxAge, Instant now) {
        long latest = 0L;
        for (WayIn way : ways) {
            latest = Math.max(latest, lastAtMillis(way));
        }
        return now.toEpochMilli() - latest > maxAge.toMillis();
    }

    /** Masks nothing secret, but keeps log lines short. */
    @Override
    public String toString() {
        return "VerifiedMark[" + subject + "]";
    }
}
