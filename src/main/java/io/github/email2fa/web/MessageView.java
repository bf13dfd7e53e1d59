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

    /**
     * @param titleKey the message key of the title
     * @param text the message, already in the user's language
     * @param continueLabelKey the message key of the link's label
     * @param continueHref where the link goes: a path on this site
     */
    MessageView(Messages messages, String titleKey, String text, String continueLabelKey, String continueHref) {
        super(messages, titleKey);
        this.text = text;
        this.continueLabelKey = continueLabelKey;
        this.continueHref = continueHref;
    }

    public String getText() {
        return Html.escape(text);
    }

    public String getContinueLabel() {
        return text(continueLabelKey);
    }

    public String getContinueHref() {
        return Html.escape(continueHref);
    }
}
