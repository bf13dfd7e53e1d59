package io.github.email2fa.example.dev;

import static io.github.email2fa.example.dev.DevMailboxServlet.escape;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;

/** The mail the development SMTP server received, as HTML, newest first. */
final class ReceivedMail {

    private ReceivedMail() {
    }

    /** @param server the running {@code GreenMail}, or anything else when it is not running */
    static String html(Object server) {
        if (!(server instanceof GreenMail greenMail)) {
            return "<p>The development SMTP server is not running.</p>";
        }
        MimeMessage[] messages = greenMail.getReceivedMessages();
        if (messages.length == 0) {
            return "<p>No mail yet.</p>";
        }
        StringBuilder html = new StringBuilder();
        for (MimeMessage message : reversed(messages)) {
            html.append(render(message)).append('\n');
        }
        return html.toString();
    }

    private static String render(MimeMessage message) {
        try {
            return "<article class=\"mail\"><p><strong>To:</strong> " + escape(String.join(", ", Arrays.stream(message.getAllRecipients())
                    .map(Object::toString).toList()))
                    + "<br><strong>Date:</strong> " + escape(String.valueOf(message.getSentDate()))
                    + "<br><strong>Subject:</strong> " + escape(message.getSubject()) + "</p>"
                    + "<pre>" + escape(plainText(message)) + "</pre></article>";
        } catch (MessagingException | IOException e) {
            return "<article class=\"mail\"><p>Unreadable message: " + escape(e.getMessage()) + "</p></article>";
        }
    }

    private static String plainText(MimeMessage message) throws MessagingException, IOException {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return String.valueOf(part.getContent());
                }
            }
        }
        return GreenMailUtil.getBody(message);
    }

    private static MimeMessage[] reversed(MimeMessage[] messages) {
        MimeMessage[] copy = new MimeMessage[messages.length];
        for (int i = 0; i < messages.length; i++) {
            copy[i] = messages[messages.length - 1 - i];
        }
        return copy;
    }
}
