package io.github.email2fa.text;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.owasp.encoder.Encode;

/**
 * The one place the module escapes text for HTML, in pages and emails, through the OWASP Java
 * Encoder: element content and quoted attribute values. It also builds the two elements texts may
 * carry: an isolated value and a moment.
 */
public final class Html {

    /** An instant in UTC to the second, as a {@code <time datetime>} value (HTML's "global date and time string"). */
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** The same instant for people, with its zone: the tooltip of a relative time. */
    private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** {@code value} with {@code & < > " '} escaped; {@code null} becomes empty. */
    public static String escape(String value) {
        return value == null ? "" : Encode.forHtml(value);
    }

    /** Plain text as safe HTML. */
    public static SafeHtml text(String value) {
        return new SafeHtml(escape(value));
    }

    /**
     * A value whose direction must not mix with the sentence around it, such as an email address
     * or a device name inside an Arabic sentence: a {@code <bdi>} element (HTML, "The bdi element";
     * Unicode Bidirectional Algorithm, UAX #9, isolates).
     */
    public static SafeHtml isolated(String value) {
        return new SafeHtml("<bdi>" + escape(value) + "</bdi>");
    }

    /**
     * A moment shown as {@code words}, such as "2 minutes ago", in a {@code <time>} element whose
     * {@code datetime} holds the exact instant in UTC and whose title shows it with its zone, so
     * the words never depend on the server's zone and the exact time stays at hand.
     */
    public static SafeHtml time(Instant at, String words) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        return new SafeHtml("<time datetime=\"" + DATETIME.format(second) + "\" title=\"" + TITLE.format(second) + "\">"
                + escape(words) + "</time>");
    }

    /** A link to a page of this site: {@code href} and the words both escaped. */
    public static SafeHtml link(String href, String words) {
        return new SafeHtml("<a href=\"" + Encode.forHtmlAttribute(href) + "\">" + escape(words) + "</a>");
    }
}
