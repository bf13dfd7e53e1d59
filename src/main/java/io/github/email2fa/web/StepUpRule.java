package io.github.email2fa.web;

import io.github.email2fa.config.AccountSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * When a verification is too old for a critical operation: older than
 * {@code email2fa.stepUp.maxAge}; with {@code email2fa.stepUp.factor=app}, when no app or backup
 * code was entered within that time; with {@code backup-code}, when no backup code was, however
 * recent an emailed code was.
 *
 * <p>The settings page needs a code within that time, of any kind, so a user can add an app or
 * make backup codes there. But once the user holds the factor a step-up asks for (an app under
 * {@code app}, unused backup codes under {@code backup-code}), their settings page asks for that
 * factor too: an emailed code there could otherwise remove the app or make new backup codes, and
 * so pass every step-up with the mailbox alone.
 */
final class StepUpRule {

    private final Duration maxAge;
    private final AccountSettings.StepUpFactor factor;
    private final Predicate<String> hasApp;
    private final Predicate<String> hasBackupCodes;
    private final Clock clock;

    /**
     * @param hasApp whether a user has a confirmed authenticator app
     * @param hasBackupCodes whether a user has unused backup codes
     */
    StepUpRule(AccountSettings settings, Predicate<String> hasApp, Predicate<String> hasBackupCodes, Clock clock) {
        this.maxAge = settings.stepUpMaxAge();
        this.factor = settings.stepUpFactor();
        this.hasApp = hasApp;
        this.hasBackupCodes = hasBackupCodes;
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

    /**
     * Whether {@code mark} is recent enough to view or change the settings of {@code subject};
     * {@code false} for none. See {@link #settingsTakeStepUpFactor}.
     */
    boolean opensSettings(VerifiedMark mark, String subject) {
        if (mark == null || mark.olderThan(maxAge, clock.instant())) {
            return false;
        }
        return !isStale(mark) || !settingsTakeStepUpFactor(subject);
    }

    /**
     * Whether the settings of {@code subject} take only the step-up's factor: under {@code app} once
     * the user has an app, under {@code backup-code} while they have unused backup codes.
     */
    boolean settingsTakeStepUpFactor(String subject) {
        return switch (factor) {
            case EMAIL -> false;
            case APP -> hasApp.test(subject);
            case BACKUP_CODE -> hasBackupCodes.test(subject);
        };
    }

    /** Whether the flow accepts backup codes only: a step-up, or these settings, under {@code backup-code}. */
    boolean acceptsBackupCodeOnly(SignInFlow flow) {
        return !accepts(flow, WayIn.EMAIL) && !accepts(flow, WayIn.APP);
    }

    /**
     * Whether the flow accepts this way in: a sign-in takes every way; a step-up, and the settings
     * page of a user who holds the step-up's factor, take only that factor (and backup codes).
     */
    boolean accepts(SignInFlow flow, WayIn way) {
        boolean strict = flow.purpose() == SignInFlow.Purpose.STEP_UP
                || flow.purpose() == SignInFlow.Purpose.CONFIRM && settingsTakeStepUpFactor(flow.subject());
        if (!strict) {
            return true;
        }
        return switch (factor) {
            case EMAIL -> true;
            case APP -> way != WayIn.EMAIL;
            case BACKUP_CODE -> way == WayIn.BACKUP;
        };
    }
}
