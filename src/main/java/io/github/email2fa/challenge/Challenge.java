package io.github.email2fa.challenge;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;

/**
 * One pending challenge of one sign-in flow. Immutable: every change makes a new value.
 *
 * <p>It never holds the code itself, only its keyed hash.
 *
 * @param flowId random id of the sign-in flow this challenge belongs to (the store key)
 * @param id random id of this particular code, so a late delivery report for an older code
 *           cannot change the state of a newer one
 * @param subject the user the code was issued to
 * @param email the address the code was sent to
 * @param locale the language of the email
 * @param salt per-challenge salt of the hash
 * @param codeHash keyed hash of the code
 * @param expiresAtNanos ticker time at which the code dies; fixed at issue
 * @param failures wrong guesses so far
 * @param state whether the code can still be used
 * @param delivery whether the email went out
 * @param sentAt wall-clock time the send was requested, for display
 * @param nextSendAtNanos ticker time before which no further code may be sent in this flow
 * @param replacedSalt salt of the code this one replaced in the same flow, or {@code null}
 * @param replacedHash keyed hash of that replaced code, or {@code null}: kept only to tell a user
 *        who types it that a newer code replaced it; it never verifies
 */
public record Challenge(
        String flowId,
        String id,
        String subject,
        String email,
        Locale locale,
        byte[] salt,
        byte[] codeHash,
        long expiresAtNanos,
        int failures,
        State state,
        Delivery delivery,
        Instant sentAt,
        long nextSendAtNanos,
        byte[] replacedSalt,
        byte[] replacedHash) implements Serializable {

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

    /**
     * How long the store must keep this entry: until the code dies, or until the flow may send
     * again if that is later, so a short-lived code cannot shorten the resend cooldown.
     */
    public long retainUntilNanos() {
        return Math.max(expiresAtNanos, nextSendAtNanos);
    }

    Challenge withFailure(int maxAttempts) {
        int count = failures + 1;
        return new Challenge(flowId, id, subject, email, locale, salt, codeHash, expiresAtNanos, count,
                count >= maxAttempts ? State.EXHAUSTED : state, delivery, sentAt, nextSendAtNanos, replacedSalt, replacedHash);
    }

    Challenge withDelivery(Delivery outcome, long nextSendAt) {
        return new Challenge(flowId, id, subject, email, locale, salt, codeHash, expiresAtNanos, failures, state,
                outcome, sentAt, nextSendAt, replacedSalt, replacedHash);
    }

    Challenge voided() {
        return new Challenge(flowId, id, subject, email, locale, salt, codeHash, expiresAtNanos, failures, State.VOIDED,
                delivery, sentAt, nextSendAtNanos, replacedSalt, replacedHash);
    }

    /** Whether this code replaced an earlier one of the same flow, which then stopped working. */
    public boolean replacedAnother() {
        return replacedHash != null;
    }

    /** Leaves out the hash and the salt, which are of no use in a log. */
    @Override
    public String toString() {
        return "Challenge[flow=" + flowId + ", state=" + state + ", delivery=" + delivery + ", failures=" + failures + "]";
    }
}
