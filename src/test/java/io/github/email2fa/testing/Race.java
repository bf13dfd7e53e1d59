package io.github.email2fa.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one call on many threads released together, for tests of what parallel requests do. */
public final class Race {

    /** One caller's part; it may throw, which fails the race. */
    @FunctionalInterface
    public interface Call<T> {
        T call(int caller) throws Exception;
    }

    private Race() {
    }

    /**
     * Runs {@code call(0..callers-1)} on as many threads, all started before one gate lets them go;
     * returns the results in caller order.
     *
     * @throws Exception the first failure of a caller, or a timeout after 60 seconds
     */
    public static <T> List<T> of(int callers, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return call.call(caller);
                }));
            }
            ready.await(60, TimeUnit.SECONDS);
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
