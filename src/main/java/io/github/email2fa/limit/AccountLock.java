package io.github.email2fa.limit;

import java.time.Duration;

/**
 * Whether an account is locked out, and for how long.
 *
 * @param locked whether codes are refused
 * @param remaining time until the lock ends; {@code null} when open or when only support can unlock
 */
public record AccountLock(boolean locked, Duration remaining) {

    /** Not locked. */
    public static final AccountLock OPEN = new AccountLock(false, null);

    /** Locked after too many failures in a row, until support unlocks it. */
    public static final AccountLock UNTIL_SUPPORT = new AccountLock(true, null);

    static AccountLock forDuration(Duration remaining) {
        return new AccountLock(true, remaining);
    }

    /** Whether only support can lift this lock. */
    public boolean untilSupport() {
        return locked && remaining == null;
    }
}
