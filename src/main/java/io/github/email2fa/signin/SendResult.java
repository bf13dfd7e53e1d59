package io.github.email2fa.signin;

import io.github.email2fa.limit.AccountLock;
import java.time.Duration;

/**
 * The answer to a request for a code.
 *
 * @param status what happened
 * @param retryAfter when a new request may succeed, or {@code null}
 * @param lock the account's lock, when {@link Status#LOCKED}
 */
public record SendResult(Status status, Duration retryAfter, AccountLock lock) {

    /** What happened to the request. */
    public enum Status {
        /** A new code was issued and its email queued. */
        QUEUED,
        /** The flow's resend cooldown is still running. */
        COOLDOWN,
        /** An account or address quota is used up. */
        RATE_LIMITED,
        /** The account is locked out. */
        LOCKED
    }
}
