package io.github.email2fa.mail;

/**
 * Sends one rendered email. The default sends through Jakarta Mail; implement it to use a mail
 * API of your own.
 *
 * <p>Called on a background thread, never on the request thread. Implementations must be
 * thread-safe and must never log the body, which may hold a code.
 */
@FunctionalInterface
public interface Mailer {

    /**
     * @param email what to send, and to whom
     * @throws Exception if the message could not be handed to the mail server; for a code email
     *                   the user then sees "could not send, try again"
     */
    void send(OutgoingEmail email) throws Exception;
}
