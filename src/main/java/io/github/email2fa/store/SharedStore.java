package io.github.email2fa.store;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where the module's short-lived state lives that every node of a cluster must see alike: pending
 * challenges, failure counts and lockouts, send quotas. Each kind is a named {@link SharedMap} of
 * small {@link Serializable} values under {@code String} keys.
 *
 * <p>An entry lives for its map's lifetime from the moment it is created; no update moves that
 * moment, so no repeated request can keep an entry alive. A value that must end sooner carries its
 * own wall-clock end, which its reader checks.
 *
 * <p>Implementations: {@link CaffeineSharedStore} (this JVM only, the default) and
 * {@link JCacheSharedStore} for a data grid. Both pass one contract test.
 */
public interface SharedStore {

    /**
     * The map of this name, the same one on every node; asking again gives the same map.
     *
     * @param name a short name such as {@code challenges}; a store on a shared grid adds the
     *        application's name to it, so two applications never share state
     * @param lifetime how long an entry lives after it is created, more than zero
     * @param <V> the values' type; values cross the network on a grid, so they must be small
     * @throws IllegalArgumentException if the lifetime is not positive
     * @throws IllegalStateException if the store cannot open the map (an unreachable grid)
     */
    <V extends Serializable> SharedMap<V> map(String name, Duration lifetime);

    /**
     * Like {@link #map}, but each write (a creation or an update) starts the entry's lifetime
     * again: for state that must outlast its last change, such as an account's lock, where keeping
     * an entry longer only ever keeps a limit in force. Entries that must not be kept alive by
     * repeated requests, such as challenges, use {@link #map}.
     *
     * @param lifetime how long an entry lives after its last write, more than zero
     * @throws IllegalArgumentException if the lifetime is not positive
     * @throws IllegalStateException if the store cannot open the map
     */
    <V extends Serializable> SharedMap<V> mapRenewedOnWrite(String name, Duration lifetime);

    /**
     * Like {@link #mapRenewedOnWrite}, for state keyed by accounts that passed the application's
     * login: failure counts and locks, send quotas, account changes. Its entries are never evicted
     * to make room, only expire: a flood of other accounts must not push out a lock. Only
     * signed-in users bring keys, so no anonymous request can grow it.
     *
     * @param lifetime how long an entry lives after its last write, more than zero
     * @throws IllegalArgumentException if the lifetime is not positive
     * @throws IllegalStateException if the store cannot open the map
     */
    <V extends Serializable> SharedMap<V> accountMap(String name, Duration lifetime);

    /**
     * Whether every update runs in this JVM and is never serialised, so it may use what it finds
     * here (such as a hashing key) without sending it anywhere. A grid store answers {@code false}.
     */
    default boolean runsUpdatesHere() {
        return false;
    }

    /** Where the state lives, for the start-up log line, such as "Caffeine (this JVM only)". */
    String description();

    /**
     * {@code lifetime}, if it is one a map can have.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    static Duration positive(String name, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a map's lifetime must be positive, was " + lifetime + " for " + name);
        }
        return lifetime;
    }
}
