package io.github.email2fa.signin;

import io.github.email2fa.subject.EmailMask;
import java.util.Locale;

/**
 * Who makes an account change, and from where: what an audit event and a notice email need.
 *
 * @param subject the account
 * @param email the account's address, from the email resolver; {@code null} when it is unknown
 *        (a call from the application outside a request), and then no notice is sent
 * @param locale the user's language for notices
 * @param clientIp the client's address, or {@code null} outside a request
 * @param sessionHash a short hash of the session ID, or {@code null} outside a request
 */
public record Actor(String subject, String email, Locale locale, String clientIp, String sessionHash) {

    /** The application acting for a user, outside any request of theirs. */
    public static Actor application(String subject) {
        return new Actor(subject, null, Locale.ROOT, null, null);
    }

    /** The address as events show it, {@code a•••@example.com}; {@code null} when it is unknown. */
    public String maskedEmail() {
        return email == null ? null : EmailMask.mask(email);
    }

    /** Leaves out most of the address. */
    @Override
    public String toString() {
        return "Actor[subject=" + subject + ", email=" + EmailMask.mask(email) + ", ip=" + clientIp + "]";
    }
}
