package io.github.email2fa.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Covers the relative times pages show and the zoned times emails show. */
class TimeFormatTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1     | 1 minute from now
            59    | 1 minute from now
            60    | 1 minute from now
            61    | 2 minutes from now
            899   | 15 minutes from now
            3600  | 1 hour from now
            3601  | 2 hours from now
            7140  | 2 hours from now
            86400 | 1 day from now
            86401 | 2 days from now
            """)
    void inWhenWaitThenRoundedUpToAWholeUnitNeverEarlier(long seconds, String expected) {
        assertEquals(expected, TimeFormat.in(Duration.ofSeconds(seconds), NOW, Locale.ENGLISH));
    }

    @ParameterizedTest(name = "{0} s ago -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0      | moments ago
            -5     | moments ago
            5      | moments ago
            125    | 2 minutes ago
            7200   | 2 hours ago
            172800 | 2 days ago
            """)
    void agoWhenPastThenLargestWholeUnitAndFutureIsMomentsAgo(long secondsAgo, String expected) {
        assertEquals(expected, TimeFormat.ago(NOW.minusSeconds(secondsAgo), NOW, Locale.ENGLISH));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            de    | vor 2 Minuten       | in 15 Minuten
            pl    | 2 minuty temu       | za 15 minut
            pt-BR | 2 minutos atrás     | daqui a 15 minutos
            """)
    void agoAndInWhenOtherLanguageThenItsWordsAndPlurals(String language, String ago, String in) {
        Locale locale = Locale.forLanguageTag(language);

        assertEquals(ago, TimeFormat.ago(NOW.minusSeconds(130), NOW, locale));
        assertEquals(in, TimeFormat.in(Duration.ofMinutes(15), NOW, locale));
    }

    @Test
    void dateTimeWithZoneWhenEmailThenZoneNamed() {
        assertEquals("Mar 1, 2025, 10:00:00 AM (Europe/Berlin)",
                TimeFormat.dateTimeWithZone(NOW, Locale.US, ZoneId.of("Europe/Berlin")).replace('\u202f', ' '));
    }
}
