package io.github.email2fa.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * How the module writes times and waits for people: one formatter per style, in the user's
 * language, and one rounding rule for waits.
 */
public final class TimeFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT);
    private static final DateTimeFormatter LONG_DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM);

    private TimeFormat() {
    }

    /** A time of day, such as "10:17 AM", in {@code zone}. */
    public static String time(Instant at, Locale locale, ZoneId zone) {
        return TIME.withLocale(locale).withZone(zone).format(at);
    }

    /** A short date and time, such as "3/1/25, 10:17 AM", in {@code zone}. */
    public static String dateTime(Instant at, Locale locale, ZoneId zone) {
        return DATE_TIME.withLocale(locale).withZone(zone).format(at);
    }

    /**
     * A date and time with the zone's name, such as "Mar 1, 2025, 10:17:00 AM (Europe/Berlin)",
     * for emails, which are read later and elsewhere.
     */
    public static String dateTimeWithZone(Instant at, Locale locale, ZoneId zone) {
        return LONG_DATE_TIME.withLocale(locale).withZone(zone).format(at) + " (" + zone.getId() + ")";
    }

    /**
     * A wait in whole seconds, rounded up and at least one: what a user or a {@code Retry-After}
     * header (RFC 9110 §10.2.3) is told.
     */
    public static long wholeSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** A wait in whole minutes, rounded up and at least one. */
    public static long wholeMinutes(Duration wait) {
        return Math.max(1, (wholeSeconds(wait) + 59) / 60);
    }
}
