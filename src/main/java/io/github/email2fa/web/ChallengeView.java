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
    private final boolean backupOnly;
    private final boolean backupAnswered;
    private final boolean rememberOffered;
    private final int rememberDays;

    /**
     * @param status the delivery status line, already in the user's language, as HTML
     * @param error the notice above the form, or empty, as HTML
     * @param pending whether the code's email is still on its way (the page then offers to look again)
     * @param backupOnly whether only a backup code is accepted (a step-up with {@code stepUp.factor=backup-code})
     * @param backupAnswered whether the page answers a backup code, so that its form stays open with the field focused
     * @param rememberOffered whether "remember this device" is offered
     * @param rememberDays how long a device is remembered
     */
    ChallengeView(Messages messages, String csrf, String contextPath, SafeHtml status, SafeHtml error, boolean pending,
            boolean backupOnly, boolean backupAnswered, boolean rememberOffered, int rememberDays) {
        super(messages, "challenge.title");
        this.csrf = csrf;
        this.contextPath = contextPath;
        this.status = status;
        this.error = error;
        this.pending = pending;
        this.backupOnly = backupOnly;
        this.backupAnswered = backupAnswered;
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

    public String getResend() {
        return text("challenge.resend");
    }

    public String getCancel() {
        return text("challenge.cancel");
    }

    /** The form action for an emailed code (field {@code code}, optional {@code remember=1}). */
    public String getVerifyAction() {
        return action(Routes.VERIFY);
    }

    /** {@code hidden} when only a backup code is accepted, so no emailed code can be asked for. */
    public String getResendHidden() {
        return flag(backupOnly, "hidden");
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

    /** {@code hidden} when only a backup code is accepted. */
    public String getCodeFormHidden() {
        return flag(backupOnly, "hidden");
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

    /** {@code open} when only a backup code is accepted, or the page answers one, so its form shows at once. */
    public String getBackupOpen() {
        return flag(backupFirst(), "open");
    }

    /** {@code autofocus} for the emailed code's field, unless the backup code's form is the one open. */
    public String getCodeAutofocus() {
        return flag(!backupFirst(), "autofocus");
    }

    /** {@code autofocus} for the backup code's field when its form is the one open. */
    public String getBackupAutofocus() {
        return flag(backupFirst(), "autofocus");
    }

    private boolean backupFirst() {
        return backupOnly || backupAnswered;
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
