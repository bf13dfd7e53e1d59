package io.github.email2fa.web;

import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;

/**
 * What every page of the module shows: its language, writing direction and title. A page's JSP
 * reads its model as the request attribute {@value #ATTRIBUTE}, e.g. {@code ${email2fa.title}}.
 *
 * <p>Every getter of a model returns text that is already HTML-escaped (by {@link Html}), so a
 * JSP needs no tag library and can place any value in element content or a quoted attribute.
 * Flags such as {@code errorHidden} are the attribute itself ({@code hidden}) or empty.
 * Models are built by the module only.
 */
public abstract class PageView {

    /** The request attribute that holds the model. */
    public static final String ATTRIBUTE = "email2fa";

    private final Messages messages;
    private final String titleKey;

    PageView(Messages messages, String titleKey) {
        this.messages = messages;
        this.titleKey = titleKey;
    }

    /** The page's texts, for what a subclass words itself. */
    final Messages messages() {
        return messages;
    }

    /** The page's language, for {@code <html lang>}. */
    public String getLang() {
        return Html.escape(messages.language());
    }

    /** {@code rtl} or {@code ltr}: the direction of the page's language, for {@code <html dir>}. */
    public String getDir() {
        return messages.direction();
    }

    /** The page's title and heading. */
    public String getTitle() {
        return text(titleKey);
    }

    /**
     * One of the module's texts in the page's language, escaped; an argument that is
     * {@link io.github.email2fa.text.SafeHtml} (an isolated address, a {@code <time>}) goes in as it is.
     */
    final String text(String key, Object... args) {
        return messages.html(key, args).toString();
    }

    /**
     * The address of the module's one script, which drops a second submit of a form (a double
     * click); the page works without it.
     */
    static String submitOnceScript(String contextPath) {
        return Html.escape(contextPath + Routes.PREFIX + Routes.SUBMIT_ONCE_SCRIPT);
    }

    /** {@code attribute} when {@code on}, else empty: for {@code hidden} and {@code open}. */
    static String flag(boolean on, String attribute) {
        return on ? attribute : "";
    }
}
