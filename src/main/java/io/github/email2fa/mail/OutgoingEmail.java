package io.github.email2fa.mail;

import io.github.email2fa.subject.EmailMask;

/**
 * A rendered email, ready to send.
 *
 * @param to the recipient, from the email resolver only
 * @param subject the subject line; never holds a code
 * @param text the plain-text part
 * @param html the HTML part, with every value escaped
 */
public record OutgoingEmail(String to, String subject, String text, String html) {

    /** Leaves out the body, which may hold a code, and most of the address. */
    @Override
    public String toString() {
        return "OutgoingEmail[to=" + EmailMask.mask(to) + ", subject=" + subject + "]";
    }
}
