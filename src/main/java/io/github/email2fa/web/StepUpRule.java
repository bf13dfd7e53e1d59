package io.github.email2fa.web;

import io.github.email2fa.config.AccountSettings;
import java.time.Clock;
import java.time.Duration;

/**
 * When a verification is too old for a critical operation: older than
 * {@code email2fa.stepUp.maxAge}, or, with {@code email2fa.stepUp.factor=backup-code}, when no
 * backup code was entered within that time, however recent an emailed code was. The settings
 * page always needs a code within that time, by email or backup code.
 */
final class StepUpRule {

    private final Duration maxAge;
    private final boolean backupCodeOnly;
    private final Clock clock;

    StepUpRule(AccountSettings settings, Clock clock) {
        this.maxAge = settings.stepUpMaxAge();
        this.backupCodeOnly = settings.stepUpFactor() == AccountSettings.StepUpFactor.BACKUP_CODE;
        this.clock = clock;
    }

    /** Whether {@code mark} is too old to open a path in {@code email2fa.stepUp.paths}. */
    boolean isStale(VerifiedMark mark) {
        return backupCodeOnly ? mark.backupCodeOlderThan(maxAge, clock.instant()) : mark.olderThan(maxAge, clock.instant());
    }

    /** Whether {@code mark} is recent enough to view or change the settings; {@code false} for none. */
    boolean opensSettings(VerifiedMark mark) {
        return mark != null && !mark.olderThan(maxAge, clock.instant());
    }

    /** Whether a step-up flow accepts backup codes only. */
    boolean acceptsBackupCodeOnly(SignInFlow flow) {
        return backupCodeOnly && flow.purpose() == SignInFlow.Purpose.STEP_UP;
    }
}
