package io.github.email2fa.web;

import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.SafeHtml;

/**
 * The model of the challenge page ({@code email2fa.page.challenge}, by default
 * {@code /WEB-INF/email2fa/challenge.jsp}): what an application's own challenge page can show.
 * Every value is HTML-escaped; see {@link PageView}.
 */
public final class ChallengeView extends PageView {

    private final String csrf;
    private final String contextPath;
    private final SafeHtml status;
    private final SafeHtml error;
    private final boolean pending;
    private final ChallengePage.Ways ways;
    private final boolean emailRequested;
    private final int appDigits;
    private final WayIn first;
    private final boolean rememberOffered;
    private final int rememberDays;

    /**
     * @param status the delivery status line, already in the user's language, as HTML
     * @param error the notice above the form, or empty, as HTML
     * @param pending whether the code's email is still on its way (the page then offers to look again)
     * @param ways the ways the flow is offered
     * @param emailRequested whether a code was emailed in this flow, so its field is shown
     * @param appDigits digits of an app code
     * @param answered the way the page answers (an app or backup code), whose form stays open with
     *        the field focused; {@code null} for none
     * @param rememberOffered whether "remember this device" is offered
     * @param rememberDays how long a device is remembered
     */
    ChallengeView(Messages messages, String csrf, String contextPath, SafeHtml status, SafeHtml error, boolean pending,
            ChallengePage.Ways ways, boolean emailRequested, int appDigits, WayIn answered, boolean rememberOffered, int rememberDays) {
        super(messages, ways.email() && !(ways.strongFirst() && !emailRequested) ? "challenge.title" : "challenge.titleNoEmail");
        this.csrf = csrf;
        this.contextPath = contextPath;
        this.status = status;
        this.error = error;
        this.pending = pending;
        this.ways = ways;
        this.emailRequested = emailRequested;
        this.appDigits = appDigits;
        boolean strongFirst = ways.strongFirst() || !ways.email();
        this.first = answered != null ? answered : ways.passkey() && strongFirst ? WayIn.PASSKEY : ways.app() && strongFirst ? WayIn.APP
                : ways.email() ? WayIn.EMAIL : WayIn.BACKUP;
        this.rememberOffered = rememberOffered;
        this.rememberDays = rememberDays;
    }

    /** The session's CSRF token, for the hidden {@code csrf} field of every form. */
    public String getCsrf() {
        return Html.escape(csrf);
    }

    /**
     * Where the code was sent and when, or why it was not. The address is in a {@code <bdi>}, and a
     * moment is a {@code <time datetime>} in UTC whose text is relative ("2 minutes ago").
     */
    public String getStatus() {
        return status.toString();
    }

    /** A wrong code, a code that stopped working and why, a wait or a lock; empty when all is well. */
    public String getError() {
        return error.toString();
    }

    /** {@code hidden} when there is no error. */
    public String getErrorHidden() {
        return flag(error.isEmpty(), "hidden");
    }

    /**
     * The link that shows the page again, for news of an email still on its way. The page never
     * reloads by itself: a timed reload would move a screen reader back to the top and lose what
     * was typed (WCAG 2.2.1).
     */
    public String getCheckAgain() {
        return text("challenge.checkAgain");
    }

    /** Where {@link #getCheckAgain()} leads: this page, whose later views never send mail. */
    public String getCheckAgainHref() {
        return action(Routes.CHALLENGE);
    }

    /** {@code hidden} unless the email is still on its way. */
    public String getCheckAgainHidden() {
        return flag(!pending, "hidden");
    }

    public String getCodeLabel() {
        return text("challenge.codeLabel");
    }

    public String getSubmit() {
        return text("challenge.submit");
    }

    /** "Email me a code" before any was emailed in this flow, else "Send a new code". */
    public String getResend() {
        return text(emailRequested ? "challenge.resend" : "challenge.emailMe");
    }

    public String getCancel() {
        return text("challenge.cancel");
    }

    /** The form action for an emailed code (field {@code code}, optional {@code remember=1}). */
    public String getVerifyAction() {
        return action(Routes.VERIFY);
    }

    /** {@code hidden} when the flow takes no emailed code (a step-up for app or backup codes), so none can be asked for. */
    public String getResendHidden() {
        return flag(!ways.email(), "hidden");
    }

    /** The form action for a new code. */
    public String getResendAction() {
        return action(Routes.RESEND);
    }

    /** The form action that ends the flow and signs out. */
    public String getCancelAction() {
        return action(Routes.CANCEL);
    }

