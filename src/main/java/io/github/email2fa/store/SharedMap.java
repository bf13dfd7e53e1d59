package io.github.email2fa.store;

import java.io.Serializable;
import java.util.function.Predicate;

/**
 * One map of a {@link SharedStore}. Every operation on one key is atomic, also across nodes: a
 * read-then-write is always one {@link #invoke}, never a {@link #get} followed by a write.
 *
 * @param <V> the values' type
 */
public interface SharedMap<V extends Serializable> {

    /** The value under {@code key}, or {@code null} if there is none or it has expired. */
    V get(String key);

    /**
     * Stores {@code value} under {@code key} unless an entry is there: of callers racing with one
     * key, exactly one wins. The new entry's lifetime starts now.
     *
     * @return whether this call created the entry
     */
    boolean putIfAbsent(String key, V value);

    /**
     * Runs {@code update} on the entry of {@code key} atomically: no other change to that entry
     * comes between its read and its write. On a grid it runs on the node that owns the key, so
     * it and its result are serialised, and it must not reach for anything outside itself.
     *
     * @return what {@code update} returned
     */
    <R> R invoke(String key, EntryUpdate<V, R> update);

    /** Removes the entry of {@code key}, if any. */
    void remove(String key);

    /**
     * Runs {@code update} on every entry whose value matches, each atomically; for rare support
     * and security actions: it takes time proportional to the map.
     *
     * @return how many entries matched when their update ran
     */
    int updateAll(Filter<V> filter, EntryUpdate<V, ?> update);

    /** How many values match; takes time proportional to the map. */
    long count(Filter<V> filter);

    /** Roughly how many entries the map holds. */
    long size();

    /**
     * A test on a value that may have to travel to where the values are.
     *
     * @param <V> the values' type
     */
    @FunctionalInterface
    interface Filter<V> extends Predicate<V>, Serializable {
    }
}
