package io.github.email2fa.text;

import java.io.Serializable;

/**
 * HTML that may be written into a page as it is, because this package built it from escaped text
 * and its own few elements ({@code <bdi>}, {@code <time>}). Anything else that reaches a page is a
 * plain {@link String} and is escaped on the way.
 */
public final class SafeHtml implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No text at all. */
    public static final SafeHtml EMPTY = new SafeHtml("");

    private final String html;

    SafeHtml(String html) {
        this.html = html;
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return html.isEmpty();
    }

    /** The HTML, ready to write. */
    @Override
    public String toString() {
        return html;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafeHtml that && html.equals(that.html);
    }

    @Override
    public int hashCode() {
        return html.hashCode();
    }
}
