package io.github.email2fa.mail;

import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * Renders security notices: short emails that tell users something about their sign-in changed
 * or looked wrong. They never contain a code or any other secret. Texts come from the bundle
 * keys {@code notice.<name>.*}.
 */
public final class NoticeTemplate {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM);

    /**
     * The notice sent when an account is locked after too many wrong codes.
     *
     * @param to the account's address
     * @param locale the language
     * @param appName the application's name
     * @param at when the lockout happened
     * @param clientIp the address the wrong codes came from
     * @param until when the lock ends, or {@code null} if only support can lift it
     */
    public OutgoingEmail lockout(String to, Locale locale, String appName, Instant at, String clientIp, Instant until) {
        Messages messages = Messages.forLocale(locale);
        String untilText = until == null ? messages.get("notice.lockout.untilSupport")
                : messages.get("notice.lockout.until", format(until, locale));
        return render(to, messages, messages.get("notice.lockout.subject", appName), List.of(
                messages.get("notice.lockout.what", appName, format(at, locale), clientIp),
                untilText,
                messages.get("notice.lockout.ifYou"),
                messages.get("notice.lockout.ifNotYou")));
    }

    private static OutgoingEmail render(String to, Messages messages, String subject, List<String> paragraphs) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(Html.escape(messages.language()))
                .append("\">\n<head><meta charset=\"UTF-8\"><title>").append(Html.escape(subject))
                .append("</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;color:#222;line-height:1.5\">\n");
        for (String paragraph : paragraphs) {
            text.append(paragraph).append("\n\n");
            html.append("<p>").append(Html.escape(paragraph)).append("</p>\n");
        }
        html.append("</body>\n</html>\n");
        return new OutgoingEmail(to, subject, text.toString(), html.toString());
    }

    private static String format(Instant instant, Locale locale) {
        return WHEN.withLocale(locale).withZone(ZoneId.systemDefault()).format(instant) + " (" + ZoneId.systemDefault().getId() + ")";
    }
}
