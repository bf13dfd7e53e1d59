package io.github.email2fa.challenge;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Where pending challenges live, keyed by flow id.
 *
 * <p>Implementations must make {@link #compute} atomic per key: the attempt counter and the
 * single-use consume rely on it. They must also drop an entry once its
 * {@link Challenge#retainUntilMillis()} has passed, and must not move that moment when an entry is
 * updated; the service itself refuses a code once its {@link Challenge#expiresAtMillis()} has
 * passed. {@code StoreContractTest} checks both for every implementation.
 *
 * <p>Not an extension point yet. Its moments are wall-clock epoch milliseconds, which a store
 * shared by several nodes can honour; the only implementation so far is the Caffeine one.
 */
public interface ChallengeStore {

    /** The challenge of this flow, or {@code null} if there is none or it has expired. */
    Challenge get(String flowId);

    /**
     * Atomically replaces the challenge of this flow with {@code update.apply(current)}.
     *
     * @param flowId the key
     * @param update gets the current challenge or {@code null}; returns the new one, or {@code null} to remove it
     * @return the new challenge, or {@code null}
     */
    Challenge compute(String flowId, UnaryOperator<Challenge> update);

    /** Removes the challenge of this flow, if any. */
    void remove(String flowId);

    /**
     * Removes every challenge that matches, for support actions; may take time proportional to the store.
     *
     * @return how many were removed
     */
    int removeIf(Predicate<Challenge> filter);

    /**
     * Replaces every challenge that matches with {@code update.apply(it)}, each atomically as in
     * {@link #compute} and without moving its expiry; may take time proportional to the store.
     *
     * @return how many were replaced
     */
    int updateIf(Predicate<Challenge> filter, UnaryOperator<Challenge> update);

    /** How many challenges match; may take time proportional to the store. */
    long count(Predicate<Challenge> filter);

    /** Roughly how many challenges are pending. */
    long size();
}
