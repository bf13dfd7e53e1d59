package io.github.email2fa.device;

import static io.github.email2fa.device.RememberedDevicesTest.ALICE;
import static io.github.email2fa.device.RememberedDevicesTest.FIREFOX;
import static io.github.email2fa.device.RememberedDevicesTest.LIFETIME;
import static io.github.email2fa.device.RememberedDevicesTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.device.RememberedDevices.Recognized;
import io.github.email2fa.testing.MutableClock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/** Covers {@link RememberedDevices#recognize} under a race: a copied cookie replayed in parallel works once. */
class RememberedDevicesConcurrencyTest {

    private static final int THREADS = 20;

    private final RememberedDevices devices =
            new RememberedDevices(new InMemoryAccountStore(), new SecureRandom(), new MutableClock(T0), LIFETIME);

    @RepeatedTest(5)
    void recognizeWhen20ParallelCallsWithSameTokenThenExactlyOneSucceeds() throws Exception {
        String token = devices.remember(ALICE, FIREFOX, 0).token();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Optional<Recognized>>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return devices.recognize(ALICE, token);
                }));
            }
            start.countDown();

            int successes = 0;
            for (Future<Optional<Recognized>> result : results) {
                successes += result.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertEquals(1, successes);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
