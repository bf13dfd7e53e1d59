package io.github.email2fa.mail;

import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import java.util.Map;

/**
 * Renders the subject, text part and HTML part of a code email. Texts come from the bundle of
 * the email's locale (which an application can override, see {@code Messages}); the HTML layout is
 * {@code code-email.html} (likewise, see {@code EmailLayout}); every value placed into the HTML is escaped.
 */
public final class CodeEmailTemplate {

    private final EmailLayout layout;

    /** Uses the application's {@code email2fa/code-email.html} if it ships one, else the module's layout. */
    public CodeEmailTemplate() {
        this.layout = EmailLayout.named("code-email");
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

    /** The HTML part; every value in it is escaped. */
    public String html(CodeEmail email) {
        Messages messages = Messages.forLocale(email.locale());
        return layout.fill(Map.of(
                "lang", Html.escape(messages.language()),
                "dir", messages.direction(),
                "title", Html.escape(subject(email)),
                "greeting", Html.escape(messages.get("mail.greeting", email.appName())),
                "codeIs", Html.escape(messages.get("mail.codeIs")),
                "code", Html.escape(email.code()),
                "validity", Html.escape(messages.get("mail.validity", minutes(email))),
                "notYou", Html.escape(messages.get("mail.notYou"))));
    }

    private static long minutes(CodeEmail email) {
        return Math.max(1, (email.validity().toSeconds() + 59) / 60);
    }
}
