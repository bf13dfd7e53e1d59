package io.github.email2fa.text;

import org.owasp.encoder.Encode;

/**
 * The one place the module escapes text for HTML, in pages and emails, through the OWASP Java
 * Encoder: element content and quoted attribute values.
 */
public final class Html {

    private Html() {
    }

    /** {@code value} with {@code & < > " '} escaped; {@code null} becomes empty. */
    public static String escape(String value) {
        return value == null ? "" : Encode.forHtml(value);
    }
}
