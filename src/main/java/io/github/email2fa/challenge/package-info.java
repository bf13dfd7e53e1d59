/**
 * Challenges: drawing codes from a CSPRNG, normalising input, keyed hashing, and the
 * {@link io.github.email2fa.challenge.ChallengeService} that issues, verifies and consumes them atomically
 * in a {@link io.github.email2fa.challenge.ChallengeStore}.
 *
 * <p>The store interface lives here, next to the service that relies on its atomic {@code compute}, so this
 * package depends on no implementation of it; the Caffeine one is in the {@code store} package, which
 * depends on this one and not the other way round.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.challenge;
