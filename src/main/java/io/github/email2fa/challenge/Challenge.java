package io.github.email2fa.challenge;

import java.io.Serializable;
import java.time.Instant;

/**
 * One pending challenge of one sign-in flow: the code's keyed hash and its state, small and
 * flat (96 bytes on a 64-bit JVM with compressed pointers) so a million of them fit in a quarter
 * of a gigabyte and a data grid ships them cheaply.
 * Immutable: every change makes a new value.
 *
 * <p>It never holds the code, the user's name or address, only keyed hashes ({@link CodeHasher}):
 * a heap dump or a shared cache reveals no live code and no user. Every moment is wall-clock time
 * in epoch milliseconds from the service's {@link java.time.Clock}, so it means the same on every
 * node of a cluster.
 *
 * @param id random id of this code: the salt of its hash, and what a late delivery report names,
 *           so it cannot change the state of a newer code; never {@link #NONE}
 * @param subjectHash keyed hash of the user the code was issued to
 * @param codeHashHigh first 64 bits of the code's keyed hash
 * @param codeHashLow next 64 bits of the code's keyed hash
 * @param replacedId id of the code this one replaced in the same flow, or {@link #NONE}: kept only
 *                   to tell a user who types that code that a newer one replaced it; it never verifies
 * @param replacedHashHigh first 64 bits of that replaced code's hash; 0 without one
 * @param replacedHashLow next 64 bits of that replaced code's hash; 0 without one
 * @param sentAtMillis when the send was requested; the code dies the service's code lifetime after it
 * @param nextSendAtMillis before when no further code may be sent in this flow
 * @param failures wrong guesses so far
 * @param state whether the code can still be used
 * @param delivery whether the email went out
 */
public record Challenge(
        long id,
        long subjectHash,
        long codeHashHigh,
        long codeHashLow,
        long replacedId,
        long replacedHashHigh,
        long replacedHashLow,
        long sentAtMillis,
        long nextSendAtMillis,
        int failures,
        State state,
        Delivery delivery) implements Serializable {

    /** The id no code has: "no replaced code". */
    public static final long NONE = 0;

    /** Whether the code can still be entered. */
    public enum State {
        /** The code can be entered. */
        LIVE,
        /** Too many wrong guesses: nothing matches any more, only a new code helps. */
        EXHAUSTED,
        /**
         * The account was locked out while this code was pending: nothing matches any more. Kept
         * until it would have expired, so the page can say why the code in the user's mail stopped working.
         */
        VOIDED
    }

    /** Where the email is. */
    public enum Delivery {
        /** Handed to the sender, not yet confirmed. */
        PENDING,
        /** Accepted by the mail server. */
        SENT,
        /** The mail server could not be reached or refused the message. */
        FAILED
    }

    /** When the send was requested. */
    public Instant sentAt() {
        return Instant.ofEpochMilli(sentAtMillis);
    }

    /** Whether this code replaced an earlier one of the same flow, which then stopped working. */
    public boolean replacedAnother() {
        return replacedId != NONE;
    }

    Challenge withFailure(int maxAttempts) {
        int count = failures + 1;
        return new Challenge(id, subjectHash, codeHashHigh, codeHashLow, replacedId, replacedHashHigh, replacedHashLow,
                sentAtMillis, nextSendAtMillis, count, count >= maxAttempts ? State.EXHAUSTED : state, delivery);
    }

    Challenge withDelivery(Delivery outcome, long nextSendAt) {
        return new Challenge(id, subjectHash, codeHashHigh, codeHashLow, replacedId, replacedHashHigh, replacedHashLow,
                sentAtMillis, nextSendAt, failures, state, outcome);
    }

    Challenge voided() {
        return new Challenge(id, subjectHash, codeHashHigh, codeHashLow, replacedId, replacedHashHigh, replacedHashLow,
                sentAtMillis, nextSendAtMillis, failures, State.VOIDED, delivery);
    }

    /** Leaves out the hashes, which are of no use in a log. */
    @Override
    public String toString() {
        return "Challenge[id=" + Long.toHexString(id) + ", state=" + state + ", delivery=" + delivery + ", failures=" + failures + "]";
    }
}
