package io.github.email2fa.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.limit.FailureLimiter.Effect;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.support.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Covers {@link FailureLimiter} under parallel failures on one account: nothing is lost or counted twice. */
class FailureLimiterConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 50;
    private static final String ALICE = "alice";

    private final FakeTicker ticker = new FakeTicker();
    private final FailureLimiter limiter = new FailureLimiter(new CaffeineSharedStore(10_000, ticker), 10, Duration.ofMinutes(15),
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)), 100, ticker.clock());
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Fires {@code THREADS x CALLS_PER_THREAD} failures at once and tallies their effects. */
    private Map<Effect, Integer> burst() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<List<Effect>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(() -> {
                gate.await();
                List<Effect> effects = new ArrayList<>();
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    effects.add(limiter.recordFailure(ALICE));
                }
                return effects;
            }));
        }
        gate.countDown();
        Map<Effect, Integer> tally = new EnumMap<>(Effect.class);
        for (Effect effect : Effect.values()) {
            tally.put(effect, 0);
        }
        for (Future<List<Effect>> result : results) {
            for (Effect effect : result.get(30, TimeUnit.SECONDS)) {
                tally.merge(effect, 1, Integer::sum);
            }
        }
        return tally;
    }

    @Test
    void recordFailureWhenParallelBurstThenLocksOnceAndCountsOnlyUpToThreshold() throws Exception {
        Map<Effect, Integer> tally = burst();

        assertEquals(Map.of(Effect.COUNTED, 9, Effect.LOCKED_NOW, 1, Effect.ALREADY_LOCKED, THREADS * CALLS_PER_THREAD - 10),
                tally);
        assertEquals(new FailureLimiter.FailureCount(0, 10, 1), limiter.count(ALICE));
    }

    @Test
    void recordFailureWhenParallelBurstAfterEachLockExpiresThenLocksOncePerCrossing() throws Exception {
        int locks = 0;
        for (int round = 1; round <= 3; round++) {
            Map<Effect, Integer> tally = burst();
            locks += tally.get(Effect.LOCKED_NOW);
            assertEquals(1, tally.get(Effect.LOCKED_NOW), "round " + round);
            assertEquals(9, tally.get(Effect.COUNTED), "round " + round);
            ticker.advance(limiter.lock(ALICE).remaining());
        }

        assertEquals(3, locks);
        assertEquals(30, limiter.count(ALICE).consecutive());
    }
}
