/** Storage of pending challenges: the {@link io.github.email2fa.store.ChallengeStore} SPI and its Caffeine implementation. */
package io.github.email2fa.store;
