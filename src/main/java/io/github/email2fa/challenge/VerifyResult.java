package io.github.email2fa.challenge;

/** The outcome of one code submission. */
public enum VerifyResult {
    /** The code matched; the challenge is consumed and cannot be used again. */
    VERIFIED,
    /**
     * Wrong, expired, already used, malformed, or issued to someone else. These are one result on
     * purpose: telling them apart would tell an attacker which check failed.
     */
    REJECTED,
    /** This guess used up the last attempt; the challenge is dead and a new code is needed. */
    EXHAUSTED
}
