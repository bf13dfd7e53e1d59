package io.github.email2fa.challenge;

import io.github.email2fa.challenge.Challenge.Delivery;
import io.github.email2fa.challenge.Challenge.State;
import io.github.email2fa.challenge.Verification.Reason;
import io.github.email2fa.crypto.RandomIds;
import java.time.Clock;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issues, checks and consumes challenges. Every change goes through one atomic
 * {@link ChallengeStore#compute} so parallel requests cannot double-spend a code, skip the
 * attempt count or beat the resend cooldown.
 *
 * <p>All moments are wall-clock milliseconds from the injected {@link Clock}, so a store shared by
 * several nodes reads them the same way everywhere; the nodes' clocks should agree to within a
 * second or two (NTP), which is small against a code's lifetime of minutes.
 */
public final class ChallengeService {

    private final ChallengeStore store;
    private final CodeGenerator generator;
    private final CodeHasher hasher;
    private final RandomIds ids;
    private final Clock clock;
    private final long ttlMillis;
    private final Duration ttl;
    private final int maxAttempts;
    private final long cooldownMillis;

    /**
     * @param store where challenges live
     * @param generator draws codes
     * @param hasher hashes codes
     * @param random source of flow ids
     * @param clock wall-clock time for every moment a challenge holds (the store must read the same clock)
     * @param ttl lifetime of a code
     * @param maxAttempts wrong guesses a challenge takes
     * @param cooldown least time between two sends in one flow
     */
    public ChallengeService(ChallengeStore store, CodeGenerator generator, CodeHasher hasher, SecureRandom random,
            Clock clock, Duration ttl, int maxAttempts, Duration cooldown) {
        this.store = store;
        this.generator = generator;
        this.hasher = hasher;
        this.ids = new RandomIds(random, 16);
        this.clock = clock;
        this.ttl = ttl;
        this.ttlMillis = ttl.toMillis();
        this.maxAttempts = maxAttempts;
        this.cooldownMillis = cooldown.toMillis();
    }

    /** A newly issued challenge and its code, which must go into the email and nowhere else. */
    public record Issued(Challenge challenge, String code) {
        @Override
        public String toString() {
            return "Issued[" + challenge + "]";
        }
    }

    /**
     * Issues a new code for the flow, replacing any earlier one, unless the flow's cooldown is
     * still running.
     *
     * @param flowId the flow's id, the store's key
     * @param subject the user the code is for; only its keyed hash is kept
     * @return the new challenge and code, or empty while the cooldown runs
     */
    public Optional<Issued> issue(String flowId, String subject) {
        String code = generator.next();
        // The id salts the hash and tells codes apart; it needs to be unique, not secret, since the hash is keyed.
        long id = ThreadLocalRandom.current().nextLong();
        long challengeId = id == Challenge.NONE ? 1 : id;
        CodeHasher.Hash hash = hasher.hash(challengeId, code);
        long subjectHash = hasher.subjectHash(subject);
        Issued[] issued = new Issued[1];
        store.compute(flowId, current -> {
            long now = clock.millis();
            if (current != null && now < current.nextSendAtMillis()) {
                return current;
            }
            // The code it replaces is remembered only to say so when the user types it (see Reason.REPLACED_CODE).
            boolean replaces = current != null && current.subjectHash() == subjectHash && current.state() == State.LIVE
                    && now < current.expiresAtMillis();
            Challenge fresh = new Challenge(challengeId, subjectHash, hash.high(), hash.low(),
                    replaces ? current.id() : Challenge.NONE, replaces ? current.codeHashHigh() : 0, replaces ? current.codeHashLow() : 0,
                    now, now + ttlMillis, now + cooldownMillis, 0, State.LIVE, Delivery.PENDING);
            issued[0] = new Issued(fresh, code);
            return fresh;
        });
        return Optional.ofNullable(issued[0]);
    }

    /**
     * Checks a submitted code. A match consumes the challenge; a well-formed wrong code counts as
     * one failure, and the failure that reaches the limit kills it. Input that cannot be a code
     * (see {@link #isWellFormed}) matches nothing and is not counted.
     *
     * @param flowId the flow of the submitting session
     * @param subject the user of the submitting session
     * @param input what was typed, before normalisation
     */
    public Verification.Result verify(String flowId, String subject, String input) {
        return check(flowId, subject, input).result();
    }

    /** Like {@link #verify}, with the reason and timing the audit log needs. */
    public Verification check(String flowId, String subject, String input) {
        Optional<String> code = CodeInput.normalize(input, generator.length());
        long subjectHash = hasher.subjectHash(subject);
        Verification[] outcome = {Verification.refused(Reason.NO_CHALLENGE)};
        store.compute(flowId, current -> {
            if (current == null) {
                return null;
            }
            if (clock.millis() >= current.expiresAtMillis() || current.state() != State.LIVE) {
                outcome[0] = Verification.refused(switch (current.state()) {
                    case EXHAUSTED -> Reason.CHALLENGE_EXHAUSTED;
                    case VOIDED -> Reason.VOIDED_BY_LOCKOUT;
                    case LIVE -> Reason.EXPIRED;
                });
                // Kept as it is: the store drops it when the resend cooldown no longer needs it.
                return current;
            }
            if (current.subjectHash() != subjectHash) {
                outcome[0] = Verification.refused(Reason.OTHER_SUBJECT);
            } else if (code.isEmpty()) {
                outcome[0] = Verification.refused(Reason.MALFORMED);
            } else if (hasher.matches(current.id(), code.get(), current.codeHashHigh(), current.codeHashLow())) {
                outcome[0] = Verification.verified(current.sentAt());
                return null;
            } else if (current.replacedAnother()
                    && hasher.matches(current.replacedId(), code.get(), current.replacedHashHigh(), current.replacedHashLow())) {
                // Still a failed attempt: only the live code verifies. The user is told a newer one replaced it.
                outcome[0] = Verification.refused(Reason.REPLACED_CODE);
            } else {
                outcome[0] = Verification.refused(Reason.WRONG_CODE);
            }
            if (code.isEmpty()) {
                // Not a guess: no input of this form matches any code, so no attempt is used.
                return current;
            }
            Challenge next = current.withFailure(maxAttempts);
            if (next.state() == State.EXHAUSTED) {
                outcome[0] = Verification.refused(Reason.ATTEMPT_LIMIT);
            }
            return next;
        });
        return outcome[0];
    }

    /**
     * Whether the input reads as a code of this service's length: digits of any script, with
     * spaces and dashes between them. Only such input is counted as a guess.
     *
     * @param input what was typed, possibly {@code null}
     */
    public boolean isWellFormed(String input) {
        return CodeInput.normalize(input, generator.length()).isPresent();
    }

    /** Ends every pending challenge of one user, in all sessions; returns how many. */
    public int cancelAll(String subject) {
        long subjectHash = hasher.subjectHash(subject);
        return store.removeIf(challenge -> challenge.subjectHash() == subjectHash);
    }

    /**
     * Voids every live challenge of one user, in all sessions, for a lockout: none matches any more,
     * and each stays until it would have expired so its page can say why ({@link Reason#VOIDED_BY_LOCKOUT}).
     *
     * @return how many were voided
     */
    public int voidAll(String subject) {
        long subjectHash = hasher.subjectHash(subject);
        return store.updateIf(challenge -> challenge.subjectHash() == subjectHash && challenge.state() == State.LIVE, Challenge::voided);
    }

    /** Pending challenges of one user that can still be answered. */
    public long pendingFor(String subject) {
        long subjectHash = hasher.subjectHash(subject);
        long now = clock.millis();
        return store.count(c -> c.subjectHash() == subjectHash && c.state() == State.LIVE && now < c.expiresAtMillis());
    }

    /**
     * Records whether the email of one particular code went out. A failed send lifts the
     * cooldown, since the user got nothing to wait for.
     */
    public void recordDelivery(String flowId, long challengeId, boolean sent) {
        store.compute(flowId, current -> {
            if (current == null || current.id() != challengeId) {
                return current;
            }
            return sent ? current.withDelivery(Delivery.SENT, current.nextSendAtMillis())
                    : current.withDelivery(Delivery.FAILED, clock.millis());
        });
    }

    /** The current challenge of the flow, if it has not expired. */
    public Optional<Challenge> find(String flowId) {
        Challenge challenge = store.get(flowId);
        if (challenge == null || clock.millis() >= challenge.expiresAtMillis()) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    /** How long until the flow may send again; zero if it may now. */
    public Duration resendWait(String flowId) {
        Challenge challenge = store.get(flowId);
        long wait = challenge == null ? 0 : challenge.nextSendAtMillis() - clock.millis();
        return wait > 0 ? Duration.ofMillis(wait) : Duration.ZERO;
    }

    /** Ends the flow's challenge, if any. */
    public void cancel(String flowId) {
        store.remove(flowId);
    }

    /** Lifetime of a code. */
    public Duration ttl() {
        return ttl;
    }

    /** Digits per code. */
    public int codeLength() {
        return generator.length();
    }

    /** A new random id, also used for flows: 128 bits, URL-safe. */
    public String newId() {
        return ids.next();
    }
}
