package io.github.email2fa.monitor;

/**
 * The module's counters over JMX, under {@code io.github.email2fa:type=Stats,app=<context path>}.
 * Counts run from deployment; times are over the last 1,024 successful sign-ins.
 */
public interface Email2faStatsMBean {

    long getIssued();

    long getSent();

    long getSendFailures();

    long getVerified();

    /** Every {@code verify_failed} event, whatever its reason: malformed input and locked refusals too. */
    long getFailures();

    long getLockouts();

    long getRateLimited();

    /** Users who turned sign-in codes on. */
    long getTwoFactorEnabled();

    /** Users who turned sign-in codes off. */
    long getTwoFactorDisabled();

    /** Sets of new backup codes made. */
    long getBackupCodesRegenerated();

    /** Backup codes spent to sign in. */
    long getBackupCodesUsed();

    /** Devices remembered. */
    long getDevicesRemembered();

    /** Times users forgot one or all of their devices. */
    long getDevicesForgotten();

    /** Times the module ended a user's devices (a new password, a lockout). */
    long getDevicesRevoked();

    /** Step-ups passed, for critical operations and the settings page. */
    long getStepUpsPassed();

    /** Times users ended their other sessions. */
    long getOtherSessionsEnded();

    /** Verified sessions asked for a code again: an account change elsewhere, or their maximum age. */
    long getReverifications();

    /** Requests refused because their session ID came in the URL. */
    long getSessionIdsRejected();

    /** Authenticator apps added. */
    long getAppsEnrolled();

    /** Authenticator apps removed. */
    long getAppsRemoved();

    /** Codes from authenticator apps that passed the second factor. */
    long getAppCodesUsed();

    /** Codes from authenticator apps that were refused (wrong, or a time step already used). */
    long getAppCodesFailed();

    /** Passkeys added. */
    long getPasskeysRegistered();

    /** Passkeys removed. */
    long getPasskeysRemoved();

    /** Passkey sign-ins that passed the second factor. */
    long getPasskeysUsed();

    /** Passkey sign-ins that were refused. */
    long getPasskeysFailed();

    /** Passkey sign-ins refused because the signature counter went backwards: possibly a copied passkey. */
    long getPasskeyCounterRegressions();

    long getPendingChallenges();

    long getMedianSendToVerifyMillis();

    long getP95SendToVerifyMillis();
}
