/**
 * Challenges: drawing codes from a CSPRNG, normalising input, keyed hashing, and the
 * {@link io.github.email2fa.challenge.ChallengeService} that issues, verifies and consumes them atomically
 * in the {@code challenges} map of a {@link io.github.email2fa.store.SharedStore}.
 *
 * <p>The service depends only on the store's interface; which store holds the challenges (this JVM or a
 * data grid) is decided where the module is put together.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.challenge;
