package io.github.email2fa.web;

import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;

/**
 * The model of the "set up 2FA?" page of the {@code recommended} policy
 * ({@code /WEB-INF/email2fa/recommend.jsp}). Every value is HTML-escaped; see {@link PageView}.
 */
public final class RecommendationView extends PageView {

    private final String csrf;
    private final String contextPath;

    RecommendationView(Messages messages, String csrf, String contextPath) {
        super(messages, "recommend.title");
        this.csrf = csrf;
        this.contextPath = contextPath;
    }

    public String getText() {
        return text("recommend.text");
    }

    public String getSetUp() {
        return text("recommend.setUp");
    }

    /** The session's CSRF token, for the hidden {@code csrf} field of every form. */
    public String getCsrf() {
        return Html.escape(csrf);
    }

    /** The settings page, where codes are turned on. */
    public String getSetUpAction() {
        return Html.escape(contextPath + Routes.PREFIX + Routes.SETTINGS);
    }

    public String getSkip() {
        return text("recommend.skip");
    }

    /** The form action of "not now". */
    public String getSkipAction() {
        return Html.escape(contextPath + Routes.PREFIX + Routes.RECOMMEND);
    }

    /** The script that drops a second submit of the page's forms; {@code <script src defer>}. */
    public String getSubmitOnceScript() {
        return submitOnceScript(contextPath);
    }
}
