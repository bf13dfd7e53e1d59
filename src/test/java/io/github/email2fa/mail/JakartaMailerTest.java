package io.github.email2fa.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.email2fa.config.MailSettings;
import io.github.email2fa.config.MailSettings.TlsMode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Covers {@link JakartaMailer} against an in-process SMTP server on a free port. */
class JakartaMailerTest {

    private static final String CODE = "493817";

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @BeforeEach
    void startSmtp() {
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private JakartaMailer mailer(int port) {
        return JakartaMailer.create(new MailSettings(null, "127.0.0.1", port, TlsMode.NONE, null, null,
                "no-reply@example.com", Duration.ofSeconds(2)));
    }

    private MimeMessage sendAndReceive(Locale locale) throws Exception {
        mailer(smtp.getSmtp().getPort()).send(new CodeEmailTemplate().render(new CodeEmail("alice@example.com", CODE, Duration.ofMinutes(5), locale, "Shop")));
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        return smtp.getReceivedMessages()[0];
    }

    @Test
    void sendWhenServerAcceptsThenMessageGoesFromSenderToRecipient() throws Exception {
        MimeMessage message = sendAndReceive(Locale.ENGLISH);

        assertEquals("no-reply@example.com", message.getFrom()[0].toString());
        assertEquals("alice@example.com", message.getAllRecipients()[0].toString());
    }

    @Test
    void sendWhenServerAcceptsThenSubjectHidesCode() throws Exception {
        MimeMessage message = sendAndReceive(Locale.ENGLISH);

        assertFalse(message.getSubject().contains(CODE), message.getSubject());
    }

    @Test
    void sendWhenGermanThenUmlautSubjectSurvivesEncoding() throws Exception {
        assertEquals("Ihr Bestätigungscode für Shop", sendAndReceive(Locale.GERMAN).getSubject());
    }

    @Test
    void sendWhenServerAcceptsThenTextAndHtmlAlternativesBothCarryCode() throws Exception {
        MimeMultipart parts = (MimeMultipart) sendAndReceive(Locale.ENGLISH).getContent();

        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        assertTrue(parts.getBodyPart(0).getContent().toString().contains(CODE));
        assertTrue(parts.getBodyPart(1).getContent().toString().contains(CODE));
    }

    @Test
    void sendWhenNothingListensThenThrows() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JakartaMailer mailer = mailer(closedPort);
        OutgoingEmail email = new CodeEmailTemplate().render(new CodeEmail("alice@example.com", CODE, Duration.ofMinutes(5), Locale.ENGLISH, "Shop"));

        assertThrows(MessagingException.class, () -> mailer.send(email));
    }

    @Test
    void checkConnectionWhenServerUpThenPassesAndSendsNothing() throws Exception {
        mailer(smtp.getSmtp().getPort()).checkConnection();

        assertFalse(smtp.waitForIncomingEmail(300, 1), "the self-test sends no mail");
    }

    @Test
    void checkConnectionWhenNothingListensThenThrows() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JakartaMailer mailer = mailer(closedPort);

        assertThrows(MessagingException.class, mailer::checkConnection);
    }
}
