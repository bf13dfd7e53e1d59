package io.github.email2fa.signin;

import io.github.email2fa.limit.AccountLock;

/**
 * The answer to a code submission. Wrong, expired, used and foreign codes are all
 * {@link Status#REJECTED}; the audit log has the detail.
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
    public enum Status { VERIFIED, REJECTED, EXHAUSTED, LOCKED }
}
