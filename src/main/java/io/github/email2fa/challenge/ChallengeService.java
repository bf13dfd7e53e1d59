package io.github.email2fa.challenge;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.email2fa.challenge.Challenge.Delivery;
import io.github.email2fa.challenge.Challenge.State;
import io.github.email2fa.challenge.Verification.Reason;
import io.github.email2fa.crypto.RandomIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.security.SecureRandom;

/**
 * Issues, checks and consumes challenges. Every change goes through one atomic
 * {@link ChallengeStore#compute} so parallel requests cannot double-spend a code, skip the
 * attempt count or beat the resend cooldown.
 */
public final class ChallengeService {

    private final ChallengeStore store;
    private final CodeGenerator generator;
    private final CodeHasher hasher;
    private final RandomIds ids;
    private final Ticker ticker;
    private final Clock clock;
    private final Duration ttl;
    private final int maxAttempts;
    private final Duration cooldown;

    /**
     * @param store where challenges live
     * @param generator draws codes
     * @param hasher hashes codes
     * @param random source of ids
     * @param ticker monotonic time for expiry and cooldowns (the store must use the same one)
     * @param clock wall-clock time for display
     * @param ttl lifetime of a code
     * @param maxAttempts wrong guesses a challenge takes
     * @param cooldown least time between two sends in one flow
     */
    public ChallengeService(ChallengeStore store, CodeGenerator generator, CodeHasher hasher, SecureRandom random,
            Ticker ticker, Clock clock, Duration ttl, int maxAttempts, Duration cooldown) {
        this.store = store;
        this.generator = generator;
        this.hasher = hasher;
        this.ids = new RandomIds(random, 16);
        this.ticker = ticker;
        this.clock = clock;
        this.ttl = ttl;
        this.maxAttempts = maxAttempts;
        this.cooldown = cooldown;
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
     * @return the new challenge and code, or empty while the cooldown runs
     */
    public Optional<Issued> issue(String flowId, String subject, String email, Locale locale) {
        String code = generator.next();
        byte[] salt = hasher.newSalt();
        byte[] hash = hasher.hash(salt, code);
        Issued[] issued = new Issued[1];
        store.compute(flowId, current -> {
            long now = ticker.read();
            if (current != null && now < current.nextSendAtNanos()) {
                return current;
            }
            // The code it replaces is remembered only to say so when the user types it (see Reason.REPLACED_CODE).
            boolean replaces = current != null && current.subject().equals(subject) && current.state() == State.LIVE
                    && now < current.expiresAtNanos();
            Challenge fresh = new Challenge(flowId, newId(), subject, email, locale, salt, hash,
                    now + ttl.toNanos(), 0, State.LIVE, Delivery.PENDING, clock.instant(), now + cooldown.toNanos(),
                    replaces ? current.salt() : null, replaces ? current.codeHash() : null);
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
        Verification[] outcome = {Verification.refused(Reason.NO_CHALLENGE)};
        store.compute(flowId, current -> {
            if (current == null) {
                return null;
            }
            if (ticker.read() >= current.expiresAtNanos() || current.state() != State.LIVE) {
                outcome[0] = Verification.refused(switch (current.state()) {
                    case EXHAUSTED -> Reason.CHALLENGE_EXHAUSTED;
                    case VOIDED -> Reason.VOIDED_BY_LOCKOUT;
                    case LIVE -> Reason.EXPIRED;
                });
                // Kept as it is: the store drops it when the resend cooldown no longer needs it.
                return current;
            }
            if (!current.subject().equals(subject)) {
                outcome[0] = Verification.refused(Reason.OTHER_SUBJECT);
            } else if (code.isEmpty()) {
                outcome[0] = Verification.refused(Reason.MALFORMED);
            } else if (hasher.matches(current.salt(), code.get(), current.codeHash())) {
                outcome[0] = Verification.verified(current.sentAt());
                return null;
            } else if (current.replacedAnother() && hasher.matches(current.replacedSalt(), code.get(), current.replacedHash())) {
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
        return store.removeIf(challenge -> challenge.subject().equals(subject));
    }

    /**
     * Voids every live challenge of one user, in all sessions, for a lockout: none matches any more,
     * and each stays until it would have expired so its page can say why ({@link Reason#VOIDED_BY_LOCKOUT}).
     *
     * @return how many were voided
     */
    public int voidAll(String subject) {
        return store.updateIf(challenge -> challenge.subject().equals(subject) && challenge.state() == State.LIVE, Challenge::voided);
    }

    /** Pending challenges of one user that can still be answered. */
    public long pendingFor(String subject) {
        long now = ticker.read();
        return store.count(c -> c.subject().equals(subject) && c.state() == State.LIVE && now < c.expiresAtNanos());
    }

    /**
     * Records whether the email of one particular code went out. A failed send lifts the
     * cooldown, since the user got nothing to wait for.
     */
    public void recordDelivery(String flowId, String challengeId, boolean sent) {
        store.compute(flowId, current -> {
            if (current == null || !current.id().equals(challengeId)) {
                return current;
            }
            return sent ? current.withDelivery(Delivery.SENT, current.nextSendAtNanos())
                    : current.withDelivery(Delivery.FAILED, ticker.read());
        });
    }

    /** The current challenge of the flow, if it has not expired. */
    public Optional<Challenge> find(String flowId) {
        Challenge challenge = store.get(flowId);
        if (challenge == null || ticker.read() >= challenge.expiresAtNanos()) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    /** How long until the flow may send again; zero if it may now. */
    public Duration resendWait(String flowId) {
        Challenge challenge = store.get(flowId);
        long wait = challenge == null ? 0 : challenge.nextSendAtNanos() - ticker.read();
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
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
