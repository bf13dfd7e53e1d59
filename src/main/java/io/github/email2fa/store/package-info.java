/**
 * Storage of pending challenges: {@link io.github.email2fa.store.CaffeineChallengeStore}, the in-memory
 * implementation of the {@link io.github.email2fa.challenge.ChallengeStore} SPI for a single server.
 */
package io.github.email2fa.store;
