package io.github.email2fa.challenge;

import java.io.Serializable;
import java.time.Instant;

/**
 * The outcome of one code submission: what the user may be told ({@link #result()}), and why a
 * code was refused ({@link #reason()}) for the audit log, never for the user.
 *
 * @param reason why the code was refused, or {@code null} when it matched
 * @param sentAt when the matched code was sent; {@code null} unless it matched
 */
public record Verification(Reason reason, Instant sentAt) implements Serializable {

    /** What a submission comes to, as far as the user may know. */
    public enum Result {
        /** The code matched; the challenge is consumed and cannot be used again. */
        VERIFIED,
        /**
         * Wrong, expired, already used, malformed, or issued to someone else. These are one result on
         * purpose: telling them apart would tell an attacker which check failed. (Malformed input is
         * told apart by the caller, from the input alone: the code's format is public.)
         */
        REJECTED,
        /** This guess used up the last attempt; the challenge is dead and a new code is needed. */
        EXHAUSTED
    }

    /** Why a code was refused; {@link #key()} is the reason the audit log records. */
    public enum Reason {
        /** The flow has no challenge: never issued, consumed, cancelled, or dropped by the store. */
        NO_CHALLENGE("no_challenge"),
        /** The code's lifetime is over. */
        EXPIRED("expired"),
        /** An earlier guess used up the attempts; nothing matches any more. */
        CHALLENGE_EXHAUSTED("challenge_exhausted"),
        /** The challenge was issued to another user than the one submitting. */
        OTHER_SUBJECT("other_subject"),
        /**
         * The input cannot be a code (see {@link CodeInput}); not counted as a guess. A dead
         * challenge answers with its own reason whatever the input.
         */
        MALFORMED("malformed"),
        /** A well-formed code that does not match. */
        WRONG_CODE("wrong_code"),
        /** The code this flow had before its last resend: it no longer works, and counts as a wrong guess. */
        REPLACED_CODE("replaced_code"),
        /** A lockout voided the challenge while it was pending; nothing matches any more. */
        VOIDED_BY_LOCKOUT("voided_by_lockout"),
        /** A wrong guess that used up the last attempt. */
        ATTEMPT_LIMIT("attempt_limit");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        /** The reason as the audit log writes it, such as {@code expired} or {@code wrong_code}. */
        public String key() {
            return key;
        }
    }

    /** A matched code, sent at {@code sentAt}. */
    static Verification verified(Instant sentAt) {
        return new Verification(null, sentAt);
    }

    /** One refusal per reason, made once: a refusal carries nothing else. */
    private static final Verification[] REFUSALS = java.util.Arrays.stream(Reason.values())
            .map(reason -> new Verification(reason, null)).toArray(Verification[]::new);

    /** A refused code. */
    static Verification refused(Reason reason) {
        return REFUSALS[reason.ordinal()];
    }

    /** {@link Result#VERIFIED} without a reason, {@link Result#EXHAUSTED} for the last attempt, else {@link Result#REJECTED}. */
    public Result result() {
        if (reason == null) {
            return Result.VERIFIED;
        }
        return reason == Reason.ATTEMPT_LIMIT ? Result.EXHAUSTED : Result.REJECTED;
    }
}
