/**
 * Challenges: drawing codes from a CSPRNG, normalising input, keyed hashing, and the
 * {@link io.github.email2fa.challenge.ChallengeService} that issues, verifies and consumes them atomically.
 */
package io.github.email2fa.challenge;
