package io.github.email2fa.example.dev;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;

/** Shows every email the development SMTP server received, newest first. Development only. */
public final class DevMailboxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Development mailbox</title>"
                + "<meta http-equiv=\"refresh\" content=\"5\">"
                + "<link rel=\"stylesheet\" href=\"" + escape(request.getContextPath()) + "/static/site.css\"></head><body><main class=\"wide\">"
                + "<h1>Development mailbox</h1><p class=\"hint\">Every email the embedded SMTP server received, newest first. "
                + "This page exists only in the example, for reading demo codes.</p>");
        if (!(getServletContext().getAttribute(DevMailServer.ATTRIBUTE) instanceof GreenMail server)) {
            out.println("<p>The development SMTP server is not running.</p>");
        } else {
            MimeMessage[] messages = server.getReceivedMessages();
            if (messages.length == 0) {
                out.println("<p>No mail yet.</p>");
            }
            for (MimeMessage message : reversed(messages)) {
                out.println(render(message));
            }
        }
        out.println("</main></body></html>");
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

    private static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
