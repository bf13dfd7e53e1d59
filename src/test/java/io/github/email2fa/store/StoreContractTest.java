package io.github.email2fa.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.challenge.Challenge.Delivery;
import io.github.email2fa.challenge.Challenge.State;
import io.github.email2fa.challenge.ChallengeStore;
import io.github.email2fa.support.FakeTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link ChallengeStore} must meet; each implementation's test extends this class. */
abstract class StoreContractTest {

    static final String FLOW = "flow-A";
    static final Duration TTL = Duration.ofMinutes(5);

    final FakeTicker ticker = new FakeTicker();
    ChallengeStore store;

    /** A fresh, empty store of the implementation under test. */
    abstract ChallengeStore newStore(long maximumSize, FakeTicker ticker);

    @BeforeEach
    void createStore() {
        store = newStore(10_000, ticker);
    }

    @Test
    void getWhenAbsentThenNull() {
        assertNull(store.get(FLOW));
    }

    @Test
    void computeWhenAbsentThenUpdateSeesNullAndResultIsStored() {
        AtomicReference<Challenge> seen = new AtomicReference<>(challenge(FLOW, 0));
        Challenge fresh = challenge(FLOW, 0);

        store.compute(FLOW, current -> {
            seen.set(current);
            return fresh;
        });

        assertNull(seen.get());
        assertEquals(fresh, store.get(FLOW));
    }

    @Test
    void computeWhenUpdateReturnsNullThenRemoved() {
        store.compute(FLOW, current -> challenge(FLOW, 0));

        store.compute(FLOW, current -> null);

        assertNull(store.get(FLOW));
    }

    @Test
    void removeWhenPresentThenGone() {
        store.compute(FLOW, current -> challenge(FLOW, 0));

        store.remove(FLOW);

        assertNull(store.get(FLOW));
    }

    @Test
    void getWhenOneNanosecondBeforeExpiryThenPresent() {
        store.compute(FLOW, current -> challenge(FLOW, 0));
        ticker.setTo(TTL.minusNanos(1));

        assertNotNull(store.get(FLOW));
    }

    @Test
    void getWhenExpiryReachedThenNull() {
        store.compute(FLOW, current -> challenge(FLOW, 0));
        ticker.setTo(TTL);

        assertNull(store.get(FLOW));
    }

    @Test
    void computeWhenExpiredThenUpdateSeesNull() {
        store.compute(FLOW, current -> challenge(FLOW, 0));
        ticker.setTo(TTL);
        AtomicReference<Challenge> seen = new AtomicReference<>(challenge(FLOW, 0));

        store.compute(FLOW, current -> {
            seen.set(current);
            return current;
        });

        assertNull(seen.get());
    }

    @Test
    void computeWhenUpdatedLateThenExpiryNotMoved() {
        store.compute(FLOW, current -> challenge(FLOW, 0));
        ticker.setTo(TTL.minusSeconds(1));
        store.compute(FLOW, current -> counted(current, current.failures() + 1));
        ticker.setTo(TTL);

        assertNull(store.get(FLOW));
    }

    @Test
    void computeWhenEightThreadsIncrementThenNoUpdateLost() throws Exception {
        store.compute(FLOW, current -> challenge(FLOW, 0));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    gate.await();
                    for (int i = 0; i < 1_000; i++) {
                        store.compute(FLOW, current -> counted(current, current.failures() + 1));
                    }
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(8_000, store.get(FLOW).failures());
    }

    @Test
    void updateIfWhenSomeMatchThenOnlyTheyChangeAndNoExpiryMoves() {
        store.compute(FLOW, current -> challenge(FLOW, 0));
        store.compute("flow-B", current -> challenge("flow-B", 3));
        ticker.setTo(TTL.minusSeconds(1));

        int updated = store.updateIf(challenge -> challenge.failures() == 0, challenge -> counted(challenge, 7));

        assertEquals(1, updated);
        assertEquals(7, store.get(FLOW).failures());
        assertEquals(3, store.get("flow-B").failures());
        ticker.setTo(TTL);
        assertNull(store.get(FLOW), "an update does not move the expiry");
    }

    @Test
    void updateIfWhenRacingWithComputeThenNoUpdateLost() throws Exception {
        store.compute(FLOW, current -> challenge(FLOW, 0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            Future<?> computing = pool.submit(() -> {
                gate.await();
                for (int i = 0; i < 1_000; i++) {
                    store.compute(FLOW, current -> counted(current, current.failures() + 1));
                }
                return null;
            });
            Future<?> updating = pool.submit(() -> {
                gate.await();
                for (int i = 0; i < 1_000; i++) {
                    store.updateIf(challenge -> true, current -> counted(current, current.failures() + 1));
                }
                return null;
            });
            gate.countDown();
            computing.get(30, TimeUnit.SECONDS);
            updating.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(2_000, store.get(FLOW).failures());
    }

    @Test
    void sizeWhenTwoFlowsStoredThenTwo() {
        store.compute(FLOW, current -> challenge(FLOW, 0));
        store.compute("flow-B", current -> challenge("flow-B", 0));

        assertEquals(2, store.size());
    }

    /** A live challenge that expires {@link #TTL} after the clock's time at ticker zero. */
    static Challenge challenge(String flowId, int failures) {
        long start = FakeTicker.CLOCK_START.toEpochMilli();
        return new Challenge(flowId.hashCode() | 1L, 42, 1, 2, Challenge.NONE, 0, 0, start, start + TTL.toMillis(), start, failures,
                State.LIVE, Delivery.PENDING);
    }

    /** {@code challenge} with another failure count and everything else, expiry included, kept. */
    static Challenge counted(Challenge challenge, int failures) {
        return new Challenge(challenge.id(), challenge.subjectHash(), challenge.codeHashHigh(), challenge.codeHashLow(),
                challenge.replacedId(), challenge.replacedHashHigh(), challenge.replacedHashLow(), challenge.sentAtMillis(),
                challenge.expiresAtMillis(), challenge.nextSendAtMillis(), failures, challenge.state(), challenge.delivery());
    }
}
