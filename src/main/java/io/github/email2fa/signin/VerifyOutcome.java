package io.github.email2fa.signin;

import io.github.email2fa.limit.AccountLock;

/**
 * The answer to a code submission. Wrong, expired, used and foreign codes are all
 * {@link Status#REJECTED}; the audit log has the detail.
 *
 * @param status what happened
 * @param lock the account's lock, when {@link Status#LOCKED}
 */
public record VerifyOutcome(Status status, AccountLock lock) {

    /** What happened to the submission. */
    public enum Status { VERIFIED, REJECTED, EXHAUSTED, LOCKED }
}
