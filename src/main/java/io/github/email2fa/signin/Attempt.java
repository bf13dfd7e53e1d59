package io.github.email2fa.signin;

import io.github.email2fa.subject.EmailMask;
import java.util.Locale;

/**
 * Who is acting in a sign-in step, and from where.
 *
 * @param flowId the session's sign-in flow
 * @param subject the account
 * @param email the account's address, from the email resolver
 * @param locale the user's language
 * @param clientIp the client's address
 * @param sessionHash a short hash of the session ID, for the audit log
 */
public record Attempt(String flowId, String subject, String email, Locale locale, String clientIp, String sessionHash) {

    /** The same user and place, as the actor of an account change. */
    public Actor actor() {
        return new Actor(subject, email, locale, clientIp, sessionHash);
    }

    /** Leaves out most of the address. */
    @Override
    public String toString() {
        return "Attempt[subject=" + subject + ", email=" + EmailMask.mask(email) + ", ip=" + clientIp + "]";
    }
}
