package io.github.email2fa.limit;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wrong codes per account, across every session, resend and challenge of that account.
 *
 * <p>Reaching {@code threshold} failures within the sliding {@code window} locks the account for
 * the next step of {@code lockouts} (the last step repeats). A success clears the account.
 * {@code hardLimit} consecutive failures without a success lock it until support unlocks it
 * (NIST SP 800-63B allows at most 100). While an account is locked, further failures are neither
 * counted nor told apart from any other refusal.
 *
 * <p>Counters are kept per account name in a map of their own, not in the challenge cache:
 * only users who passed the application's login have a name here, so an attacker cannot flood it
 * with keys of their choosing and evict someone else's counter.
 */
public final class FailureLimiter {

    /** After this long without a lockout, the next lockout starts again at the first step. */
    private static final Duration LEVEL_MEMORY = Duration.ofHours(24);

    private final int threshold;
    private final long windowNanos;
    private final List<Duration> lockouts;
    private final int hardLimit;
    private final Ticker ticker;
    private final Map<String, AccountFailures> accounts = new ConcurrentHashMap<>();

    /** What one failure did to its account. */
    public enum Effect {
        /** Counted; the account is still open. */
        COUNTED,
        /** This failure locked the account. */
        LOCKED_NOW,
        /** The account was already locked; the failure was not counted. */
        ALREADY_LOCKED
    }

    /**
     * @param threshold failures within the window that lock the account
     * @param window the sliding window
     * @param lockouts lock durations, growing; the last one repeats
     * @param hardLimit consecutive failures after which only support can unlock
     * @param ticker monotonic time
     */
    public FailureLimiter(int threshold, Duration window, List<Duration> lockouts, int hardLimit, Ticker ticker) {
        if (threshold < 1 || hardLimit < threshold || hardLimit > 100 || lockouts.isEmpty() || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("need 1 <= threshold <= hardLimit <= 100, a positive window and at least one lockout");
        }
        for (int i = 0; i < lockouts.size(); i++) {
            if (lockouts.get(i).isNegative() || lockouts.get(i).isZero() || i > 0 && lockouts.get(i).compareTo(lockouts.get(i - 1)) < 0) {
                throw new IllegalArgumentException("lockouts must be positive and must not shrink: " + lockouts);
            }
        }
        this.threshold = threshold;
        this.windowNanos = window.toNanos();
        this.lockouts = List.copyOf(lockouts);
        this.hardLimit = hardLimit;
        this.ticker = ticker;
    }

    /** Records one failed code for {@code subject}, atomically. */
    public Effect recordFailure(String subject) {
        Effect[] effect = new Effect[1];
        accounts.compute(subject, (key, current) -> {
            long now = ticker.read();
            AccountFailures state = current == null ? AccountFailures.fresh() : current;
            if (state.isLocked(now)) {
                effect[0] = Effect.ALREADY_LOCKED;
                return state;
            }
            SlidingWindow window = state.window().plus(now, windowNanos, threshold);
            int consecutive = state.consecutive() + 1;
            if (consecutive >= hardLimit) {
                effect[0] = Effect.LOCKED_NOW;
                return new AccountFailures(SlidingWindow.empty(), consecutive, state.level() + 1, Long.MAX_VALUE, now, true);
            }
            if (window.count(now, windowNanos) >= threshold) {
                int level = now - state.lastLockoutAt() > LEVEL_MEMORY.toNanos() || state.level() == 0 ? 1 : state.level() + 1;
                Duration lock = lockouts.get(Math.min(level, lockouts.size()) - 1);
                effect[0] = Effect.LOCKED_NOW;
                return new AccountFailures(SlidingWindow.empty(), consecutive, level, now + lock.toNanos(), now, false);
            }
            effect[0] = Effect.COUNTED;
            return new AccountFailures(window, consecutive, state.level(), state.lockedUntil(), state.lastLockoutAt(), false);
        });
        return effect[0];
    }

    /** Clears the account after a right code. */
    public void recordSuccess(String subject) {
        accounts.remove(subject);
    }

    /**
     * How long the account stays locked: empty if it is open, {@code null}-free; a hard lock
     * reports {@link AccountLock#untilSupport()}.
     */
    public AccountLock lock(String subject) {
        AccountFailures state = accounts.get(subject);
        long now = ticker.read();
        if (state == null || !state.isLocked(now)) {
            return AccountLock.OPEN;
        }
        return state.hard() ? AccountLock.UNTIL_SUPPORT : AccountLock.forDuration(Duration.ofNanos(state.lockedUntil() - now));
    }

    /** Failures in the current window and in a row, for support. */
    public FailureCount count(String subject) {
        AccountFailures state = accounts.get(subject);
        if (state == null) {
            return new FailureCount(0, 0, 0);
        }
        return new FailureCount(state.window().count(ticker.read(), windowNanos), state.consecutive(), state.level());
    }

    /**
     * Opens a locked account and forgets its failures.
     *
     * @return whether the account was locked
     */
    public boolean unlock(String subject) {
        AccountFailures removed = accounts.remove(subject);
        return removed != null && removed.isLocked(ticker.read());
    }

    /** Failures recorded for an account: in the window, in a row, and its lockout step. */
    public record FailureCount(int inWindow, int consecutive, int lockoutLevel) {
    }

    /** One account's failures; immutable. */
    private record AccountFailures(SlidingWindow window, int consecutive, int level, long lockedUntil, long lastLockoutAt,
            boolean hard) {

        static AccountFailures fresh() {
            return new AccountFailures(SlidingWindow.empty(), 0, 0, Long.MIN_VALUE, Long.MIN_VALUE / 2, false);
        }

        boolean isLocked(long now) {
            return hard || now < lockedUntil;
        }
    }
}
