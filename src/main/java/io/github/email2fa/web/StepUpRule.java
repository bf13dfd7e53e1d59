package io.github.email2fa.web;

import io.github.email2fa.config.AccountSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * When a verification is too old for a critical operation: when none of the ways
 * {@code email2fa.stepUp.factor} accepts was used within {@code email2fa.stepUp.maxAge}.
 *
 * <table>
 * <caption>The ways each factor accepts</caption>
 * <tr><th>factor</th><th>step-up paths</th><th>settings of a user who holds it</th></tr>
 * <tr><td>{@code email}</td><td>any</td><td>any</td></tr>
 * <tr><td>{@code app}</td><td>app, passkey, backup code</td><td>the same</td></tr>
 * <tr><td>{@code backup-code}</td><td>backup code</td><td>the same</td></tr>
 * <tr><td>{@code passkey}</td><td>passkey</td><td>passkey, backup code</td></tr>
 * <tr><td>{@code strong}</td><td>passkey, app</td><td>passkey, app, backup code</td></tr>
 * </table>
 *
 * <p>The settings page needs a verification within that time, of any kind, so a user can add an
 * app or passkey there. But once the user holds the factor a step-up asks for (under {@code app}
 * and {@code strong} an app or a passkey, under {@code passkey} a passkey, under
 * {@code backup-code} unused backup codes), their settings page asks for that factor too: an
 * emailed code there could otherwise remove it, and so pass every step-up with the mailbox alone.
 * Backup codes open those settings as well, so a user who lost a passkey can still remove it.
 */
final class StepUpRule {

    private final Duration maxAge;
    private final AccountSettings.StepUpFactor factor;
    private final Set<WayIn> stepUpWays;
    /** The step-up's ways other than a backup code: those that may add a passkey or an app to the settings. */
    private final Set<WayIn> addingWays;
    private final Set<WayIn> settingsWays;
    private final Predicate<String> hasApp;
    private final Predicate<String> hasBackupCodes;
    private final Predicate<String> hasPasskey;
    private final Clock clock;

    /**
     * @param hasApp whether a user has a confirmed authenticator app
     * @param hasBackupCodes whether a user has unused backup codes
     * @param hasPasskey whether a user has a passkey that can be used here
     */
    StepUpRule(AccountSettings settings, Predicate<String> hasApp, Predicate<String> hasBackupCodes, Predicate<String> hasPasskey,
            Clock clock) {
        this.maxAge = settings.stepUpMaxAge();
        this.factor = settings.stepUpFactor();
        this.stepUpWays = switch (factor) {
            case EMAIL -> EnumSet.allOf(WayIn.class);
            case APP -> EnumSet.of(WayIn.APP, WayIn.PASSKEY, WayIn.BACKUP);
            case BACKUP_CODE -> EnumSet.of(WayIn.BACKUP);
            case PASSKEY -> EnumSet.of(WayIn.PASSKEY);
            case STRONG -> EnumSet.of(WayIn.PASSKEY, WayIn.APP);
        };
        EnumSet<WayIn> settingsWays = EnumSet.copyOf(stepUpWays);
        settingsWays.add(WayIn.BACKUP);
        this.settingsWays = settingsWays;
        EnumSet<WayIn> addingWays = EnumSet.copyOf(stepUpWays);
        addingWays.remove(WayIn.BACKUP);
        this.addingWays = addingWays;
        this.hasApp = hasApp;
        this.hasBackupCodes = hasBackupCodes;
        this.hasPasskey = hasPasskey;
        this.clock = clock;
    }

    /** Whether {@code mark} is too old to open a path in {@code email2fa.stepUp.paths}. */
    boolean isStale(VerifiedMark mark) {
        return mark.noneWithin(stepUpWays, maxAge, clock.instant());
    }

    /**
     * Whether {@code mark} is recent enough to view or change the settings of {@code subject};
     * {@code false} for none. See {@link #settingsTakeStepUpFactor}.
     */
    boolean opensSettings(VerifiedMark mark, String subject) {
        if (mark == null || mark.olderThan(maxAge, clock.instant())) {
            return false;
        }
        return !settingsTakeStepUpFactor(subject) || !mark.noneWithin(settingsWays, maxAge, clock.instant());
    }

    /**
     * Whether the settings of {@code subject} take only the step-up's factor (and backup codes):
     * under {@code app}, {@code strong} and {@code passkey} once the user has what it asks for, under
     * {@code backup-code} while they have unused backup codes.
     */
    boolean settingsTakeStepUpFactor(String subject) {
        return switch (factor) {
            case EMAIL -> false;
            case APP, STRONG -> hasApp.test(subject) || hasPasskey.test(subject);
            case PASSKEY -> hasPasskey.test(subject);
            case BACKUP_CODE -> hasBackupCodes.test(subject);
        };
    }

    /**
     * Whether the session of {@code mark} may add a way in to the settings of {@code subject} (a
     * passkey or an authenticator app): always under {@code email} and {@code backup-code}; under
     * {@code app}, {@code passkey} and {@code strong} only after one of the step-up's ways other than
     * a backup code, or, for a user who holds none of them yet, after an emailed code. A backup code
     * opens those settings so that a lost passkey or app can be removed, but adding one with it would
     * turn one phished backup code into a way past every step-up; removing the user's last one first
     * does not change that, since this looks at how the session passed, not only at what the user holds.
     */
    boolean allowsAddingWayIn(VerifiedMark mark, String subject) {
        if (factor == AccountSettings.StepUpFactor.EMAIL || factor == AccountSettings.StepUpFactor.BACKUP_CODE) {
            return true;
        }
        if (mark == null) {
            return false;
        }
        if (!mark.noneWithin(addingWays, maxAge, clock.instant())) {
            return true;
        }
        return !settingsTakeStepUpFactor(subject) && mark.freshOtherThanBackupCode(maxAge, clock.instant());
    }

    /** Whether the flow accepts backup codes only: a step-up, or these settings, under {@code backup-code}. */
    private boolean acceptsBackupCodeOnly(SignInFlow flow) {
        return !accepts(flow, WayIn.EMAIL) && !accepts(flow, WayIn.APP) && !accepts(flow, WayIn.PASSKEY);
    }

    /**
     * What a flow that takes no emailed code asks for instead, for the pages to say:
     * {@code BACKUP_CODE} when it takes backup codes only, else the step-up's factor.
     */
    AccountSettings.StepUpFactor insteadOfEmail(SignInFlow flow) {
        return acceptsBackupCodeOnly(flow) ? AccountSettings.StepUpFactor.BACKUP_CODE : factor;
    }

    /**
     * Whether the flow accepts this way in: a sign-in takes every way; a step-up, and the settings
     * page of a user who holds the step-up's factor, take only the ways in the table above.
     */
    boolean accepts(SignInFlow flow, WayIn way) {
        if (flow.purpose() == SignInFlow.Purpose.STEP_UP) {
            return stepUpWays.contains(way);
        }
        if (flow.purpose() == SignInFlow.Purpose.CONFIRM && settingsTakeStepUpFactor(flow.subject())) {
            return settingsWays.contains(way);
        }
        return true;
    }
}
