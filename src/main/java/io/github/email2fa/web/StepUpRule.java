package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.config.AccountSettings;

/**
 * When a verification is too old for a critical operation: older than
 * {@code email2fa.stepUp.maxAge}, or, with {@code email2fa.stepUp.factor=backup-code}, when no
 * backup code was entered within that time, however recent an emailed code was.
 */
final class StepUpRule {

    private StepUpRule() {
    }

    static boolean isStale(Email2fa module, VerifiedMark mark) {
        long maxAge = module.settings().accounts().stepUpMaxAge().toMillis();
        return module.settings().accounts().stepUpFactor() == AccountSettings.StepUpFactor.BACKUP_CODE
                ? mark.backupCodeOlderThan(maxAge) : mark.olderThan(maxAge);
    }
}
