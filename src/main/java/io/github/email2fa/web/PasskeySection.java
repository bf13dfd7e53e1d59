package io.github.email2fa.web;

import io.github.email2fa.account.StoredPasskey;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.SafeHtml;
import io.github.email2fa.text.TimeFormat;
import java.time.Instant;
import java.util.List;

/**
 * The settings page's "Passkeys" section, as HTML built from escaped values: the user's passkeys,
 * each with its times, a field to rename it and a button to remove it, and a form to add one.
 * The add form starts {@code hidden}: {@code passkey.js} shows it in a browser with WebAuthn, and
 * hides the note that this browser cannot use passkeys. Every form posts to the settings page with
 * an {@code action} field.
 *
 * @param usable whether passkeys can be added and used on this page's address
 * @param passkeys the user's passkeys, oldest first
 * @param errorKey the message key of a refused registration or name, or {@code null}
 */
record PasskeySection(boolean usable, List<StoredPasskey> passkeys, String errorKey) {

    PasskeySection {
        passkeys = List.copyOf(passkeys);
    }

    /** The section, for a page in {@code messages}' language whose forms post to {@code action} with {@code csrf}. */
    String html(Messages messages, String action, String optionsUrl, String csrf, Instant now) {
        StringBuilder html = new StringBuilder(1024 + 1024 * passkeys.size());
        html.append("<h2 id=\"passkey-title\">").append(messages.html("settings.passkey.title")).append("</h2>");
        html.append("<p id=\"passkey-status\">").append(messages.html(!usable && passkeys.isEmpty() ? "settings.passkey.unavailable"
                : passkeys.isEmpty() ? "settings.passkey.none" : "settings.passkey.some", passkeys.size())).append("</p>");
        html.append("<p id=\"passkey-error\" class=\"error\" role=\"alert\"").append(errorKey == null ? " hidden>" : ">")
                .append(errorKey == null ? SafeHtml.EMPTY : messages.html(errorKey)).append("</p>");
        if (!passkeys.isEmpty()) {
            html.append("<ul id=\"passkeys\" class=\"passkeys\">");
            for (int i = 0; i < passkeys.size(); i++) {
                StoredPasskey passkey = passkeys.get(i);
                String id = Html.escape(passkey.credentialId());
                html.append("<li><strong><bdi>").append(Html.escape(passkey.name())).append("</bdi></strong> ")
                        .append(times(passkey, messages, now))
                        .append(form(action, csrf, "passkey-rename-" + i, "passkeyRename")).append(credential(id))
                        .append("<label for=\"passkey-name-").append(i).append("\">").append(messages.html("settings.passkey.newName"))
                        .append("</label> <input id=\"passkey-name-").append(i).append("\" name=\"passkeyName\" type=\"text\" maxlength=\"64\" required")
                        .append(" value=\"").append(Html.escape(passkey.name())).append("\"> <button type=\"submit\">")
                        .append(messages.html("settings.passkey.rename")).append("</button></form>")
                        .append(form(action, csrf, "passkey-remove-" + i, "passkeyRemove")).append(credential(id))
                        .append("<button type=\"submit\">").append(messages.html("settings.passkey.remove")).append("</button></form></li>");
            }
            html.append("</ul>");
        }
        if (!usable) {
            return html.toString();
        }
        html.append("<form id=\"passkey-add\" method=\"post\" action=\"").append(action).append("\" hidden data-email2fa-passkey")
                .append(" data-ceremony=\"create\" data-options-url=\"").append(action).append("\" data-options-action=\"passkeyOptions\"")
                .append(" data-message-target=\"passkey-error\" data-cancelled=\"").append(messages.html("settings.passkey.cancelled"))
                .append("\" data-failed=\"").append(messages.html("settings.passkey.failed")).append("\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.escape(csrf)).append("\">")
                .append("<input type=\"hidden\" name=\"action\" value=\"passkeyRegister\">")
                .append("<input type=\"hidden\" name=\"credential\" value=\"\">")
                .append("<label for=\"passkey-name\">").append(messages.html("settings.passkey.nameLabel")).append("</label> ")
                .append("<input id=\"passkey-name\" name=\"passkeyName\" type=\"text\" maxlength=\"64\" required autocomplete=\"off\"> ")
                .append("<button type=\"submit\">").append(messages.html("settings.passkey.add")).append("</button></form>")
                .append("<p id=\"passkey-no-support\" data-email2fa-no-passkey>").append(messages.html("settings.passkey.unsupported"))
                .append("</p>");
        return html.toString();
    }

    private static SafeHtml times(StoredPasskey passkey, Messages messages, Instant now) {
        SafeHtml added = Html.time(passkey.createdAt(), TimeFormat.ago(passkey.createdAt(), now, messages.locale()));
        return passkey.lastUsedAt() == null ? messages.html("settings.passkey.added", added)
                : messages.html("settings.passkey.addedUsed", added,
                        Html.time(passkey.lastUsedAt(), TimeFormat.ago(passkey.lastUsedAt(), now, messages.locale())));
    }

    private static String credential(String escapedId) {
        return "<input type=\"hidden\" name=\"passkey\" value=\"" + escapedId + "\">";
    }

    private static String form(String action, String csrf, String id, String change) {
        return "<form id=\"" + id + "\" class=\"passkey-change\" method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"csrf\" value=\""
                + Html.escape(csrf) + "\"><input type=\"hidden\" name=\"action\" value=\"" + change + "\">";
    }
}
