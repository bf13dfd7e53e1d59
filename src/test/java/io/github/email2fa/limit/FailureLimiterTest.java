package io.github.email2fa.limit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.limit.FailureLimiter.Effect;
import io.github.email2fa.limit.FailureLimiter.FailureCount;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.support.FakeTicker;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Covers {@link FailureLimiter} on one thread with fake time: the window, growing lockouts and the hard limit. */
class FailureLimiterTest {

    private static final String ALICE = "alice";
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final List<Duration> LOCKOUTS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

    private final FakeTicker ticker = new FakeTicker();
    private final FailureLimiter limiter = new FailureLimiter(new CaffeineSharedStore(10_000, ticker), 10, WINDOW, LOCKOUTS, 100, ticker.clock());

    /** Records {@code n} failures at the current time, asserting each is merely counted. */
    private void failWithoutLock(FailureLimiter target, int n) {
        for (int i = 0; i < n; i++) {
            assertEquals(Effect.COUNTED, target.recordFailure(ALICE), "failure " + (i + 1));
        }
    }

    /** Reaches the threshold now, returning the length of the lock it caused. */
    private Duration lockOnce() {
        failWithoutLock(limiter, 9);
        assertEquals(Effect.LOCKED_NOW, limiter.recordFailure(ALICE));
        return limiter.lock(ALICE).remaining();
    }

    @Test
    void recordFailureWhenNineFailuresThenStillOpen() {
        failWithoutLock(limiter, 9);

        assertFalse(limiter.lock(ALICE).locked());
        assertEquals(9, limiter.count(ALICE).inWindow());
    }

    @Test
    void recordFailureWhenTenthInsideWindowThenLockedNow() {
        for (int i = 0; i < 9; i++) {
            limiter.recordFailure(ALICE);
            ticker.advance(Duration.ofMinutes(1));
        }

        assertEquals(Effect.LOCKED_NOW, limiter.recordFailure(ALICE));
        assertEquals(new AccountLock(true, Duration.ofMinutes(1)), limiter.lock(ALICE));
    }

    @Test
    void recordFailureWhenOldestLeftWindowThenNotLocked() {
        limiter.recordFailure(ALICE);
        ticker.advance(Duration.ofMinutes(10));
        failWithoutLock(limiter, 8);
        ticker.advance(Duration.ofMinutes(6));

        assertEquals(Effect.COUNTED, limiter.recordFailure(ALICE));
        assertEquals(9, limiter.count(ALICE).inWindow());
        assertFalse(limiter.lock(ALICE).locked());
    }

    @Test
    void recordFailureWhenOldestIsExactlyWindowOldThenItNoLongerCounts() {
        limiter.recordFailure(ALICE);
        failWithoutLock(limiter, 8);
        ticker.advance(WINDOW);

        assertEquals(Effect.COUNTED, limiter.recordFailure(ALICE));
        assertEquals(1, limiter.count(ALICE).inWindow());
    }

    @Test
    void recordFailureWhenOldestIsOneNanoInsideWindowThenLocks() {
        failWithoutLock(limiter, 9);
        ticker.advance(WINDOW.minusNanos(1));

        assertEquals(Effect.LOCKED_NOW, limiter.recordFailure(ALICE));
    }