    /** The form action for a backup code (field {@code backupCode}, optional {@code remember=1}). */
    public String getBackupAction() {
        return action(Routes.BACKUP);
    }

    /** {@code hidden} when the flow takes no emailed code, or none was emailed yet (the app is offered first). */
    public String getCodeFormHidden() {
        return flag(!ways.email() || !emailRequested && ways.strongFirst(), "hidden");
    }

    /** {@code hidden} unless the user has an authenticator app the flow takes. */
    public String getAppHidden() {
        return flag(!ways.app(), "hidden");
    }

    /** {@code open} when the app is the way offered first, or the page answers an app code. */
    public String getAppOpen() {
        return flag(first == WayIn.APP, "open");
    }

    /** {@code autofocus} for the app code's field when its form is the one open. */
    public String getAppAutofocus() {
        return flag(first == WayIn.APP, "autofocus");
    }

    /** "Use your authenticator app", the app section's summary. */
    public String getUseApp() {
        return text("challenge.useApp");
    }

    /** "Enter the code from your authenticator app". */
    public String getAppLabel() {
        return text("challenge.appLabel", appDigits);
    }

    public String getAppSubmit() {
        return text("challenge.appSubmit");
    }

    /** The form action for an app code (field {@code appCode}, optional {@code remember=1}). */
    public String getAppAction() {
        return action(Routes.APP);
    }

    /**
     * {@code hidden} when the user has no passkey the flow takes. The passkey form also carries
     * {@code hidden} in the page: {@code passkey.js} shows it only in a browser with WebAuthn.
     */
    public String getPasskeyHidden() {
        return flag(!ways.passkey(), "hidden");
    }

    /** "Use a passkey", the passkey form's button. */
    public String getUsePasskey() {
        return text("challenge.usePasskey");
    }

    /** {@code autofocus} for the passkey button when a passkey is the way offered first. */
    public String getPasskeyAutofocus() {
        return flag(first == WayIn.PASSKEY, "autofocus");
    }

    /** The form action for a passkey's answer (field {@code credential}, optional {@code remember=1}). */
    public String getPasskeyAction() {
        return action(Routes.PASSKEY);
    }

    /** Where {@code passkey.js} asks for the dialogue's options (a POST with the CSRF token). */
    public String getPasskeyOptionsUrl() {
        return action(Routes.PASSKEY_OPTIONS);
    }

    /** What the page says when the user closed the passkey dialogue, for {@code passkey.js} to show. */
    public String getPasskeyCancelled() {
        return text("challenge.passkeyCancelled");
    }

    /** What the page says when the passkey dialogue could not run, for {@code passkey.js} to show. */
    public String getPasskeyFailed() {
        return text("challenge.passkeyFailed");
    }

    /** "This browser cannot use passkeys here": shown only where {@code passkey.js} finds no WebAuthn. */
    public String getPasskeyUnsupported() {
        return text("challenge.passkeyUnsupported");
    }

    /** The script that runs the passkey dialogue; {@code <script src defer>}. */
    public String getPasskeyScript() {
        return Html.escape(contextPath + Routes.PREFIX + Routes.PASSKEY_SCRIPT);
    }

    /** {@code hidden} when "remember this device" is not offered. */
    public String getRememberHidden() {
        return flag(!rememberOffered, "hidden");
    }

    public String getRememberLabel() {
        return text("challenge.remember", rememberDays);
    }

    public String getUseBackup() {
        return text("challenge.useBackup");
    }

    /** {@code open} when the backup code is the way first offered (a backup-code step-up), or the page answers one. */
    public String getBackupOpen() {
        return flag(first == WayIn.BACKUP, "open");
    }

    /** {@code autofocus} for the emailed code's field when it is the way first offered. */
    public String getCodeAutofocus() {
        return flag(first == WayIn.EMAIL, "autofocus");
    }

    /** {@code autofocus} for the backup code's field when its form is the one open. */
    public String getBackupAutofocus() {
        return flag(first == WayIn.BACKUP, "autofocus");
    }

    public String getBackupLabel() {
        return text("challenge.backupLabel");
    }

    public String getBackupSubmit() {
        return text("challenge.backupSubmit");
    }

    private String action(String route) {
        return Html.escape(contextPath + Routes.PREFIX + route);
    }

    /** The script that drops a second submit of the page's forms; {@code <script src defer>}. */
    public String getSubmitOnceScript() {
        return submitOnceScript(contextPath);
    }
}
