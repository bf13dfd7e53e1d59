package io.github.email2fa.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.support.FakeTicker;
import io.github.email2fa.challenge.ChallengeStore;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the store contract against {@link CaffeineChallengeStore}, and checks its size bound. */
class CaffeineChallengeStoreTest extends StoreContractTest {

    @Override
    ChallengeStore newStore(long maximumSize, FakeTicker ticker) {
        return new CaffeineChallengeStore(maximumSize, ticker, ticker.clock());
    }

    @Test
    void sizeWhenFarMoreFlowsThanMaximumThenBoundHolds() {
        ChallengeStore bounded = newStore(100, ticker);

        for (int i = 0; i < 5_000; i++) {
            String flow = "flow-" + i;
            bounded.compute(flow, current -> challenge(flow, 0));
        }
        // Caffeine evicts on its maintenance executor, the common pool; wait for it rather than sleep.
        ForkJoinPool.commonPool().awaitQuiescence(10, TimeUnit.SECONDS);

        assertTrue(bounded.size() <= 100, "size " + bounded.size());
    }
}