    @Test
    void recordFailureWhenLockoutsRepeatThenDurationsGrowToTheCap() {
        List<Duration> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Duration lock = lockOnce();
            seen.add(lock);
            ticker.advance(lock);
        }

        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(15),
                Duration.ofMinutes(15)), seen);
    }

    @Test
    void lockWhenDurationMinusOneMilliPassedThenStillLocked() {
        lockOnce();
        ticker.advance(Duration.ofMinutes(1).minusMillis(1));

        assertEquals(new AccountLock(true, Duration.ofMillis(1)), limiter.lock(ALICE));
    }

    @Test
    void lockWhenDurationPassedExactlyThenOpen() {
        lockOnce();
        ticker.advance(Duration.ofMinutes(1));

        assertEquals(AccountLock.OPEN, limiter.lock(ALICE));
    }

    @Test
    void recordFailureWhenLockedThenAlreadyLockedAndNotCounted() {
        lockOnce();
        FailureCount before = limiter.count(ALICE);

        for (int i = 0; i < 20; i++) {
            assertEquals(Effect.ALREADY_LOCKED, limiter.recordFailure(ALICE));
        }

        assertEquals(before, limiter.count(ALICE));
        assertEquals(new FailureCount(0, 10, 1), before);
    }

    @Test
    void recordFailureWhenLockedThenLockIsNotExtended() {
        lockOnce();
        ticker.advance(Duration.ofSeconds(59));
        limiter.recordFailure(ALICE);
        ticker.advance(Duration.ofSeconds(1));

        assertFalse(limiter.lock(ALICE).locked());
    }

    @Test
    void recordSuccessWhenFailuresCountedThenConsecutiveReset() {
        failWithoutLock(limiter, 7);

        limiter.recordSuccess(ALICE);

        assertEquals(new FailureCount(0, 0, 0), limiter.count(ALICE));
    }

    @Test
    void recordSuccessWhenAfterLockoutThenNextLockoutStartsAtFirstStep() {
        ticker.advance(lockOnce());
        ticker.advance(lockOnce());

        limiter.recordSuccess(ALICE);

        assertEquals(Duration.ofMinutes(1), lockOnce());
    }

    @Test
    void recordFailureWhenDayWithoutLockoutThenNextLockoutStartsAtFirstStep() {
        ticker.advance(lockOnce());
        ticker.advance(lockOnce());
        ticker.advance(Duration.ofHours(24).plusSeconds(1));

        assertEquals(Duration.ofMinutes(1), lockOnce());
        assertEquals(1, limiter.count(ALICE).lockoutLevel());
    }

    @Test
    void recordFailureWhenLessThanADayWithoutLockoutThenNextLockoutGrows() {
        ticker.advance(lockOnce());
        ticker.advance(lockOnce());
        ticker.advance(Duration.ofHours(23));

        assertEquals(Duration.ofMinutes(15), lockOnce());
    }

    @Test
    void recordFailureWhenAttackerWaitsOutEveryLockThenLockedUntilSupportAfterHundred() {
        FailureLimiter hard = new FailureLimiter(new CaffeineSharedStore(10_000, ticker), 10, WINDOW, List.of(Duration.ofMinutes(1)), 100, ticker.clock());
        int counted = 0;
        for (int call = 0; call < 10_000 && !hard.lock(ALICE).untilSupport(); call++) {
            AccountLock lock = hard.lock(ALICE);
            if (lock.locked()) {
                ticker.advance(lock.remaining());
            }
            if (hard.recordFailure(ALICE) != Effect.ALREADY_LOCKED) {
                counted++;
            }
        }

        assertEquals(100, counted);
        assertEquals(AccountLock.UNTIL_SUPPORT, hard.lock(ALICE));
        assertEquals(100, hard.count(ALICE).consecutive());
    }

    @Test
    void lockWhenUntilSupportThenHoldsWhileAttemptsComeAndLapsesOnlyAfterTheRetentionWithoutAny() {
        FailureLimiter hard = new FailureLimiter(new CaffeineSharedStore(10_000, ticker), 10, WINDOW, List.of(Duration.ofMinutes(1)), 10,
                ticker.clock());
        failWithoutLock(hard, 9);
        assertEquals(Effect.LOCKED_NOW, hard.recordFailure(ALICE));

        for (int month = 0; month < 13; month++) {
            ticker.advance(FailureLimiter.RETENTION.minusDays(1));
            assertTrue(hard.lock(ALICE).untilSupport(), "month " + month);
            assertEquals(Effect.ALREADY_LOCKED, hard.recordFailure(ALICE));
        }
        ticker.advance(FailureLimiter.RETENTION);
        assertEquals(AccountLock.OPEN, hard.lock(ALICE), "forgotten after the retention without an attempt");
    }

    @Test
    void unlockWhenUntilSupportThenOpenAndForgotten() {
        FailureLimiter hard = new FailureLimiter(new CaffeineSharedStore(10_000, ticker), 10, WINDOW, List.of(Duration.ofMinutes(1)), 10, ticker.clock());
        failWithoutLock(hard, 9);
        hard.recordFailure(ALICE);

        assertTrue(hard.unlock(ALICE));

        assertAll(
                () -> assertEquals(AccountLock.OPEN, hard.lock(ALICE)),
                () -> assertEquals(new FailureCount(0, 0, 0), hard.count(ALICE)),
                () -> assertEquals(Effect.COUNTED, hard.recordFailure(ALICE)));
    }

    @Test
    void unlockWhenOpenThenFalse() {
        failWithoutLock(limiter, 3);

        assertFalse(limiter.unlock(ALICE));
        assertEquals(0, limiter.count(ALICE).consecutive());
    }

    @Test
    void recordFailureWhenOtherAccountLockedThenThisOneOpen() {
        lockOnce();

        assertEquals(Effect.COUNTED, limiter.recordFailure("bob"));
        assertFalse(limiter.lock("bob").locked());
    }

    @ParameterizedTest(name = "threshold={0}, hardLimit={1}, lockouts={2}")
    @MethodSource("badArguments")
    void constructorWhenArgumentsInvalidThenRefused(int threshold, int hardLimit, List<Duration> lockouts) {
        assertThrows(IllegalArgumentException.class, () -> new FailureLimiter(new CaffeineSharedStore(10_000, ticker), threshold, WINDOW, lockouts, hardLimit, ticker.clock()));
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(0, 100, LOCKOUTS),
                Arguments.of(-1, 100, LOCKOUTS),
                Arguments.of(10, 9, LOCKOUTS),
                Arguments.of(10, 101, LOCKOUTS),
                Arguments.of(101, 101, LOCKOUTS),
                Arguments.of(10, 100, List.of()));
    }
}
