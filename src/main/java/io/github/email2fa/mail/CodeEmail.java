package io.github.email2fa.mail;

import io.github.email2fa.subject.EmailMask;
import java.time.Duration;
import java.util.Locale;

/**
 * One code email before it is rendered.
 *
 * @param to the recipient, from the email resolver only
 * @param code the one-time code; it exists in plain text only on its way into this email
 * @param validity how long the code lives
 * @param locale the language of the email
 * @param appName the application's name
 */
public record CodeEmail(String to, String code, Duration validity, Locale locale, String appName) {

    /** Leaves out the code and most of the address, so the record is safe to log. */
    @Override
    public String toString() {
        return "CodeEmail[to=" + EmailMask.mask(to) + ", locale=" + locale + "]";
    }
}
