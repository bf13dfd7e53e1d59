package io.github.email2fa.limit;

import io.github.email2fa.store.EntryUpdate;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Counts wrong codes per account, across every session, resend and challenge of that account,
 * and across every node that shares the store.
 *
 * <p>Reaching {@code threshold} failures within the sliding {@code window} locks the account for
 * the next step of {@code lockouts} (the last step repeats). A success clears the account.
 * {@code hardLimit} consecutive failures without a success lock it until support unlocks it
 * (NIST SP 800-63B section 5.2.2 allows at most 100). While an account is locked, further failures
 * are neither counted nor told apart from any other refusal.
 *
 * <p>Each account's state is one entry of the store's {@value #MAP} map, changed only by atomic
 * updates, so failures spread over nodes are all counted. Its moments are wall-clock milliseconds.
 * An entry lives {@link #RETENTION} after its last change: an account that stops failing is
 * forgotten then. A lock until support is renewed by every attempt it refuses, so it lapses only
 * after that long without a single attempt.
 *
 * <p>Counters are kept per account name, not in the challenge map: only users who passed the
 * application's login have a name here, so an attacker cannot flood it with keys of their choosing
 * and evict someone else's counter.
 */
public final class FailureLimiter {

    /** The map's name in the store. */
    public static final String MAP = "failures";
    /** How long an account's failures and lock are kept after their last change. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** After this long without a lockout, the next lockout starts again at the first step. */
    private static final Duration LEVEL_MEMORY = Duration.ofHours(24);

    private final Rules rules;
    private final Clock clock;
    private final SharedMap<AccountFailures> accounts;

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
     * @param store where the counters live; this opens its {@value #MAP} map
     * @param threshold failures within the window that lock the account
     * @param window the sliding window
     * @param lockouts lock durations, growing; the last one repeats
     * @param hardLimit consecutive failures after which only support can unlock
     * @param clock wall-clock time
     * @throws IllegalArgumentException unless 1 &lt;= threshold &lt;= hardLimit &lt;= 100, the window is
     *         positive and the lockouts are positive and do not shrink
     */
    public FailureLimiter(SharedStore store, int threshold, Duration window, List<Duration> lockouts, int hardLimit, Clock clock) {
        if (threshold < 1 || hardLimit < threshold || hardLimit > 100 || lockouts.isEmpty() || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("need 1 <= threshold <= hardLimit <= 100, a positive window and at least one lockout");
        }
        long[] steps = new long[lockouts.size()];
        for (int i = 0; i < lockouts.size(); i++) {
            if (lockouts.get(i).isNegative() || lockouts.get(i).isZero() || i > 0 && lockouts.get(i).compareTo(lockouts.get(i - 1)) < 0) {
                throw new IllegalArgumentException("lockouts must be positive and must not shrink: " + lockouts);
            }
            steps[i] = lockouts.get(i).toMillis();
        }
        this.rules = new Rules(threshold, window.toMillis(), steps, hardLimit, LEVEL_MEMORY.toMillis());
        this.clock = clock;
        this.accounts = store.accountMap(MAP, RETENTION);
    }

    /** Records one failed code for {@code subject}, atomically. */
    public Effect recordFailure(String subject) {
        return accounts.invoke(subject, new RecordFailure(rules, clock.millis()));
    }

    /**
     * How long the account stays locked, like {@link #lock}; a lock until support is renewed by
     * this look, so it lapses only after {@link #RETENTION} without a single attempt. For every
     * attempt a lock refuses.
     */
    public AccountLock lockRenewingHardLock(String subject) {
        AccountLock lock = lock(subject);
        if (lock.untilSupport()) {
            accounts.invoke(subject, new RecordFailure(rules, clock.millis()));
        }
        return lock;
    }

    /** Clears the account after a right code. */
    public void recordSuccess(String subject) {
        accounts.remove(subject);
    }

    /**
     * How long the account stays locked: {@link AccountLock#OPEN} if it is open; a hard lock
     * reports {@link AccountLock#untilSupport()}.
     */
    public AccountLock lock(String subject) {
        AccountFailures state = accounts.get(subject);
        long now = clock.millis();
        if (state == null || !state.isLocked(now)) {
            return AccountLock.OPEN;
        }
        return state.hard() ? AccountLock.UNTIL_SUPPORT : AccountLock.forDuration(Duration.ofMillis(state.lockedUntil() - now));
    }

    /** Failures in the current window and in a row, for support. */
    public FailureCount count(String subject) {
        AccountFailures state = accounts.get(subject);
        if (state == null) {
            return new FailureCount(0, 0, 0);
        }
        return new FailureCount(state.window().count(clock.millis(), rules.windowMillis()), state.consecutive(), state.level());
    }

    /**
     * Opens a locked account and forgets its failures.
     *
     * @return whether the account was locked
     */
    public boolean unlock(String subject) {
        return accounts.invoke(subject, new Unlock(clock.millis()));
    }

    /** Failures recorded for an account: in the window, in a row, and its lockout step. */
    public record FailureCount(int inWindow, int consecutive, int lockoutLevel) {
    }

    /** The limits, as plain numbers that travel with each update. */
    private record Rules(int threshold, long windowMillis, long[] lockoutMillis, int hardLimit, long levelMemoryMillis)
            implements Serializable {
    }

    /** One account's failures; immutable. Moments in epoch milliseconds. */
    record AccountFailures(SlidingWindow window, int consecutive, int level, long lockedUntil, long lastLockoutAt, boolean hard)
            implements Serializable {

        static AccountFailures fresh() {
            return new AccountFailures(SlidingWindow.empty(), 0, 0, Long.MIN_VALUE, Long.MIN_VALUE / 2, false);
        }

        boolean isLocked(long now) {
            return hard || now < lockedUntil;
        }
    }

    /** Counts one failure, and locks the account when it reaches a limit. */
    private record RecordFailure(Rules rules, long now) implements EntryUpdate<AccountFailures, Effect> {
        @Override
        public Effect apply(EntryUpdate.Entry<AccountFailures> entry) {
            AccountFailures state = entry.value() == null ? AccountFailures.fresh() : entry.value();
            if (state.isLocked(now)) {
                if (state.hard()) {
                    // Rewritten so it lives on: a hard lock lapses only after RETENTION without a single attempt.
                    entry.set(state);
                }
                return Effect.ALREADY_LOCKED;
            }
            SlidingWindow window = state.window().plus(now, rules.windowMillis(), rules.threshold());
            int consecutive = state.consecutive() + 1;
            if (consecutive >= rules.hardLimit()) {
                entry.set(new AccountFailures(SlidingWindow.empty(), consecutive, state.level() + 1, Long.MAX_VALUE, now, true));
                return Effect.LOCKED_NOW;
            }
            if (window.count(now, rules.windowMillis()) >= rules.threshold()) {
                int level = now - state.lastLockoutAt() > rules.levelMemoryMillis() || state.level() == 0 ? 1 : state.level() + 1;
                long lock = rules.lockoutMillis()[Math.min(level, rules.lockoutMillis().length) - 1];
                entry.set(new AccountFailures(SlidingWindow.empty(), consecutive, level, now + lock, now, false));
                return Effect.LOCKED_NOW;
            }
            entry.set(new AccountFailures(window, consecutive, state.level(), state.lockedUntil(), state.lastLockoutAt(), false));
            return Effect.COUNTED;
        }
    }

    /** Forgets the account's failures; answers whether it was locked. */
    private record Unlock(long now) implements EntryUpdate<AccountFailures, Boolean> {
        @Override
        public Boolean apply(EntryUpdate.Entry<AccountFailures> entry) {
            AccountFailures state = entry.value();
            entry.remove();
            return state != null && state.isLocked(now);
        }
    }
}
