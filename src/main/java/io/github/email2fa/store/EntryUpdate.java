package io.github.email2fa.store;

import java.io.Serializable;

/**
 * An atomic change of one entry of a {@link SharedMap}, with its answer. On a grid it is
 * serialised and runs where the entry lives, so it carries every input it needs (the caller's
 * clock reading included) and reaches for nothing else.
 *
 * @param <V> the entry's value type
 * @param <R> the answer's type; serialisable on a grid
 */
@FunctionalInterface
public interface EntryUpdate<V, R> extends Serializable {

    /** Reads and changes {@code entry}; returns the answer for the caller. */
    R apply(Entry<V> entry);

    /**
     * The entry an update sees and changes.
     *
     * @param <V> the value type
     */
    interface Entry<V> {

        /** The current value, or {@code null} if there is none. */
        V value();

        /** Replaces the value; an entry that did not exist is created, and its lifetime starts. */
        void set(V value);

        /** Removes the entry. */
        void remove();
    }
}
