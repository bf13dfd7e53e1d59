package io.github.email2fa.web;

import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.SafeHtml;
import io.github.email2fa.text.TimeFormat;
import java.time.Instant;
import java.util.List;

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
    private final String doneKey;
    private final List<String> newBackupCodes;
    private final int backupCodesLeft;
    private final List<RememberedDevice> devices;
    private final AppSection app;
    private final PasskeySection passkeys;
    private final Instant now;

    /**
     * @param maskedEmail where codes go, masked
     * @param enrolled whether the user turned codes on
     * @param required whether the policy asks everyone ({@code email2fa.policy=required})
     * @param doneKey the message key that says what a change just did, or {@code null} when none was made
     * @param newBackupCodes codes made just now, shown once; else empty
     * @param backupCodesLeft the user's unused backup codes
     * @param devices the user's remembered devices
     * @param app the authenticator app section
     * @param passkeys the passkey section
     * @param now the moment device times are told relative to ("2 days ago")
     */
    SettingsView(Messages messages, String csrf, String contextPath, String maskedEmail, boolean enrolled, boolean required,
            String doneKey, List<String> newBackupCodes, int backupCodesLeft, List<RememberedDevice> devices, AppSection app,
            PasskeySection passkeys, Instant now) {
        super(messages, "settings.title");
        this.csrf = csrf;
        this.contextPath = contextPath;
        this.maskedEmail = maskedEmail;
        this.enrolled = enrolled;
        this.required = required;
        this.doneKey = doneKey;
        this.newBackupCodes = List.copyOf(newBackupCodes);
        this.backupCodesLeft = backupCodesLeft;
        this.devices = List.copyOf(devices);
        this.app = app;
        this.passkeys = passkeys;
        this.now = now;
    }

    /** The session's CSRF token, for the hidden {@code csrf} field of every form. */
    public String getCsrf() {
        return Html.escape(csrf);
    }

    /** "Sign-in codes are on/off", with the address in a {@code <bdi>}. */
    public String getStatus() {
        return enrolled || required ? text("settings.on", Html.isolated(maskedEmail)) : text("settings.off");
    }

    /** What the change just made did, such as "Done." or "The device is forgotten."; else empty. */
    public String getDone() {
        return doneKey == null ? "" : text(doneKey);
    }

    public String getDoneHidden() {
        return flag(doneKey == null, "hidden");
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

    /**
     * The authenticator app section, as HTML: how to add one (QR code, key, first code), or the
     * user's app with the way offered first and a remove button; empty while codes are off.
     */
    public String getApp() {
        return enrolled || required ? app.html(messages(), getAction(), csrf, now) : "";
    }

    /** The passkey section: the user's passkeys and a form to add one; empty while codes are off. */
    public String getPasskeys() {
        return enrolled || required ? passkeys.html(messages(), getAction(), getAction(), csrf, now) : "";
    }

    /** The script that runs the passkey dialogue; {@code <script src defer>}. */
    public String getPasskeyScript() {
        return Html.escape(contextPath + Routes.PREFIX + Routes.PASSKEY_SCRIPT);
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
            html.append("<li><span id=\"").append(id).append("\">").append(text("settings.devices.item",
                    Html.isolated(device.userAgentSummary()), ago(device.createdAt()), ago(device.lastUsedAt())))
                    .append("</span> <form method=\"post\" action=\"").append(getAction()).append("\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(getCsrf()).append("\">")
                    .append("<input type=\"hidden\" name=\"action\" value=\"forget\">")
                    .append("<input type=\"hidden\" name=\"device\" value=\"").append(Html.escape(device.id())).append("\">")
                    .append("<button type=\"submit\" aria-describedby=\"").append(id).append("\">")
                    .append(text("settings.devices.forget")).append("</button></form></li>");
        }
        return html.append("</ul>").toString();
    }

    /** "2 days ago" in the page's language, in a {@code <time datetime>} with the exact instant in UTC. */
    private SafeHtml ago(Instant at) {
        return Html.time(at, TimeFormat.ago(at, now, messages().locale()));
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

    /** The script that drops a second submit of the page's forms; {@code <script src defer>}. */
    public String getSubmitOnceScript() {
        return submitOnceScript(contextPath);
    }
}
