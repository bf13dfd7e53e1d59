/**
 * Storage of pending challenges: {@link io.github.email2fa.store.CaffeineChallengeStore}, the in-memory
 * implementation of {@link io.github.email2fa.challenge.ChallengeStore} for a single server.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.store;
