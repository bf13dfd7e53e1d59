package io.github.email2fa.mail;

import io.github.email2fa.config.MailSettings;
import io.github.email2fa.config.MailSettings.TlsMode;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Sends emails through Jakarta Mail: a container-managed mail session found in JNDI, or
 * an SMTP connection built from the {@code email2fa.smtp.*} settings.
 */
public final class JakartaMailer implements Mailer {

    private final Session session;
    private final InternetAddress from;

    private JakartaMailer(Session session, InternetAddress from) {
        this.session = session;
        this.from = from;
    }

    /**
     * Builds the mailer the settings describe.
     *
     * @throws IllegalStateException if the JNDI mail session cannot be found or the From address is invalid
     */
    public static JakartaMailer create(MailSettings settings) {
        Session session = settings.jndiName() != null ? lookup(settings.jndiName()) : smtpSession(settings);
        try {
            InternetAddress from = settings.from() == null ? null : new InternetAddress(settings.from(), true);
            return new JakartaMailer(session, from);
        } catch (MessagingException e) {
            throw new IllegalStateException("email2fa.smtp.from='" + settings.from() + "': expected an email address", e);
        }
    }

    @Override
    public void send(OutgoingEmail email) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        if (from != null) {
            message.setFrom(from);
        } else {
            message.setFrom();
        }
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.to(), true));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());

        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        Transport.send(message);
    }

    /**
     * Connects to the mail server and says hello, sending nothing: the start-up self-test.
     *
     * @throws MessagingException with the server's or the network's reason if it fails
     */
    public void checkConnection() throws MessagingException {
        try (Transport transport = session.getTransport()) {
            transport.connect();
        }
    }

    private static Session lookup(String jndiName) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof Session session) {
                return session;
            }
            throw new IllegalStateException("email2fa.mail.session='" + jndiName + "': expected a jakarta.mail.Session, found "
                    + (found == null ? "nothing" : found.getClass().getName()));
        } catch (NamingException e) {
            throw new IllegalStateException("email2fa.mail.session='" + jndiName
                    + "': no mail session under that JNDI name (" + e.getMessage() + ")", e);
        }
    }

    private static Session smtpSession(MailSettings settings) {
        String protocol = settings.tls() == TlsMode.SMTPS ? "smtps" : "smtp";
        String timeout = String.valueOf(settings.timeout().toMillis());
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", settings.host());
        props.put("mail." + protocol + ".port", String.valueOf(settings.port()));
        props.put("mail." + protocol + ".connectiontimeout", timeout);
        props.put("mail." + protocol + ".timeout", timeout);
        props.put("mail." + protocol + ".writetimeout", timeout);
        if (settings.tls() == TlsMode.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (settings.tls() != TlsMode.NONE) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Authenticator authenticator = null;
        if (settings.user() != null) {
            props.put("mail." + protocol + ".auth", "true");
            PasswordAuthentication credentials = new PasswordAuthentication(settings.user(),
                    settings.password() == null ? "" : settings.password());
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return credentials;
                }
            };
        }
        return Session.getInstance(props, authenticator);
    }
}
