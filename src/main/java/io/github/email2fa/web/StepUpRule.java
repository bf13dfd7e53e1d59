package io.github.email2fa.web;

import io.github.email2fa.config.AccountSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * When a verification is too old for a critical operation: older than
 * {@code email2fa.stepUp.maxAge}; with {@code email2fa.stepUp.factor=app}, when no app or backup
 * code was entered within that time; with {@code backup-code}, when no backup code was, however
 * recent an emailed code was. The settings page needs a code within that time, of any kind, so a
 * user can add an app there; but with {@code app}, once the user has an app, only an app or backup
 * code opens it: an emailed code there could otherwise remove the app, or make backup codes, and so
 * pass the step-up without the app.
 */
final class StepUpRule {

    private final Duration maxAge;
    private final AccountSettings.StepUpFactor factor;
    private final Predicate<String> hasApp;
    private final Clock clock;

    /** @param hasApp whether a user has a confirmed authenticator app */
    StepUpRule(AccountSettings settings, Predicate<String> hasApp, Clock clock) {
        this.maxAge = settings.stepUpMaxAge();
        this.factor = settings.stepUpFactor();
        this.hasApp = hasApp;
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
     * {@code false} for none. See {@link #settingsRefuseEmail}.
     */
    boolean opensSettings(VerifiedMark mark, String subject) {
        Instant now = clock.instant();
        if (mark == null || mark.olderThan(maxAge, now)) {
            return false;
        }
        return !mark.appAndBackupCodeOlderThan(maxAge, now) || !settingsRefuseEmail(subject);
    }

    /**
     * Whether the settings of {@code subject} take an app or backup code only: with
     * {@code email2fa.stepUp.factor=app}, once the user has an app.
     */
    boolean settingsRefuseEmail(String subject) {
        return factor == AccountSettings.StepUpFactor.APP && hasApp.test(subject);
    }

    /** Whether a step-up flow accepts backup codes only. */
    boolean acceptsBackupCodeOnly(SignInFlow flow) {
        return factor == AccountSettings.StepUpFactor.BACKUP_CODE && flow.purpose() == SignInFlow.Purpose.STEP_UP;
    }

    /**
     * Whether the flow accepts this way in: a step-up may refuse email, or everything but backup
     * codes; the settings page may refuse email (see {@link #settingsRefuseEmail}).
     */
    boolean accepts(SignInFlow flow, WayIn way) {
        if (flow.purpose() == SignInFlow.Purpose.SIGN_IN) {
            return true;
        }
        if (flow.purpose() == SignInFlow.Purpose.CONFIRM) {
            return way != WayIn.EMAIL || !settingsRefuseEmail(flow.subject());
        }
        return switch (factor) {
            case EMAIL -> true;
            case APP -> way != WayIn.EMAIL;
            case BACKUP_CODE -> way == WayIn.BACKUP;
        };
    }
}
