package io.github.email2fa.web;

import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;

/**
 * The model of a short message with a link to go on ({@code /WEB-INF/email2fa/message.jsp}),
 * such as the backup codes left after one was used. Every value is HTML-escaped; see {@link PageView}.
 */
public final class MessageView extends PageView {

    private final String text;
    private final String continueLabelKey;
    private final String continueHref;
    private final boolean problem;

    /**
     * @param problem whether the message tells of something that went wrong, to be announced as an alert
     * @param titleKey the message key of the title
     * @param text the message, already in the user's language
     * @param continueLabelKey the message key of the link's label
     * @param continueHref where the link goes: a path on this site
     */
    MessageView(Messages messages, boolean problem, String titleKey, String text, String continueLabelKey, String continueHref) {
        super(messages, titleKey);
        this.problem = problem;
        this.text = text;
        this.continueLabelKey = continueLabelKey;
        this.continueHref = continueHref;
    }

    public String getText() {
        return Html.escape(text);
    }

    /** {@code role="alert"} for a problem, so that screen readers announce it; else empty. */
    public String getAlertRole() {
        return flag(problem, "role=\"alert\"");
    }

    public String getContinueLabel() {
        return text(continueLabelKey);
    }

    public String getContinueHref() {
        return Html.escape(continueHref);
    }
}
