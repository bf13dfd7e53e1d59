package io.github.email2fa.backup;

import static io.github.email2fa.backup.BackupFixture.CLOCK;
import static io.github.email2fa.backup.BackupFixture.seeded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.backup.BackupCodes.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Covers parallel use of one backup code: it is spent exactly once. */
class BackupCodesConcurrencyTest {

    @Test
    void useWhenTwentyThreadsSubmitSameCodeAtOnceThenExactlyOneAccepted() throws Exception {
        assertSpentOnce(new InMemoryAccountStore());
    }

    /** Regenerates, races 20 uses of one code, and checks one acceptance and nine codes left; shared with the JDBC test. */
    static void assertSpentOnce(AccountStore store) throws Exception {
        BackupCodes codes = new BackupCodes(store, seeded(), CLOCK);
        String code = codes.regenerate("alice").get(0);

        List<Result> results = atOnce(20, () -> codes.use("alice", code));

        assertEquals(1, results.stream().filter(Result::accepted).count(), results.toString());
        assertEquals(9, codes.remaining("alice"));
    }

    /** Runs {@code task} on {@code threads} threads released together by one gate; returns every result. */
    private static <T> List<T> atOnce(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
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
