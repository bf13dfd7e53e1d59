package io.github.email2fa.web;

import java.io.Serializable;

/**
 * Marks a session as having passed the second factor, for one user only: if the session's
 * user changes, the mark no longer counts.
 *
 * @param subject the user who passed
 * @param verifiedAtMillis when, in epoch milliseconds
 */
public record VerifiedMark(String subject, long verifiedAtMillis) implements Serializable {

    /** Whether the verification is older than {@code maxAgeMillis}. */
    boolean olderThan(long maxAgeMillis) {
        return System.currentTimeMillis() - verifiedAtMillis > maxAgeMillis;
    }
}
