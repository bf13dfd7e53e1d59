package io.github.email2fa.signin;

import io.github.email2fa.limit.AccountLock;

/**
 * The answer to a code submission. Wrong, expired, used and foreign codes are all
 * {@link Status#REJECTED}; the audit log has the detail. Input that cannot be a code at all is
 * {@link Status#MALFORMED} when a live code awaits it: the format is public, so saying so tells an
 * attacker nothing, and it was not counted as a guess.
 *
 * @param status what happened
 * @param lock the account's lock, when {@link Status#LOCKED}
 * @param backupCodesLeft after a backup code was accepted, how many are left; else -1
 */
public record VerifyOutcome(Status status, AccountLock lock, int backupCodesLeft) {

    /** An outcome that did not involve a backup code. */
    public VerifyOutcome(Status status, AccountLock lock) {
        this(status, lock, -1);
    }

    /** What happened to the submission. */
    public enum Status {
        /** The code matched. */
        VERIFIED,
        /** Wrong, expired, used or foreign; counted against the account, unless the input was malformed. */
        REJECTED,
        /** This wrong code used up the last attempt. */
        EXHAUSTED,
        /** The account is locked; nothing was checked or counted. */
        LOCKED,
        /** The input cannot be a code (wrong length, other characters); nothing was counted. */
        MALFORMED
    }
}
