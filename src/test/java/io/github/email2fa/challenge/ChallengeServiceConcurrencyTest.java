package io.github.email2fa.challenge;

import static io.github.email2fa.challenge.ServiceFixture.FLOW;
import static io.github.email2fa.challenge.ServiceFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.store.EntryUpdate;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import java.io.Serializable;
import java.time.Duration;
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

    /** The store, reporting the highest failure count of any challenge written to its challenges map. */
    private static SharedStore watching(SharedStore store, AtomicInteger mostFailures) {
        return new SharedStore() {
            @Override
            @SuppressWarnings("unchecked")
            public <V extends Serializable> SharedMap<V> map(String name, Duration lifetime) {
                SharedMap<Challenge> inner = store.map(name, lifetime);
                return (SharedMap<V>) new SharedMap<Challenge>() {
                    @Override
                    public Challenge get(String key) {
                        return inner.get(key);
                    }

                    @Override
                    public boolean putIfAbsent(String key, Challenge value) {
                        return inner.putIfAbsent(key, value);
                    }

                    @Override
                    public <R> R invoke(String key, EntryUpdate<Challenge, R> update) {
                        return inner.invoke(key, entry -> update.apply(new EntryUpdate.Entry<>() {
                            @Override
                            public Challenge value() {
                                return entry.value();
                            }

                            @Override
                            public void set(Challenge value) {
                                mostFailures.accumulateAndGet(value.failures(), Math::max);
                                entry.set(value);
                            }

                            @Override
                            public void remove() {
                                entry.remove();
                            }
                        }));
                    }

                    @Override
                    public void remove(String key) {
                        inner.remove(key);
                    }

                    @Override
                    public int updateAll(Filter<Challenge> filter, EntryUpdate<Challenge, ?> update) {
                        return inner.updateAll(filter, update);
                    }

                    @Override
                    public long count(Filter<Challenge> filter) {
                        return inner.count(filter);
                    }

                    @Override
                    public long size() {
                        return inner.size();
                    }
                };
            }

            @Override
            public <V extends Serializable> SharedMap<V> mapRenewedOnWrite(String name, Duration lifetime) {
                return store.mapRenewedOnWrite(name, lifetime);
            }

            @Override
            public <V extends Serializable> SharedMap<V> accountMap(String name, Duration lifetime) {
                return store.accountMap(name, lifetime);
            }

            @Override
            public String description() {
                return store.description();
            }
        };
    }
}
