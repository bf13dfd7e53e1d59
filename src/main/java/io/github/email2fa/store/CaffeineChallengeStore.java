package io.github.email2fa.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.challenge.ChallengeStore;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A bounded in-memory store on Caffeine, for a single server.
 *
 * <p>Each entry expires at the wall-clock moment written into the challenge when it was issued
 * ({@link Challenge#retainUntilMillis()}), turned into a duration on the clock's reading when the
 * entry is written; Caffeine then counts it down on its own ticker. {@code expireAfterWrite}
 * would restart the clock on every wrong guess; here an update keeps the moment its value
 * carries, so guessing never buys an attacker time.
 */
public final class CaffeineChallengeStore implements ChallengeStore {

    private final Cache<String, Challenge> cache;

    /**
     * @param maximumSize most entries kept; the least useful are evicted beyond it
     * @param ticker what Caffeine counts expiry down on
     * @param clock the wall clock the challenges' moments come from
     */
    public CaffeineChallengeStore(long maximumSize, Ticker ticker, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(ticker)
                .expireAfter(new FixedExpiry(clock))
                .build();
    }

    @Override
    public Challenge get(String flowId) {
        return cache.getIfPresent(flowId);
    }

    @Override
    public Challenge compute(String flowId, UnaryOperator<Challenge> update) {
        return cache.asMap().compute(flowId, (key, current) -> update.apply(current));
    }

    @Override
    public void remove(String flowId) {
        cache.invalidate(flowId);
    }

    @Override
    public int removeIf(Predicate<Challenge> filter) {
        int[] removed = {0};
        cache.asMap().forEach((flowId, challenge) -> {
            if (filter.test(challenge) && cache.asMap().remove(flowId, challenge)) {
                removed[0]++;
            }
        });
        return removed[0];
    }

    @Override
    public int updateIf(Predicate<Challenge> filter, UnaryOperator<Challenge> update) {
        int[] updated = {0};
        for (String flowId : cache.asMap().keySet()) {
            cache.asMap().computeIfPresent(flowId, (key, challenge) -> {
                if (!filter.test(challenge)) {
                    return challenge;
                }
                updated[0]++;
                return update.apply(challenge);
            });
        }
        return updated[0];
    }

    @Override
    public long count(Predicate<Challenge> filter) {
        return cache.asMap().values().stream().filter(filter).count();
    }

    @Override
    public long size() {
        return cache.estimatedSize();
    }

    /** Expires each entry at the moment its challenge names, whether it was just created or updated. */
    private static final class FixedExpiry implements Expiry<String, Challenge> {

        private final Clock clock;

        FixedExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String key, Challenge value, long currentTime) {
            return remaining(value);
        }

        @Override
        public long expireAfterUpdate(String key, Challenge value, long currentTime, long currentDuration) {
            return remaining(value);
        }

        private long remaining(Challenge value) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, value.retainUntilMillis() - clock.millis()));
        }

        @Override
        public long expireAfterRead(String key, Challenge value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
