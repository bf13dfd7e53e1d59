package io.github.email2fa.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP server the deployed application sends to: GreenMail in the test JVM. It can be
 * stopped and started again on the same port to simulate an outage.
 */
public final class Mailbox {

    private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6,10})\\s*$");

    private final int port;
    private GreenMail server;
    private final List<String> issuedCodes = new ArrayList<>();

    private Mailbox(int port) {
        this.port = port;
    }

    /** Starts a server on a free loopback port. */
    public static Mailbox start() {
        GreenMail probe = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        probe.start();
        Mailbox mailbox = new Mailbox(probe.getSmtp().getPort());
        mailbox.server = probe;
        return mailbox;
    }

    public int port() {
        return port;
    }

    /** Simulates an SMTP outage: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Ends the outage, on the same port. */
    public synchronized void restart() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** Messages received so far for this address. */
    public synchronized List<MimeMessage> messagesFor(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                for (var recipient : message.getAllRecipients()) {
                    if (recipient.toString().equalsIgnoreCase(address)) {
                        found.add(message);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /**
     * Opens the challenge page in the client's session, which mails a code to {@code address}, and
     * returns that code; fails unless the page opens.
     */
    public String codeFromChallenge(WebClient client, String address) {
        int seen = count(address);
        HttpResponse<String> page = client.get("email2fa/challenge");
        if (page.statusCode() != 200) {
            throw new AssertionError("the challenge page answered " + page.statusCode());
        }
        return awaitCode(address, seen);
    }

    public int count(String address) {
        return messagesFor(address).size();
    }

    /** Waits for the message after the first {@code seen} messages to this address and returns it. */
    public MimeMessage awaitMessage(String address, int seen) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> messages = messagesFor(address);
            if (messages.size() > seen) {
                return messages.get(messages.size() - 1);
            }
            pause();
        }
        throw new AssertionError("no new mail for " + address + " after " + seen + " messages");
    }

    /**
     * Waits for a message to this address, after the first {@code seen}, whose subject starts with
     * {@code subjectStart}, such as a notice, and returns the first such.
     */
    public MimeMessage awaitSubject(String address, int seen, String subjectStart) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> messages = messagesFor(address);
            for (MimeMessage message : messages.subList(Math.min(seen, messages.size()), messages.size())) {
                try {
                    if (message.getSubject().startsWith(subjectStart)) {
                        return message;
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            pause();
        }
        throw new AssertionError("no mail '" + subjectStart + "...' for " + address + " after " + seen + " messages");
    }

    /**
     * Waits for a new code email to this address (one after the first {@code seen} messages that
     * holds a code; notices are skipped) and returns the code in it.
     */
    public String awaitCode(String address, int seen) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> messages = messagesFor(address);
            for (int i = messages.size() - 1; i >= seen; i--) {
                Matcher matcher = CODE.matcher(textOf(messages.get(i), "text/plain"));
                if (matcher.find()) {
                    synchronized (this) {
                        issuedCodes.add(matcher.group(1));
                    }
                    return matcher.group(1);
                }
            }
            pause();
        }
        throw new AssertionError("no new code mail for " + address + " after " + seen + " messages");
    }

    /** Every code read from a mail so far, for checks that no code leaked anywhere. */
    public synchronized List<String> issuedCodes() {
        return List.copyOf(issuedCodes);
    }

    /** Every code in every mail received so far, read or not. */
    public synchronized List<String> allCodes() {
        List<String> codes = new ArrayList<>(issuedCodes);
        if (server != null) {
            for (MimeMessage message : server.getReceivedMessages()) {
                Matcher matcher = CODE.matcher(textOf(message, "text/plain"));
                if (matcher.find()) {
                    codes.add(matcher.group(1));
                }
            }
        }
        return codes;
    }

    /** The code in the plain-text part of a code email. */
    public static String codeIn(MimeMessage message) {
        String text = textOf(message, "text/plain");
        Matcher matcher = CODE.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no code in mail:\n" + text);
        }
        return matcher.group(1);
    }

    /** The first part of this MIME type, as text. */
    public static String textOf(MimeMessage message, String mimeType) {
        try {
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (part.isMimeType(mimeType)) {
                        return String.valueOf(part.getContent());
                    }
                }
                throw new AssertionError("no " + mimeType + " part");
            }
            return String.valueOf(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
