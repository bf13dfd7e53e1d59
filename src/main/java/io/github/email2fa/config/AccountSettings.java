package io.github.email2fa.config;

import java.time.Duration;
import java.util.List;

/**
 * Per-user 2FA state and what it allows.
 *
 * @param policy who must pass the second factor
 * @param accountStoreClass a class implementing {@code AccountStore} to use instead of the JDBC store, or {@code null}
 * @param dataSource JNDI name of the DataSource that keeps per-user state
 * @param createSchema whether missing tables are created at start-up
 * @param stepUpPaths paths that need a fresh verification
 * @param stepUpMaxAge how fresh a verification must be for those paths and for the settings page
 * @param stepUpFactor which factor a step-up accepts
 * @param rememberDeviceDays days a remembered device skips the challenge; 0 turns the option off
 */
public record AccountSettings(
        Policy policy,
        String accountStoreClass,
        String dataSource,
        boolean createSchema,
        List<String> stepUpPaths,
        Duration stepUpMaxAge,
        StepUpFactor stepUpFactor,
        int rememberDeviceDays) {

    public AccountSettings {
        stepUpPaths = List.copyOf(stepUpPaths);
    }

    /** Who must pass the second factor. */
    public enum Policy {
        /** Everyone who logs in. */
        REQUIRED,
        /** Enrolled users; the others are asked once per session whether they want to enrol. */
        RECOMMENDED,
        /** Enrolled users only. */
        OPTIONAL
    }

    /** The factor a step-up accepts. */
    public enum StepUpFactor {
        /** Any way in: a code sent by email, a code from an authenticator app, a passkey, or a backup code. */
        EMAIL,
        /** A code from an authenticator app, a passkey (stronger still), or a backup code; never email. */
        APP,
        /** Only a backup code: for operators who do not want email to authorise critical operations. */
        BACKUP_CODE,
        /**
         * Only a passkey, the one factor a look-alike site cannot relay (NIST SP 800-63B section
         * 5.2.5, verifier-impersonation resistance).
         */
        PASSKEY,
        /** A passkey or a code from an authenticator app: never email, and never a backup code. */
        STRONG
    }
}
