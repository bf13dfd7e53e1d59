package io.github.email2fa.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The shared store of a single server: bounded Caffeine maps in this JVM. Each entry expires its
 * map's lifetime after it was created (or last written, for a map renewed on write), counted on
 * the ticker.
 */
public final class CaffeineSharedStore implements SharedStore {

    private final long maximumSize;
    private final Ticker ticker;
    private final Map<String, CaffeineMap<?>> maps = new ConcurrentHashMap<>();

    /**
     * @param maximumSize most entries of each map; the least useful are evicted beyond it
     * @param ticker what expiry is counted on
     */
    public CaffeineSharedStore(long maximumSize, Ticker ticker) {
        this.maximumSize = maximumSize;
        this.ticker = ticker;
    }

    @Override
    public <V extends Serializable> SharedMap<V> map(String name, Duration lifetime) {
        return open(name, lifetime, false);
    }

    @Override
    public <V extends Serializable> SharedMap<V> mapRenewedOnWrite(String name, Duration lifetime) {
        return open(name, lifetime, true);
    }

    /** Renewed on write and without a size bound: entries only expire. */
    @Override
    public <V extends Serializable> SharedMap<V> accountMap(String name, Duration lifetime) {
        return open(name, lifetime, true, 0);
    }

    private <V extends Serializable> SharedMap<V> open(String name, Duration lifetime, boolean renewedOnWrite) {
        return open(name, lifetime, renewedOnWrite, maximumSize);
    }

    /** @param bound most entries, or 0 for none */
    @SuppressWarnings("unchecked")
    private <V extends Serializable> SharedMap<V> open(String name, Duration lifetime, boolean renewedOnWrite, long bound) {
        SharedStore.positive(name, lifetime);
        return (SharedMap<V>) maps.computeIfAbsent(name,
                key -> new CaffeineMap<V>(bound, ticker, lifetime.toNanos(), renewedOnWrite));
    }

    /** Always: the maps are in this JVM. */
    @Override
    public boolean runsUpdatesHere() {
        return true;
    }

    @Override
    public String description() {
        return "Caffeine (this JVM only)";
    }

    /** One bounded map. */
    private static final class CaffeineMap<V extends Serializable> implements SharedMap<V> {

        private final Cache<String, V> cache;

        /** @param maximumSize most entries, or 0 for no bound */
        CaffeineMap(long maximumSize, Ticker ticker, long lifetimeNanos, boolean renewedOnWrite) {
            // Maintenance runs on the calling thread: handing it to a pool after every write costs more than it does.
            Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(Runnable::run).ticker(ticker);
            if (maximumSize > 0) {
                builder.maximumSize(maximumSize);
            }
            this.cache = builder.expireAfter(new Lifetime<V>(lifetimeNanos, renewedOnWrite)).build();
        }

        @Override
        public V get(String key) {
            return cache.getIfPresent(key);
        }

        @Override
        public boolean putIfAbsent(String key, V value) {
            return cache.asMap().putIfAbsent(key, value) == null;
        }

        @Override
        public <R> R invoke(String key, EntryUpdate<V, R> update) {
            Invocation<V, R> invocation = new Invocation<>(update);
            cache.asMap().compute(key, invocation);
            return invocation.answer;
        }

        @Override
        public void remove(String key) {
            cache.invalidate(key);
        }

        @Override
        public int updateAll(Filter<V> filter, EntryUpdate<V, ?> update) {
            int[] matched = {0};
            for (String key : cache.asMap().keySet()) {
                cache.asMap().computeIfPresent(key, (k, current) -> {
                    if (!filter.test(current)) {
                        return current;
                    }
                    matched[0]++;
                    return new Invocation<>(update).apply(k, current);
                });
            }
            return matched[0];
        }

        @Override
        public long count(Filter<V> filter) {
            return cache.asMap().values().stream().filter(filter).count();
        }

        @Override
        public long size() {
            return cache.estimatedSize();
        }
    }

    /**
     * One update run inside Caffeine's atomic compute, which calls it once: it is both the function
     * handed to {@code compute} and the entry the update sees, and it keeps the update's answer. One
     * object per call, as this runs on every issue and check.
     */
    private static final class Invocation<V, R> implements BiFunction<String, V, V>, EntryUpdate.Entry<V> {

        private final EntryUpdate<V, R> update;
        private V value;
        private R answer;

        Invocation(EntryUpdate<V, R> update) {
            this.update = update;
        }

        @Override
        public V apply(String key, V current) {
            value = current;
            answer = update.apply(this);
            return value;
        }

        @Override
        public V value() {
            return value;
        }

        @Override
        public void set(V newValue) {
            value = Objects.requireNonNull(newValue, "value");
        }

        @Override
        public void remove() {
            value = null;
        }
    }

    /** Expires an entry its lifetime after creation, or after its last write when renewed on write; reads keep the moment. */
    private static final class Lifetime<V> implements Expiry<String, V> {

        private final long lifetimeNanos;
        private final boolean renewedOnWrite;

        Lifetime(long lifetimeNanos, boolean renewedOnWrite) {
            this.lifetimeNanos = lifetimeNanos;
            this.renewedOnWrite = renewedOnWrite;
        }

        @Override
        public long expireAfterCreate(String key, V value, long currentTime) {
            return lifetimeNanos;
        }

        @Override
        public long expireAfterUpdate(String key, V value, long currentTime, long currentDuration) {
            return renewedOnWrite ? lifetimeNanos : currentDuration;
        }

        @Override
        public long expireAfterRead(String key, V value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
