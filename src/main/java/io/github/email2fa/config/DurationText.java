package io.github.email2fa.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Durations as settings write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT5M}). */
final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private DurationText() {
    }

    /** The duration written in {@code text}, or {@code null} when it is malformed. */
    static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        var matcher = SHORT.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                return Duration.parse(text);
            } catch (RuntimeException malformed) {
                return null;
            }
        }
        return null;
    }

    /** Whole minutes as {@code 10m} (so 24 hours is {@code 1440m}), anything else in seconds; zero is {@code 0s}. */
    static String inMinutesOrSeconds(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
    }

    /**
     * In the largest whole unit: {@code 24h}, {@code 15m}, {@code 1s}. Kept apart from
     * {@link #inMinutesOrSeconds} because messages already in use show the windows in minutes.
     */
    static String inLargestUnit(Duration duration) {
        if (!duration.isZero() && duration.toSecondsPart() == 0 && duration.toMinutesPart() == 0) {
            return duration.toHours() + "h";
        }
        return inMinutesOrSeconds(duration);
    }
}
