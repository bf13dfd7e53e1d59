package io.github.email2fa.web;

import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.TimeFormat;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The model of the settings page ({@code /WEB-INF/email2fa/settings.jsp}): codes on or off,
 * backup codes, remembered devices. Every value is HTML-escaped; see {@link PageView}.
 */
public final class SettingsView extends PageView {

    private final String csrf;
    private final String contextPath;
    private final String maskedEmail;
    private final boolean enrolled;
    private final boolean required;
    private final boolean done;
    private final List<String> newBackupCodes;
    private final int backupCodesLeft;
    private final List<RememberedDevice> devices;
    private final Locale locale;
    private final ZoneId zone;

    /**
     * @param maskedEmail where codes go, masked
     * @param enrolled whether the user turned codes on
     * @param required whether the policy asks everyone ({@code email2fa.policy=required})
     * @param done whether a change was just saved
     * @param newBackupCodes codes made just now, shown once; else empty
     * @param backupCodesLeft the user's unused backup codes
     * @param devices the user's remembered devices
     * @param zone the zone device times are shown in
     */
    SettingsView(Messages messages, String csrf, String contextPath, String maskedEmail, boolean enrolled, boolean required,
            boolean done, List<String> newBackupCodes, int backupCodesLeft, List<RememberedDevice> devices, Locale locale,
            ZoneId zone) {
        super(messages, "settings.title");
        this.csrf = csrf;
        this.contextPath = contextPath;
        this.maskedEmail = maskedEmail;
        this.enrolled = enrolled;
        this.required = required;
        this.done = done;
        this.newBackupCodes = List.copyOf(newBackupCodes);
        this.backupCodesLeft = backupCodesLeft;
        this.devices = List.copyOf(devices);
        this.locale = locale;
        this.zone = zone;
    }

    /** The session's CSRF token, for the hidden {@code csrf} field of every form. */
    public String getCsrf() {
        return Html.escape(csrf);
    }

    /** "Sign-in codes are on/off". */
    public String getStatus() {
        return enrolled || required ? text("settings.on", maskedEmail) : text("settings.off");
    }

    /** "Saved." after a change; else empty. */
    public String getDone() {
        return done ? text("settings.done") : "";
    }

    public String getDoneHidden() {
        return flag(!done, "hidden");
    }

    /** The action of every form on the page; the field {@code action} says which change. */
    public String getAction() {
        return Html.escape(contextPath + Routes.PREFIX + Routes.SETTINGS);
    }

    /** The toggle form's {@code action} value: {@code enable} or {@code disable}. */
    public String getToggle() {
        return enrolled ? "disable" : "enable";
    }

    public String getToggleLabel() {
        return text(enrolled ? "settings.disable" : "settings.enable");
    }

    /** {@code hidden} when the policy does not let users turn codes off. */
    public String getToggleHidden() {
        return flag(required, "hidden");
    }

    public String getPolicyNote() {
        return required ? text("settings.requiredByPolicy") : "";
    }

    public String getBackupTitle() {
        return text("settings.backup.title");
    }

    public String getBackupRemaining() {
        return text("settings.backup.remaining", backupCodesLeft);
    }

    public String getBackupRegenerate() {
        return text("settings.backup.regenerate");
    }

    public String getNewCodesHidden() {
        return flag(newBackupCodes.isEmpty(), "hidden");
    }

    public String getNewCodesText() {
        return text("settings.backup.shown");
    }

    /**
     * The new backup codes as {@code <li><code>…</code></li>} items (the page's list is left to right), empty unless just made.
     * A code stays left to right on a right-to-left page, where its letters and digits would reorder.
     */
    public String getNewCodes() {
        StringBuilder items = new StringBuilder();
        for (String code : newBackupCodes) {
            items.append("<li><code>").append(Html.escape(code)).append("</code></li>");
        }
        return items.toString();
    }

    public String getDevicesTitle() {
        return text("settings.devices.title");
    }

    /**
     * The remembered devices as a list, each with its own "forget" form, whose button the device's line
     * describes (so a screen reader says which device it forgets); or a sentence saying there are none.
     */
    public String getDevices() {
        if (devices.isEmpty()) {
            return "<p>" + text("settings.devices.none") + "</p>";
        }
        StringBuilder html = new StringBuilder("<ul class=\"devices\">");
        for (int i = 0; i < devices.size(); i++) {
            RememberedDevice device = devices.get(i);
            String id = "device-" + (i + 1);
            html.append("<li><span id=\"").append(id).append("\">").append(text("settings.devices.item", device.userAgentSummary(),
                    TimeFormat.dateTime(device.createdAt(), locale, zone), TimeFormat.dateTime(device.lastUsedAt(), locale, zone)))
                    .append("</span> <form method=\"post\" action=\"").append(getAction()).append("\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(getCsrf()).append("\">")
                    .append("<input type=\"hidden\" name=\"action\" value=\"forget\">")
                    .append("<input type=\"hidden\" name=\"device\" value=\"").append(Html.escape(device.id())).append("\">")
                    .append("<button type=\"submit\" aria-describedby=\"").append(id).append("\">")
                    .append(text("settings.devices.forget")).append("</button></form></li>");
        }
        return html.append("</ul>").toString();
    }

    public String getForgetAll() {
        return text("settings.devices.forgetAll");
    }

    public String getSessionsTitle() {
        return text("settings.sessions.title");
    }

    public String getSessionsText() {
        return text("settings.sessions.text");
    }

    /** The button that makes every other session of the user pass the second factor again. */
    public String getEndOtherSessions() {
        return text("settings.sessions.endOthers");
    }

    public String getBack() {
        return text("settings.back");
    }

    /** The application's root. */
    public String getBackHref() {
        return Html.escape(contextPath + "/");
    }
}
