package io.github.email2fa.challenge;

import static io.github.email2fa.challenge.ServiceFixture.FLOW;
import static io.github.email2fa.challenge.ServiceFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Covers parallel submissions: a code is spent once, and the attempt count never skips or overshoots. */
class ChallengeServiceConcurrencyTest {

    @Test
    void verifyWhenTwentyThreadsSubmitCorrectCodeAtOnceThenExactlyOneVerified() throws Exception {
        ServiceFixture fixture = new ServiceFixture(5);
        String code = fixture.issue().code();

        List<Verification.Result> results = atOnce(20, () -> fixture.verify(code));

        assertEquals(1, Collections.frequency(results, Verification.Result.VERIFIED), results.toString());
        assertEquals(19, Collections.frequency(results, Verification.Result.REJECTED), results.toString());
    }

    @Test
    void verifyWhenFiftyThreadsGuessWrongThenExactlyOneExhausted() throws Exception {
        ServiceFixture fixture = new ServiceFixture(10);
        String code = fixture.issue().code();

        List<Verification.Result> results = atOnce(50, () -> fixture.verify(wrong(code)));

        assertEquals(1, Collections.frequency(results, Verification.Result.EXHAUSTED), results.toString());
        assertEquals(0, Collections.frequency(results, Verification.Result.VERIFIED), results.toString());
    }

    @Test
    void verifyWhenFiftyThreadsGuessWrongThenFailuresNeverExceedLimit() throws Exception {
        AtomicInteger mostFailuresWritten = new AtomicInteger();
        ServiceFixture fixture = new ServiceFixture(10, store -> watching(store, mostFailuresWritten));
        String code = fixture.issue().code();

        atOnce(50, () -> fixture.verify(wrong(code)));

        assertEquals(10, mostFailuresWritten.get());
        assertEquals(10, fixture.store.get(FLOW).failures());
    }

    /** Runs {@code task} on {@code threads} threads released together by one gate; returns every result. */
    private static <T> List<T> atOnce(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return task.call();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS), "threads did not start");
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The store, reporting the highest failure count of any challenge written to it. */
    private static ChallengeStore watching(ChallengeStore store, AtomicInteger mostFailures) {
        return new ChallengeStore() {
            @Override
            public Challenge get(String flowId) {
                return store.get(flowId);
            }

            @Override
            public Challenge compute(String flowId, UnaryOperator<Challenge> update) {
                return store.compute(flowId, current -> {
                    Challenge next = update.apply(current);
                    if (next != null) {
                        mostFailures.accumulateAndGet(next.failures(), Math::max);
                    }
                    return next;
                });
            }

            @Override
            public void remove(String flowId) {
                store.remove(flowId);
            }

            @Override
            public int updateIf(java.util.function.Predicate<Challenge> filter, UnaryOperator<Challenge> update) {
                return store.updateIf(filter, update);
            }

            @Override
            public int removeIf(java.util.function.Predicate<Challenge> filter) {
                return store.removeIf(filter);
            }

            @Override
            public long count(java.util.function.Predicate<Challenge> filter) {
                return store.count(filter);
            }

            @Override
            public long size() {
                return store.size();
            }
        };
    }
}
