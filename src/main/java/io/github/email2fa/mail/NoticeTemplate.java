package io.github.email2fa.mail;

import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.TimeFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Renders security notices: short emails that tell users something about their sign-in changed
 * or looked wrong. They never contain a code or any other secret. Texts come from the bundle
 * keys {@code notice.<name>.*}, which an application can override (see {@code Messages}), and the
 * HTML layout is {@code notice-email.html}, which it can replace (see {@code EmailLayout}).
 */
public final class NoticeTemplate {

    private final EmailLayout layout = EmailLayout.named("notice-email");

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

    /** 2FA was switched on or off for the account. */
    public OutgoingEmail twoFactorChanged(String to, Locale locale, String appName, Instant at, boolean enabled) {
        Messages messages = Messages.forLocale(locale);
        String key = enabled ? "notice.enabled" : "notice.disabled";
        return render(to, messages, messages.get(key + ".subject", appName), List.of(
                messages.get(key + ".what", appName, format(at, locale)),
                messages.get("notice.ifNotYou")));
    }

    /** New backup codes were made; the old ones no longer work. The codes themselves are never mailed. */
    public OutgoingEmail backupCodesRegenerated(String to, Locale locale, String appName, Instant at) {
        Messages messages = Messages.forLocale(locale);
        return render(to, messages, messages.get("notice.backupRegenerated.subject", appName), List.of(
                messages.get("notice.backupRegenerated.what", appName, format(at, locale)),
                messages.get("notice.ifNotYou")));
    }

    /** A backup code was used to sign in. */
    public OutgoingEmail backupCodeUsed(String to, Locale locale, String appName, Instant at, String clientIp, int remaining) {
        Messages messages = Messages.forLocale(locale);
        return render(to, messages, messages.get("notice.backupUsed.subject", appName), List.of(
                messages.get("notice.backupUsed.what", appName, format(at, locale), clientIp),
                messages.get("notice.backupUsed.remaining", remaining),
                messages.get("notice.ifNotYou")));
    }

    /** A device was remembered, so it will skip the code for a while. */
    public OutgoingEmail deviceRemembered(String to, Locale locale, String appName, Instant at, String device, int days) {
        Messages messages = Messages.forLocale(locale);
        return render(to, messages, messages.get("notice.deviceRemembered.subject", appName), List.of(
                messages.get("notice.deviceRemembered.what", appName, format(at, locale), device, days),
                messages.get("notice.ifNotYou")));
    }

    /** Remembered devices were forgotten. */
    public OutgoingEmail devicesForgotten(String to, Locale locale, String appName, Instant at, int count) {
        Messages messages = Messages.forLocale(locale);
        return render(to, messages, messages.get("notice.devicesForgotten.subject", appName), List.of(
                messages.get("notice.devicesForgotten.what", appName, format(at, locale), count),
                messages.get("notice.ifNotYou")));
    }

    /** The user added an authenticator app ({@code added}) or removed it. */
    public OutgoingEmail appChanged(String to, Locale locale, String appName, Instant at, boolean added, boolean noStrongFactorLeft) {
        Messages messages = Messages.forLocale(locale);
        String kind = added ? "appAdded" : "appRemoved";
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(messages.get("notice." + kind + ".what", appName, format(at, locale)));
        if (noStrongFactorLeft) {
            paragraphs.add(messages.get("notice.noStrongFactorLeft"));
        }
        paragraphs.add(messages.get("notice.ifNotYou"));
        return render(to, messages, messages.get("notice." + kind + ".subject", appName), paragraphs);
    }

    /**
     * A passkey was registered or removed.
     *
     * @param name the user's label for the passkey
     * @param noStrongFactorLeft whether the removal left no passkey and no authenticator app, so
     *        sign-ins fall back to emailed codes; the notice then says so
     */
    public OutgoingEmail passkeyChanged(String to, Locale locale, String appName, Instant at, String name, boolean added,
            boolean noStrongFactorLeft) {
        Messages messages = Messages.forLocale(locale);
        String kind = added ? "passkeyAdded" : "passkeyRemoved";
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(messages.get("notice." + kind + ".what", appName, format(at, locale), name));
        if (noStrongFactorLeft) {
            paragraphs.add(messages.get("notice.noStrongFactorLeft"));
        }
        paragraphs.add(messages.get("notice.ifNotYou"));
        return render(to, messages, messages.get("notice." + kind + ".subject", appName), paragraphs);
    }

    /**
     * A passkey's signature counter went backwards, so a copy of it may exist (W3C WebAuthn Level 3
     * section 6.1.1); the sign-in was refused.
     *
     * @param name the user's label for the passkey
     */
    public OutgoingEmail passkeyCounterRegression(String to, Locale locale, String appName, Instant at, String name) {
        Messages messages = Messages.forLocale(locale);
        return render(to, messages, messages.get("notice.passkeyCloned.subject", appName), List.of(
                messages.get("notice.passkeyCloned.what", appName, format(at, locale), name),
                messages.get("notice.ifNotYou")));
    }

    private OutgoingEmail render(String to, Messages messages, String subject, List<String> paragraphs) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (String paragraph : paragraphs) {
            text.append(paragraph).append("\n\n");
            html.append("<p>").append(Html.escape(paragraph)).append("</p>\n");
        }
        return new OutgoingEmail(to, subject, text.toString(), layout.fill(Map.of(
                "lang", Html.escape(messages.language()),
                "dir", messages.direction(),
                "title", Html.escape(subject),
                "paragraphs", html.toString())));
    }

    private static String format(Instant instant, Locale locale) {
        return TimeFormat.dateTimeWithZone(instant, locale, ZoneId.systemDefault());
    }
}
