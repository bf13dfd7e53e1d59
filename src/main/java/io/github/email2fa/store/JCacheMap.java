package io.github.email2fa.store;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.MutableEntry;

/**
 * One map of a {@link JCacheSharedStore}: a cache of the grid. Every call turns a failure of the
 * grid into a {@link SharedStoreException} that names the map and the operation, never a key or a
 * value.
 */
final class JCacheMap<V extends Serializable> implements SharedMap<V> {

    private final String cacheName;
    private final Cache<String, Object> cache;

    JCacheMap(String cacheName, Cache<String, Object> cache) {
        this.cacheName = cacheName;
        this.cache = cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(String key) {
        Objects.requireNonNull(key, "key");
        return (V) call("get", () -> cache.get(key));
    }

    @Override
    public boolean putIfAbsent(String key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return call("putIfAbsent", () -> cache.putIfAbsent(key, value));
    }

    @Override
    public <R> R invoke(String key, EntryUpdate<V, R> update) {
        Objects.requireNonNull(key, "key");
        Processor<V, R> processor = new Processor<>(Objects.requireNonNull(update, "update"));
        requireSerialisable("invoke", processor);
        return call("invoke", () -> cache.invoke(key, processor));
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        call("remove", () -> cache.remove(key));
    }

    /** Tests each value as this node reads it, then runs the update on the owner, which tests the value again. */
    @Override
    public int updateAll(Filter<V> filter, EntryUpdate<V, ?> update) {
        IfMatches<V> processor = new IfMatches<>(Objects.requireNonNull(filter, "filter"),
                new Processor<>(Objects.requireNonNull(update, "update")));
        requireSerialisable("updateAll", processor);
        return call("updateAll", () -> {
            int matched = 0;
            for (Cache.Entry<String, Object> entry : cache) {
                if (matches(filter, entry.getValue()) && cache.invoke(entry.getKey(), processor)) {
                    matched++;
                }
            }
            return matched;
        });
    }

    /** Reads every entry through this node. */
    @Override
    public long count(Filter<V> filter) {
        return call("count", () -> {
            long matched = 0;
            for (Cache.Entry<String, Object> entry : cache) {
                if (matches(filter, entry.getValue())) {
                    matched++;
                }
            }
            return matched;
        });
    }

    /** Exact, but reads every entry through this node, since JCache has no size: tens of milliseconds even when empty. */
    @Override
    public long size() {
        return call("size", () -> {
            long entries = 0;
            for (Cache.Entry<String, Object> ignored : cache) {
                entries++;
            }
            return entries;
        });
    }

    /**
     * Refuses, on every call and node, a processor that could not go to another member. The grid
     * serialises it only for a key another member owns, so without this an update that holds
     * something it should not works on one server and fails on a cluster for some keys only. It
     * costs a few microseconds against a call to the grid of a few hundred.
     */
    private void requireSerialisable(String operation, Serializable processor) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(processor);
        } catch (IOException e) {
            throw new SharedStoreException("email2fa: " + operation + " on the shared map " + cacheName
                    + " was given an update or filter that cannot be serialised, so it could not run on another node: " + e, e);
        }
    }

    /** Runs one call on the grid: an update's own exception comes out as it was thrown, any other failure as a {@link SharedStoreException}. */
    private <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (EntryProcessorException e) {
            if (e.getCause() instanceof UpdateFailure failure) {
                throw failure.thrown();
            }
            throw failed(operation, e);
        } catch (RuntimeException e) {
            throw failed(operation, e);
        }
    }

    private SharedStoreException failed(String operation, RuntimeException e) {
        return new SharedStoreException("email2fa: " + operation + " on the shared map " + cacheName + " failed ("
                + e.getClass().getName() + "); the data grid may be unreachable or refused what it was sent", e);
    }

    @SuppressWarnings("unchecked")
    private static <V> boolean matches(Filter<V> filter, Object value) {
        return value != null && filter.test((V) value);
    }

    /**
     * Runs an {@link EntryUpdate} on the member that owns the entry. An exception the update throws
     * leaves the entry as it was and comes back in an {@link UpdateFailure}, told apart from the grid's own.
     */
    private record Processor<V, R>(EntryUpdate<V, R> update) implements EntryProcessor<String, Object, R>, Serializable {
        @Override
        public R process(MutableEntry<String, Object> entry, Object... arguments) {
            // Read before the update runs: a value the grid cannot deserialise is the grid's failure, not the update's.
            GridEntry<V> view = new GridEntry<>(entry);
            try {
                return update.apply(view);
            } catch (RuntimeException e) {
                throw new UpdateFailure(e);
            }
        }
    }

    /** Runs the update only if the value still matches, atomically with it; answers whether it ran. */
    private record IfMatches<V>(Filter<V> filter, Processor<V, ?> processor) implements EntryProcessor<String, Object, Boolean>, Serializable {
        @Override
        public Boolean process(MutableEntry<String, Object> entry, Object... arguments) {
            if (!matches(filter, entry.getValue())) {
                return false;
            }
            processor.process(entry);
            return true;
        }
    }

    /** The entry an update sees: the grid's entry, read once, with absence as {@code null}. */
    private static final class GridEntry<V> implements EntryUpdate.Entry<V> {

        private final MutableEntry<String, Object> entry;
        private V value;

        @SuppressWarnings("unchecked")
        GridEntry(MutableEntry<String, Object> entry) {
            this.entry = entry;
            this.value = entry.exists() ? (V) entry.getValue() : null;
        }

        @Override
        public V value() {
            return value;
        }

        @Override
        public void set(V newValue) {
            entry.setValue(Objects.requireNonNull(newValue, "value"));
            value = newValue;
        }

        @Override
        public void remove() {
            entry.remove();
            value = null;
        }
    }

    /** Carries an update's own exception out of the grid, which wraps every exception of a processor alike. */
    private static final class UpdateFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UpdateFailure(RuntimeException thrown) {
            super(null, thrown, false, false);
        }

        RuntimeException thrown() {
            return (RuntimeException) getCause();
        }
    }
}
