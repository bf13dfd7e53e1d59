package io.github.email2fa.web;

import io.github.email2fa.account.AuthenticatorApp;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.SafeHtml;
import io.github.email2fa.text.TimeFormat;
import io.github.email2fa.totp.AuthenticatorApps;
import io.github.email2fa.totp.QrCodeSvg;
import java.time.Instant;

/**
 * The settings page's "Authenticator app" section, as HTML built from escaped values: how to add
 * an app (a button, then the QR code, the key to type and the field for the first code), or the
 * app the user has, which way in is offered first, and a button to remove it. Every form posts to
 * the settings page with an {@code action} field.
 *
 * @param availability whether apps can be added here at all
 * @param app the user's confirmed app, or {@code null}
 * @param enrolment the enrolment waiting for its first code, shown again; or {@code null}
 * @param preferred the way the user wants offered first, or {@code null}
 * @param errorKey the message key of a refused first code, or {@code null}
 * @param digits digits of an app code
 */
record AppSection(AuthenticatorApps.Availability availability, AuthenticatorApp app, AuthenticatorApps.Enrolment enrolment,
        String preferred, String errorKey, int digits) {

    /** The section, for a page in {@code messages}' language whose forms post to {@code action} with {@code csrf}. */
    String html(Messages messages, String action, String csrf, Instant now) {
        StringBuilder html = new StringBuilder(enrolment == null ? 1024 : 8192);
        html.append("<h2 id=\"app-title\">").append(messages.html("settings.app.title")).append("</h2>");
        html.append("<p id=\"app-status\">").append(status(messages, now)).append("</p>");
        if (errorKey != null) {
            html.append("<p id=\"app-error\" class=\"error\" role=\"alert\">").append(messages.html(errorKey, digits)).append("</p>");
        }
        if (availability != AuthenticatorApps.Availability.AVAILABLE && app == null) {
            return html.toString();
        }
        if (app != null) {
            html.append(form(action, csrf, "app-prefer", "prefer")).append("<fieldset><legend>")
                    .append(messages.html("settings.app.preferLegend")).append("</legend>")
                    .append(radio("prefer-app", "app", !"email".equals(preferred), messages.html("settings.app.preferApp")))
                    .append(radio("prefer-email", "email", "email".equals(preferred), messages.html("settings.app.preferEmail")))
                    .append("</fieldset><button type=\"submit\">").append(messages.html("settings.app.preferSave")).append("</button></form>");
            html.append(form(action, csrf, "app-remove", "appRemove")).append("<button type=\"submit\">")
                    .append(messages.html("settings.app.remove")).append("</button></form>");
        } else if (enrolment == null) {
            html.append(form(action, csrf, "app-start", "appStart")).append("<button type=\"submit\">")
                    .append(messages.html("settings.app.start")).append("</button></form>");
        } else {
            html.append("<div id=\"app-enrol\"><p>").append(messages.html("settings.app.scan")).append("</p>")
                    // Drawn here, not taken from the enrolment, so screen readers hear what the image is, in the page's language.
                    .append("<div class=\"qr\">").append(QrCodeSvg.render(enrolment.uri(), messages.get("settings.app.qrLabel")))
                    .append("</div>")
                    .append("<p>").append(messages.html("settings.app.typeKey")).append("</p>")
                    .append("<p><code id=\"app-secret\" dir=\"ltr\">").append(Html.escape(enrolment.groupedSecret())).append("</code></p>")
                    .append("<p><a id=\"app-uri\" href=\"").append(Html.escape(enrolment.uri())).append("\">")
                    .append(messages.html("settings.app.openHere")).append("</a></p>")
                    .append(form(action, csrf, "app-confirm", "appConfirm"))
                    .append("<label for=\"app-code\">").append(messages.html("settings.app.codeLabel", digits)).append("</label> ")
                    .append("<input id=\"app-code\" name=\"appCode\" type=\"text\" dir=\"ltr\" autocomplete=\"one-time-code\"")
                    .append(" inputmode=\"numeric\" maxlength=\"64\" required autofocus")
                    .append(errorKey == null ? "" : " aria-describedby=\"app-error\"").append("> ")
                    .append("<button type=\"submit\">").append(messages.html("settings.app.confirm")).append("</button></form></div>");
        }
        return html.toString();
    }

    private SafeHtml status(Messages messages, Instant now) {
        if (app != null) {
            SafeHtml added = Html.time(app.confirmedAt(), TimeFormat.ago(app.confirmedAt(), now, messages.locale()));
            return app.lastUsedAt() == null || app.lastUsedAt().equals(app.confirmedAt()) ? messages.html("settings.app.on", added)
                    : messages.html("settings.app.onUsed", added, Html.time(app.lastUsedAt(),
                            TimeFormat.ago(app.lastUsedAt(), now, messages.locale())));
        }
        return switch (availability) {
            case AVAILABLE -> messages.html(enrolment == null ? "settings.app.off" : "settings.app.adding");
            case NO_KEY, STORE_LACKS_APPS -> messages.html("settings.app.unavailable");
        };
    }

    private static String form(String action, String csrf, String id, String change) {
        return "<form id=\"" + id + "\" method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"csrf\" value=\""
                + Html.escape(csrf) + "\"><input type=\"hidden\" name=\"action\" value=\"" + change + "\">";
    }

    private static String radio(String id, String value, boolean checked, SafeHtml label) {
        return "<label for=\"" + id + "\"><input type=\"radio\" id=\"" + id + "\" name=\"factor\" value=\"" + value + "\""
                + (checked ? " checked" : "") + "> " + label + "</label> ";
    }
}
