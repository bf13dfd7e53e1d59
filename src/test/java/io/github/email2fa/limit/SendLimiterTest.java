package io.github.email2fa.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.limit.SendLimiter.Decision;
import io.github.email2fa.limit.SendLimiter.Reason;
import io.github.email2fa.limit.SendLimiter.SendCount;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.support.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Covers {@link SendLimiter}: the short and daily account quotas and the per-address quota, with fake time. */
class SendLimiterTest {

    private static final String ALICE = "alice";
    private static final String IP = "198.51.100.7";
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final FakeTicker ticker = new FakeTicker();
    /** The defaults (5 per 15m, 20 a day), with a per-address quota of 3 so it is quick to reach. */
    private final SendLimiter limiter = new SendLimiter(new CaffeineSharedStore(10_000, ticker), 5, WINDOW, 20, 3, WINDOW, ticker.clock());
    /** The defaults, with a per-address quota too high to interfere. */
    private final SendLimiter accountsOnly = new SendLimiter(new CaffeineSharedStore(10_000, ticker), 5, WINDOW, 20, 1000, WINDOW, ticker.clock());

    @Test
    void tryAcquireWhenFiveSentThenSixthRefusedWithAccountQuota() {
        for (int i = 0; i < 5; i++) {
            assertTrue(accountsOnly.tryAcquire(ALICE, IP).allowed(), "send " + (i + 1));
            ticker.advance(Duration.ofMinutes(1));
        }

        Decision sixth = accountsOnly.tryAcquire(ALICE, IP);

        assertEquals(new Decision(false, Reason.ACCOUNT_QUOTA, Duration.ofMinutes(10)), sixth);
    }

    @Test
    void tryAcquireWhenOldestSendLeftWindowThenAllowedAgain() {
        for (int i = 0; i < 5; i++) {
            accountsOnly.tryAcquire(ALICE, IP);
            ticker.advance(Duration.ofMinutes(1));
        }
        ticker.advance(Duration.ofMinutes(10));

        assertTrue(accountsOnly.tryAcquire(ALICE, IP).allowed());
    }

    @Test
    void tryAcquireWhenTwentySentInADayThenRefusedWithDailyQuota() {
        for (int i = 0; i < 20; i++) {
            assertTrue(accountsOnly.tryAcquire(ALICE, IP).allowed(), "send " + (i + 1));
            ticker.advance(Duration.ofMinutes(4));
        }

        Decision next = accountsOnly.tryAcquire(ALICE, IP);

        assertEquals(new Decision(false, Reason.DAILY_QUOTA, Duration.ofHours(24).minusMinutes(80)), next);
        assertEquals(new SendCount(3, 20), accountsOnly.sendsOf(ALICE));
    }

    @Test
    void tryAcquireWhenAddressUsedByOtherAccountsThenRefusedWithIpQuota() {
        assertTrue(limiter.tryAcquire("bob", IP).allowed());
        assertTrue(limiter.tryAcquire("carol", IP).allowed());
        assertTrue(limiter.tryAcquire("dave", IP).allowed());

        Decision decision = limiter.tryAcquire(ALICE, IP);

        assertEquals(new Decision(false, Reason.IP_QUOTA, WINDOW), decision);
    }

    @Test
    void tryAcquireWhenRefusedOnIpQuotaThenAccountNotCounted() {
        limiter.tryAcquire("bob", IP);
        limiter.tryAcquire("carol", IP);
        limiter.tryAcquire("dave", IP);

        limiter.tryAcquire(ALICE, IP);

        assertEquals(new SendCount(0, 0), limiter.sendsOf(ALICE));
    }

    @Test
    void tryAcquireWhenRefusedOnAccountQuotaThenAddressNotCounted() {
        SendLimiter onePerAccount = new SendLimiter(new CaffeineSharedStore(10_000, ticker), 1, WINDOW, 20, 2, WINDOW, ticker.clock());
        assertTrue(onePerAccount.tryAcquire(ALICE, IP).allowed());
        for (int i = 0; i < 5; i++) {
            assertEquals(Reason.ACCOUNT_QUOTA, onePerAccount.tryAcquire(ALICE, IP).reason());
        }

        assertTrue(onePerAccount.tryAcquire("bob", IP).allowed());
    }

    @Test
    void tryAcquireWhenOtherAddressExhaustedThenThisAddressAllowed() {
        limiter.tryAcquire("bob", IP);
        limiter.tryAcquire("carol", IP);
        limiter.tryAcquire("dave", IP);

        assertTrue(limiter.tryAcquire(ALICE, "203.0.113.9").allowed());
    }

    @Test
    void resetWhenAccountAtQuotaThenSendsAllowedAgain() {
        for (int i = 0; i < 5; i++) {
            accountsOnly.tryAcquire(ALICE, IP);
        }

        accountsOnly.reset(ALICE);

        assertEquals(new SendCount(0, 0), accountsOnly.sendsOf(ALICE));
        assertTrue(accountsOnly.tryAcquire(ALICE, IP).allowed());
    }

    @Test
    void sendsOfWhenSendsOlderThanWindowThenOnlyDailyCountKeepsThem() {
        accountsOnly.tryAcquire(ALICE, IP);
        accountsOnly.tryAcquire(ALICE, IP);
        ticker.advance(WINDOW);

        assertEquals(new SendCount(0, 2), accountsOnly.sendsOf(ALICE));
    }

    @Test
    void tryAcquireWhenEightThreadsOnTwoLimitersOverOneStoreThenQuotaHoldsExactly() throws Exception {
        CaffeineSharedStore shared = new CaffeineSharedStore(10_000, ticker);
        SendLimiter nodeA = new SendLimiter(shared, 5, WINDOW, 20, 1000, WINDOW, ticker.clock());
        SendLimiter nodeB = new SendLimiter(shared, 5, WINDOW, 20, 1000, WINDOW, ticker.clock());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger allowed = new AtomicInteger();
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                SendLimiter node = t % 2 == 0 ? nodeA : nodeB;
                sends.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        if (node.tryAcquire(ALICE, "198.51.100." + i).allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(5, allowed.get());
        assertEquals(new SendCount(5, 5), nodeB.sendsOf(ALICE));
    }
}
