package io.github.email2fa.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.support.FakeTicker;
import io.github.email2fa.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Covers {@link SessionEpochs}: strictly later moments per account, the version, and the retention. */
class SessionEpochsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final FakeTicker ticker = new FakeTicker();
    private final CaffeineSharedStore store = new CaffeineSharedStore(1000, ticker);
    private final SessionEpochs epochs = new SessionEpochs(store, clock);

    @Test
    void changedAtWhenNoChangeThenZero() {
        assertEquals(0, epochs.changedAt("alice"));
        assertNull(epochs.lastChange("alice"));
    }

    @Test
    void advanceWhenTwiceInOneMillisecondThenStillStrictlyLaterWithTheLatestReason() {
        long first = epochs.advance("alice", "account_changed");
        long second = epochs.advance("alice", "sessions_ended");

        assertEquals(clock.millis(), first);
        assertEquals(first + 1, second);
        assertEquals(new SessionEpochs.Change(second, "sessions_ended"), epochs.lastChange("alice"));
    }

    @Test
    void advanceWhenCalledThenVersionMovesAndOtherAccountsStayUnchanged() {
        long before = epochs.version();

        epochs.advance("alice", "account_changed");

        assertEquals(before + 1, epochs.version());
        assertEquals(0, epochs.changedAt("bob"));
    }

    @Test
    void changeWhenRetentionPassedThenForgotten() {
        epochs.advance("alice", "account_changed");
        ticker.advance(Duration.ofHours(SessionEpochs.RETENTION_HOURS).minusSeconds(1));
        assertTrue(epochs.changedAt("alice") > 0, "kept within the retention");

        ticker.advance(Duration.ofSeconds(2));

        assertEquals(0, epochs.changedAt("alice"));
    }

    @Test
    void advanceWhenParallelThenEveryMomentIsDistinctAndTheLastIsTheLatest() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> moments = new ArrayList<>();
        for (int i = 0; i < threads * 50; i++) {
            moments.add(pool.submit(() -> {
                start.await();
                return epochs.advance("alice", "account_changed");
            }));
        }
        start.countDown();
        List<Long> seen = new ArrayList<>();
        for (Future<Long> moment : moments) {
            seen.add(moment.get());
        }
        pool.shutdown();

        assertEquals(seen.size(), seen.stream().distinct().count(), "no two changes share a moment");
        assertEquals(seen.stream().mapToLong(Long::longValue).max().orElseThrow(), epochs.changedAt("alice"));
    }

    @Test
    void pollWhenAnotherNodeChangedAnAccountThenVersionMovesAndItsChangeIsSeen() {
        SessionEpochs otherNode = new SessionEpochs(store, clock);
        long before = epochs.version();
        epochs.poll();
        assertEquals(before, epochs.version(), "nothing changed yet");

        otherNode.advance("alice", "password_changed");
        assertEquals(before, epochs.version(), "this node has not looked yet");
        epochs.poll();

        assertEquals(before + 1, epochs.version());
        assertEquals(new SessionEpochs.Change(clock.millis(), "password_changed"), epochs.lastChange("alice"));
        epochs.poll();
        assertEquals(before + 1, epochs.version(), "one change moves it once");
    }

    @Test
    void startPollingWhenAnotherNodeChangesThenVersionMovesWithinTwoIntervals() throws Exception {
        SessionEpochs otherNode = new SessionEpochs(store, clock);
        try {
            epochs.startPolling();
            long before = epochs.version();

            otherNode.advance("alice", "account_changed");

            long deadline = System.nanoTime() + SessionEpochs.POLL_INTERVAL.multipliedBy(2).plusMillis(500).toNanos();
            while (epochs.version() == before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(epochs.version() > before, "the poller saw the other node's change");
        } finally {
            epochs.close();
        }
    }
}
