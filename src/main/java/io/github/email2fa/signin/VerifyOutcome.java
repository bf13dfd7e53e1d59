package io.github.email2fa.signin;

import io.github.email2fa.limit.AccountLock;
import java.time.Instant;

/**
 * The answer to a code submission. Wrong and foreign codes are one status, {@link Status#REJECTED};
 * the audit log has the detail. A code the user may still hold but the module voided (replaced by a
 * newer one, expired, voided by a lockout, a backup code spent before) gets its own status, so the
 * page can say why it stopped working: that tells an attacker nothing, as none of them can ever
 * match again. Input that cannot be a code at all is {@link Status#MALFORMED} when a live code
 * awaits it: the format is public, and it was not counted as a guess.
 *
 * @param status what happened
 * @param lock the account's lock, when {@link Status#LOCKED}
 * @param backupCodesLeft after a backup code was accepted, how many are left; else -1
 * @param usedBefore when {@link Status#USED_BEFORE}, the moment the backup code was spent; else {@code null}
 */
public record VerifyOutcome(Status status, AccountLock lock, int backupCodesLeft, Instant usedBefore) {

    /** An outcome that did not involve a backup code. */
    public VerifyOutcome(Status status, AccountLock lock) {
        this(status, lock, -1, null);
    }

    /** What happened to the submission. */
    public enum Status {
        /** The code matched. */
        VERIFIED,
        /** Wrong or another user's; counted against the account, unless the input was malformed. */
        REJECTED,
        /** This wrong code used up the last attempt, or an earlier one had: only a new code helps. */
        EXHAUSTED,
        /** The code a resend replaced: it no longer works, and was counted like a wrong code. */
        REPLACED,
        /** The flow's code has expired or is gone: only a new code helps. */
        EXPIRED,
        /** A lockout voided the flow's code while it was pending: only a new code helps, once the lock ends. */
        VOIDED,
        /** A backup code of the user's own list that was spent before ({@link #usedBefore()}); counted. */
        USED_BEFORE,
        /** The account is locked; nothing was checked or counted. */
        LOCKED,
        /** The input cannot be a code (wrong length, other characters); nothing was counted. */
        MALFORMED,
        /** The right code from an authenticator app, of a time step already used (RFC 6238 section 5.2); counted. */
        ALREADY_USED,
        /** No authenticator app can check the code: the user has none, or its secret cannot be opened; nothing was counted. */
        APP_UNAVAILABLE,
        /** The passkey's response was refused (signature, origin, relying party, another user's passkey...); counted. */
        PASSKEY_REFUSED,
        /** The passkey answered no pending challenge (used, expired, another tab's): only asking again helps; counted. */
        PASSKEY_EXPIRED,
        /** The user has no passkey that can be used here; nothing was counted. */
        PASSKEY_UNAVAILABLE
    }
}
