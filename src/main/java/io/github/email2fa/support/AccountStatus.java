package io.github.email2fa.support;

import java.time.Duration;

/**
 * What support sees of one account.
 *
 * @param subject the account
 * @param locked whether codes are refused
 * @param lockedFor time left on the lock, or {@code null} if open or until support unlocks
 * @param untilSupport whether only support can lift the lock
 * @param failuresInWindow wrong codes in the current window
 * @param consecutiveFailures wrong codes since the last success
 * @param pendingChallenges codes that can still be entered, in all sessions
 * @param sendsInWindow codes sent in the short send window
 * @param sendsToday codes sent in the last 24 hours
 */
public record AccountStatus(String subject, boolean locked, Duration lockedFor, boolean untilSupport, int failuresInWindow,
        int consecutiveFailures, long pendingChallenges, int sendsInWindow, int sendsToday) {
}
