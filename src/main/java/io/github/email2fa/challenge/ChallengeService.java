package io.github.email2fa.challenge;

import io.github.email2fa.challenge.Challenge.Delivery;
import io.github.email2fa.challenge.Challenge.State;
import io.github.email2fa.challenge.Verification.Reason;
import io.github.email2fa.crypto.RandomIds;
import io.github.email2fa.store.EntryUpdate;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issues, checks and consumes challenges, kept in the {@code challenges} map of a
 * {@link SharedStore} under their flow's id. Every change of a challenge is one atomic
 * {@link SharedMap#invoke}, so parallel requests, on one node or several, cannot double-spend a
 * code, skip the attempt count or beat the resend cooldown.
 *
 * <ul>
 *   <li><b>Issue</b> first clears the flow's entry once its cooldown is over, in one atomic step,
 *       then creates the new one with {@link SharedMap#putIfAbsent}: of parallel sends exactly one
 *       creates a code, and each new code's entry lives from its own creation.
 *   <li><b>Verify</b> reads the challenge's id, hashes the typed code under it (the key never
 *       leaves this node), and sends the hash to an atomic check that also makes sure the challenge
 *       is still the one it read; a resend in between makes it read again.
 * </ul>
 *
 * <p>All moments are wall-clock milliseconds from the injected {@link Clock}, so a store shared by
 * several nodes reads them the same way everywhere; the nodes' clocks should agree to within a
 * second or two (NTP), which is small against a code's lifetime of minutes.
 */
public final class ChallengeService {

    /** The map's name in the store. */
    public static final String MAP = "challenges";
    /** Random bytes of a flow id: 16 base64url characters, so the store's key is as small as a String gets. */
    private static final int FLOW_ID_BYTES = 12;
    /** Reads of a challenge that a resend replaced at that very moment, before giving up. */
    private static final int READS = 3;

    private final SharedMap<Challenge> store;
    /** Whether a check may hash the typed code inside the store's update, in one step (see {@link LocalAttempt}). */
    private final boolean checkInOneStep;
    private final CodeGenerator generator;
    private final CodeHasher hasher;
    private final RandomIds ids;
    private final Clock clock;
    private final long ttlMillis;
    private final Duration ttl;
    private final int maxAttempts;
    private final long cooldownMillis;

    /**
     * @param store where challenges live; the service opens its {@value #MAP} map there
     * @param generator draws codes
     * @param hasher hashes codes; every node sharing the store must use the same key
     * @param random source of flow ids
     * @param clock wall-clock time for every moment a challenge holds
     * @param ttl lifetime of a code
     * @param maxAttempts wrong guesses a challenge takes
     * @param cooldown least time between two sends in one flow
     */
    public ChallengeService(SharedStore store, CodeGenerator generator, CodeHasher hasher, SecureRandom random,
            Clock clock, Duration ttl, int maxAttempts, Duration cooldown) {
        this.store = store.map(MAP, ttl.compareTo(cooldown) >= 0 ? ttl : cooldown);
        this.checkInOneStep = store.runsUpdatesHere();
        this.generator = generator;
        this.hasher = hasher;
        this.ids = new RandomIds(random, FLOW_ID_BYTES);
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
        long now = clock.millis();
        long subjectHash = hasher.subjectHash(subject);
        String code = generator.next();
        // The id salts the hash and tells codes apart; it needs to be unique, not secret, since the hash is keyed.
        long id = ThreadLocalRandom.current().nextLong();
        long challengeId = id == Challenge.NONE ? 1 : id;
        CodeHasher.Hash hash = hasher.hash(challengeId, code);
        // A flow's first code finds no entry and is created in one step; a later one clears the earlier first.
        Challenge first = fresh(challengeId, subjectHash, hash, Cleared.NOTHING, now);
        if (store.putIfAbsent(flowId, first)) {
            return Optional.of(new Issued(first, code));
        }
        Cleared cleared = store.invoke(flowId, new ClearForIssue(now, subjectHash, ttlMillis));
        if (cleared.coolingDown()) {
            return Optional.empty();
        }
        Challenge replacing = fresh(challengeId, subjectHash, hash, cleared, now);
        // A parallel send that cleared the same entry may have been first: then this one is the one too many.
        return store.putIfAbsent(flowId, replacing) ? Optional.of(new Issued(replacing, code)) : Optional.empty();
    }

    private Challenge fresh(long challengeId, long subjectHash, CodeHasher.Hash hash, Cleared cleared, long now) {
        return new Challenge(challengeId, subjectHash, hash.high(), hash.low(), cleared.replacedId(), cleared.replacedHashHigh(),
                cleared.replacedHashLow(), now, now + cooldownMillis, 0, State.LIVE, Delivery.PENDING);
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
        CodeHasher.SubjectHashes who = hasher.subjectHashes(subject);
        if (checkInOneStep) {
            return store.invoke(flowId, new LocalAttempt(hasher, code.orElse(null), who, clock.millis(), ttlMillis, maxAttempts));
        }
        for (int read = 0; read < READS; read++) {
            Challenge current = store.get(flowId);
            if (current == null) {
                return Verification.refused(Reason.NO_CHALLENGE);
            }
            Attempt attempt = attempt(hasher, current, who, code.orElse(null), clock.millis(), ttlMillis, maxAttempts);
            Verification outcome = store.invoke(flowId, attempt);
            if (outcome != null) {
                return outcome;
            }
        }
        // Replaced on every read: the user is sending codes as fast as new ones are issued.
        return Verification.refused(Reason.NO_CHALLENGE);
    }

    /**
     * The check of one well-formed code against the challenge as read: its hashes under the code's
     * id (with the current key, and the previous one during a key rotation) and the replaced code's id.
     */
    private static Attempt attempt(CodeHasher hasher, Challenge current, CodeHasher.SubjectHashes who, String code, long now, long ttlMillis,
            int maxAttempts) {
        if (code == null) {
            return new Attempt(current.id(), who, false, NO_HASH, NO_HASH, NO_HASH, now, ttlMillis, maxAttempts);
        }
        CodeHasher.Hash typed = hasher.hash(current.id(), code);
        CodeHasher.Hash previous = hasher.previousHash(current.id(), code);
        CodeHasher.Hash asReplaced = current.replacedAnother() ? hasher.hash(current.replacedId(), code) : NO_HASH;
        return new Attempt(current.id(), who, true, typed, previous == null ? NO_HASH : previous, asReplaced, now, ttlMillis,
                maxAttempts);
    }

    /**
     * A check in one step, for a store whose updates run in this JVM: the typed code is hashed
     * inside the update, under the challenge it finds. It holds the hasher and the typed code, so it
     * must never be sent anywhere; a grid store gets {@link Attempt}, which carries hashes only.
     */
    private record LocalAttempt(CodeHasher hasher, String code, CodeHasher.SubjectHashes who, long now, long ttlMillis, int maxAttempts)
            implements EntryUpdate<Challenge, Verification> {

        @Override
        public Verification apply(EntryUpdate.Entry<Challenge> entry) {
            Challenge current = entry.value();
            if (current == null) {
                return Verification.refused(Reason.NO_CHALLENGE);
            }
            return attempt(hasher, current, who, code, now, ttlMillis, maxAttempts).apply(entry);
        }

        /** Leaves out the typed code. */
        @Override
        public String toString() {
            return "LocalAttempt[now=" + now + "]";
        }
    }

    /** No hash: matches no stored code, whose hashes are never all zero. */
    private static final CodeHasher.Hash NO_HASH = new CodeHasher.Hash(0, 0);

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
        CodeHasher.SubjectHashes who = hasher.subjectHashes(subject);
        return store.updateAll(new OfSubject(who, false, Long.MIN_VALUE, ttlMillis), new Remove());
    }

    /**
     * Voids every live challenge of one user, in all sessions, for a lockout: none matches any more,
     * and each stays until it would have expired so its page can say why ({@link Reason#VOIDED_BY_LOCKOUT}).
     *
     * @return how many were voided
     */
    public int voidAll(String subject) {
        CodeHasher.SubjectHashes who = hasher.subjectHashes(subject);
        return store.updateAll(new OfSubject(who, true, Long.MIN_VALUE, ttlMillis), new VoidLive());
    }

    /** Pending challenges of one user that can still be answered. */
    public long pendingFor(String subject) {
        CodeHasher.SubjectHashes who = hasher.subjectHashes(subject);
        long now = clock.millis();
        return store.count(new OfSubject(who, true, now, ttlMillis));
    }

    /**
     * Records whether the email of one particular code went out. A failed send lifts the
     * cooldown, since the user got nothing to wait for.
     */
    public void recordDelivery(String flowId, long challengeId, boolean sent) {
        store.invoke(flowId, new RecordDelivery(challengeId, sent, clock.millis()));
    }

    /** The current challenge of the flow, if it has not expired. */
    public Optional<Challenge> find(String flowId) {
        Challenge challenge = store.get(flowId);
        if (challenge == null || clock.millis() >= challenge.sentAtMillis() + ttlMillis) {
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

    /** Roughly how many challenges are pending, on this node or the whole grid. */
    public long pending() {
        return store.size();
    }

    /** Lifetime of a code. */
    public Duration ttl() {
        return ttl;
    }

    /** Digits per code. */
    public int codeLength() {
        return generator.length();
    }

    /**
     * A new random flow id: 96 bits, 16 URL-safe characters. It only ever keys the store on the
     * server, never travels to a browser, and needs to be unique, which 96 random bits make it.
     */
    public String newId() {
        return ids.next();
    }

    /**
     * What clearing a flow's entry for a new code found: a running cooldown, or the code it
     * replaces (to tell a user who types it), if that one was still live.
     */
    record Cleared(boolean coolingDown, long replacedId, long replacedHashHigh, long replacedHashLow) implements Serializable {
        static final Cleared NOTHING = new Cleared(false, Challenge.NONE, 0, 0);
        static final Cleared COOLING_DOWN = new Cleared(true, Challenge.NONE, 0, 0);
    }

    /** Clears the flow's entry for a new code, unless its cooldown runs. */
    private record ClearForIssue(long now, long subjectHash, long ttlMillis) implements EntryUpdate<Challenge, Cleared> {
        @Override
        public Cleared apply(EntryUpdate.Entry<Challenge> entry) {
            Challenge current = entry.value();
            if (current == null) {
                return Cleared.NOTHING;
            }
            if (now < current.nextSendAtMillis()) {
                return Cleared.COOLING_DOWN;
            }
            entry.remove();
            boolean replaces = current.subjectHash() == subjectHash && current.state() == State.LIVE && now < current.sentAtMillis() + ttlMillis;
            return replaces ? new Cleared(false, current.id(), current.codeHashHigh(), current.codeHashLow()) : Cleared.NOTHING;
        }
    }

    /**
     * One submission checked against the challenge {@code expectedId}: {@code null} when the flow
     * has another challenge by now (the caller reads again), else the outcome. Carries hashes only.
     */
    private record Attempt(long expectedId, CodeHasher.SubjectHashes who, boolean wellFormed, CodeHasher.Hash typed, CodeHasher.Hash typedWithPreviousKey,
            CodeHasher.Hash asReplaced, long now, long ttlMillis, int maxAttempts) implements EntryUpdate<Challenge, Verification> {

        @Override
        public Verification apply(EntryUpdate.Entry<Challenge> entry) {
            Challenge current = entry.value();
            if (current == null) {
                return Verification.refused(Reason.NO_CHALLENGE);
            }
            if (current.id() != expectedId) {
                return null;
            }
            if (now >= current.sentAtMillis() + ttlMillis || current.state() != State.LIVE) {
                // Kept as it is: the store drops it when the resend cooldown no longer needs it.
                return Verification.refused(switch (current.state()) {
                    case EXHAUSTED -> Reason.CHALLENGE_EXHAUSTED;
                    case VOIDED -> Reason.VOIDED_BY_LOCKOUT;
                    case LIVE -> Reason.EXPIRED;
                });
            }
            if (!who.is(current.subjectHash())) {
                return counted(entry, current, Reason.OTHER_SUBJECT);
            }
            if (!wellFormed) {
                // Not a guess: no input of this form matches any code, so no attempt is used.
                return Verification.refused(Reason.MALFORMED);
            }
            if (typed.sameAs(current.codeHashHigh(), current.codeHashLow())
                    | typedWithPreviousKey.sameAs(current.codeHashHigh(), current.codeHashLow())) {
                entry.remove();
                return Verification.verified(current.sentAt());
            }
            boolean replaced = current.replacedAnother() && asReplaced.sameAs(current.replacedHashHigh(), current.replacedHashLow());
            // A replaced code is still a failed attempt: only the live code verifies. The user is told a newer one replaced it.
            return counted(entry, current, replaced ? Reason.REPLACED_CODE : Reason.WRONG_CODE);
        }

        private Verification counted(EntryUpdate.Entry<Challenge> entry, Challenge current, Reason reason) {
            if (!wellFormed) {
                return Verification.refused(reason);
            }
            Challenge next = current.withFailure(maxAttempts);
            entry.set(next);
            return Verification.refused(next.state() == State.EXHAUSTED ? Reason.ATTEMPT_LIMIT : reason);
        }
    }

    /** Records a delivery report for one particular code. */
    private record RecordDelivery(long challengeId, boolean sent, long now) implements EntryUpdate<Challenge, Boolean> {
        @Override
        public Boolean apply(EntryUpdate.Entry<Challenge> entry) {
            Challenge current = entry.value();
            if (current == null || current.id() != challengeId) {
                return false;
            }
            entry.set(sent ? current.withDelivery(Delivery.SENT, current.nextSendAtMillis()) : current.withDelivery(Delivery.FAILED, now));
            return true;
        }
    }

    /**
     * The user's challenges; with {@code liveOnly}, only those still live at {@code now}. A record,
     * not a lambda, so nodes of different releases can read it during a rolling deployment.
     */
    private record OfSubject(CodeHasher.SubjectHashes who, boolean liveOnly, long now, long ttlMillis)
            implements SharedMap.Filter<Challenge> {
        @Override
        public boolean test(Challenge challenge) {
            return who.is(challenge.subjectHash())
                    && (!liveOnly || challenge.state() == State.LIVE && (now == Long.MIN_VALUE || now < challenge.sentAtMillis() + ttlMillis));
        }
    }

    /** Removes the entry. */
    private record Remove() implements EntryUpdate<Challenge, Boolean> {
        @Override
        public Boolean apply(EntryUpdate.Entry<Challenge> entry) {
            entry.remove();
            return true;
        }
    }

    /** Voids a live challenge. */
    private record VoidLive() implements EntryUpdate<Challenge, Boolean> {
        @Override
        public Boolean apply(EntryUpdate.Entry<Challenge> entry) {
            Challenge current = entry.value();
            if (current != null && current.state() == State.LIVE) {
                entry.set(current.voided());
            }
            return true;
        }
    }
}
