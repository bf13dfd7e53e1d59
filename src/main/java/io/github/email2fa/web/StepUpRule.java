package io.github.email2fa.web;

import io.github.email2fa.config.AccountSettings;
import java.time.Clock;
import java.time.Duration;

/**
 * When a verification is too old for a critical operation: older than
 * {@code email2fa.stepUp.maxAge}; with {@code email2fa.stepUp.factor=app}, when no app or backup
 * code was entered within that time; with {@code backup-code}, when no backup code was, however
 * recent an emailed code was. The settings page always needs a code within that time, of any
 * kind, so a user can add an app there.
 */
final class StepUpRule {

    private final Duration maxAge;
    private final AccountSettings.StepUpFactor factor;
    private final Clock clock;

    StepUpRule(AccountSettings settings, Clock clock) {
        this.maxAge = settings.stepUpMaxAge();
        this.factor = settings.stepUpFactor();
        this.clock = clock;
    }

    /** Whether {@code mark} is too old to open a path in {@code email2fa.stepUp.paths}. */
    boolean isStale(VerifiedMark mark) {
        return switch (factor) {
            case EMAIL -> mark.olderThan(maxAge, clock.instant());
            case APP -> mark.appAndBackupCodeOlderThan(maxAge, clock.instant());
            case BACKUP_CODE -> mark.backupCodeOlderThan(maxAge, clock.instant());
        };
    }

    /** Whether {@code mark} is recent enough to view or change the settings; {@code false} for none. */
    boolean opensSettings(VerifiedMark mark) {
        return mark != null && !mark.olderThan(maxAge, clock.instant());
    }

    /** Whether a step-up flow accepts backup codes only. */
    boolean acceptsBackupCodeOnly(SignInFlow flow) {
        return factor == AccountSettings.StepUpFactor.BACKUP_CODE && flow.purpose() == SignInFlow.Purpose.STEP_UP;
    }

    /** Whether the flow accepts this way in: a step-up may refuse email, or everything but backup codes. */
    boolean accepts(SignInFlow flow, WayIn way) {
        if (flow.purpose() != SignInFlow.Purpose.STEP_UP) {
            return true;
        }
        return switch (factor) {
            case EMAIL -> true;
            case APP -> way != WayIn.EMAIL;
            case BACKUP_CODE -> way == WayIn.BACKUP;
        };
    }
}
