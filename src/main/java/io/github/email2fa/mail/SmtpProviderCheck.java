package io.github.email2fa.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.util.Properties;
import java.util.ServiceConfigurationError;

/** The part of {@link MailClasses} that uses Jakarta Mail; loaded only after its classes were found. */
final class SmtpProviderCheck {

    private SmtpProviderCheck() {
    }

    /** {@code null} if an SMTP transport is available, else what failed. */
    static String problem() {
        try {
            // A session needs Angus's stream provider; the provider lookup needs its SMTP transport.
            Session.getInstance(new Properties()).getProvider("smtp");
            return null;
        } catch (MessagingException | RuntimeException | ServiceConfigurationError | LinkageError e) {
            return e.toString();
        }
    }
}
