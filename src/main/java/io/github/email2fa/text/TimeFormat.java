package io.github.email2fa.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.Locale;
import org.ocpsoft.prettytime.PrettyTime;

/**
 * How the module writes times and waits for people: one formatter per style, in the user's
 * language, and one rounding rule for waits.
 *
 * <p>Pages say how long ago or how soon ({@link #ago}, {@link #in}), which is true in every time
 * zone: the server cannot know the reader's. Emails, read later and elsewhere, carry a date and
 * time with its zone ({@link #dateTimeWithZone}). PrettyTime words the relative times, with each
 * language's plural forms.
 */
public final class TimeFormat {

    private static final DateTimeFormatter LONG_DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM);

    private TimeFormat() {
    }

    /**
     * A date and time with the zone's name, such as "Mar 1, 2025, 10:17:00 AM (Europe/Berlin)",
     * for emails, which are read later and elsewhere.
     */
    public static String dateTimeWithZone(Instant at, Locale locale, ZoneId zone) {
        return LONG_DATE_TIME.withLocale(locale).withZone(zone).format(at) + " (" + zone.getId() + ")";
    }

    /**
     * How long before {@code now} something happened, such as "2 minutes ago" or "moments ago",
     * in {@code locale}'s words; rounded down to the largest whole unit.
     */
    public static String ago(Instant at, Instant now, Locale locale) {
        // A moment at or after now (clocks of two parts a hair apart) is "moments ago", never "from now".
        Instant past = at.isBefore(now) ? at : now.minusSeconds(1);
        return new PrettyTime(Date.from(now), locale).format(Date.from(past));
    }

    /**
     * When a wait that starts now ends, such as "15 minutes from now" or "in 15 Minuten", in
     * {@code locale}'s words. The wait is rounded up to whole minutes, whole hours past an hour,
     * whole days past a day, so the user is never told a moment before the one that counts.
     */
    public static String in(Duration wait, Instant now, Locale locale) {
        long minutes = wholeMinutes(wait);
        Duration shown;
        if (minutes <= 60) {
            shown = Duration.ofMinutes(minutes);
        } else if (minutes <= 24 * 60) {
            shown = Duration.ofHours((minutes + 59) / 60);
        } else {
            shown = Duration.ofDays((minutes + 24 * 60 - 1) / (24 * 60));
        }
        return new PrettyTime(Date.from(now), locale).format(Date.from(now.plus(shown)));
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
