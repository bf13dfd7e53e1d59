package io.github.email2fa.mail;

import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the subject, text part and HTML part of a code email. Texts come from the bundle of
 * the email's locale; every value placed into the HTML is escaped.
 */
public final class CodeEmailTemplate {

    private static final String HTML_RESOURCE = "/io/github/email2fa/mail/code-email.html";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)\\}");

    private final String htmlTemplate;

    /** Loads the HTML layout from the JAR. */
    public CodeEmailTemplate() {
        try (InputStream in = CodeEmailTemplate.class.getResourceAsStream(HTML_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + HTML_RESOURCE);
            }
            this.htmlTemplate = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole email, ready to send. */
    public OutgoingEmail render(CodeEmail email) {
        return new OutgoingEmail(email.to(), subject(email), text(email), html(email));
    }

    /** The subject line; it never contains the code, since lock screens show subjects. */
    public String subject(CodeEmail email) {
        return Messages.forLocale(email.locale()).get("mail.subject", email.appName());
    }

    /** The plain-text part. */
    public String text(CodeEmail email) {
        Messages messages = Messages.forLocale(email.locale());
        return messages.get("mail.greeting", email.appName()) + "\n\n"
                + messages.get("mail.codeIs") + "\n\n    " + email.code() + "\n\n"
                + messages.get("mail.validity", minutes(email)) + "\n\n"
                + messages.get("mail.notYou") + "\n";
    }

    /** The HTML part. */
    public String html(CodeEmail email) {
        Messages messages = Messages.forLocale(email.locale());
        return fill(htmlTemplate, Map.of(
                "lang", messages.language(),
                "title", subject(email),
                "greeting", messages.get("mail.greeting", email.appName()),
                "codeIs", messages.get("mail.codeIs"),
                "code", email.code(),
                "validity", messages.get("mail.validity", minutes(email)),
                "notYou", messages.get("mail.notYou")));
    }

    /** Replaces each {@code {name}} in one pass, so a value can never inject another placeholder. */
    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : Html.escape(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static long minutes(CodeEmail email) {
        return Math.max(1, (email.validity().toSeconds() + 59) / 60);
    }
}
