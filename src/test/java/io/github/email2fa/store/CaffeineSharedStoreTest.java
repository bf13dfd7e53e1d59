package io.github.email2fa.store;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.support.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the store contract against {@link CaffeineSharedStore} on a fake ticker, and checks its size bound. */
class CaffeineSharedStoreTest extends SharedStoreContractTest {

    private final FakeTicker ticker = new FakeTicker();

    @Override
    SharedStore newStore() {
        return new CaffeineSharedStore(10_000, ticker);
    }

    @Override
    void pass(Duration time) {
        ticker.advance(time);
    }

    @Test
    void sizeWhenFarMoreEntriesThanMaximumThenBoundHolds() {
        SharedMap<Counter> small = new CaffeineSharedStore(100, ticker).map("small", LIFETIME);
        for (int i = 0; i < 10_000; i++) {
            small.putIfAbsent("k" + i, new Counter("x", i));
        }
        // Caffeine evicts asynchronously; reading settles it.
        small.get("k0");

        assertTrue(small.size() <= 1_000, "size " + small.size());
    }

    @Test
    void getWhenOneNanosecondBeforeTheLifetimeEndsThenPresent() {
        map.putIfAbsent("a", new Counter("a", 1));

        ticker.advance(LIFETIME.minusNanos(1));

        assertNotNull(map.get("a"));
    }
}
