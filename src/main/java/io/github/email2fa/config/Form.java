package io.github.email2fa.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The form a setting's value must take, and how its text becomes the value.
 *
 * <p>A form reads the setting's text, stripped and never blank. What it does not accept it
 * refuses with a complaint that says what was expected ({@code expected a whole number from 6 to 10})
 * and returns {@code null}; the parser puts the name and the value in front of each complaint.
 * Lists complain once per bad item, and return the items they accept.
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
interface Form<T> {

    /**
     * Reads a value.
     *
     * @param text the setting's text, stripped and not blank
     * @param complaints receives one line per fault, each saying what was expected
     * @return the value, or {@code null} when the text is refused as a whole
     */
    T read(String text, Consumer<String> complaints);

    /**
     * Whether the parser quotes the text stripped, as it does for lists, whose complaints quote
     * the item at fault too; otherwise it quotes the text as configured.
     */
    default boolean quotesStripped() {
        return false;
    }

    /** Any text. */
    static Form<String> text() {
        return (text, complaints) -> text;
    }

    /**
     * Text matching a regular expression.
     *
     * @param regex what the whole text must match
     * @param accepted the accepted form in words, after {@code expected}
     */
    static Form<String> matching(String regex, String accepted) {
        Pattern pattern = Pattern.compile(regex);
        return (text, complaints) -> {
            if (pattern.matcher(text).matches()) {
                return text;
            }
            complaints.accept("expected " + accepted);
            return null;
        };
    }

    /** Whole numbers in ASCII digits from {@code min} to {@code max}, both included. */
    static WholeNumber wholeNumber(long min, long max) {
        return new WholeNumber(min, max);
    }

    /** Durations from {@code min} to {@code max}, both included, written as {@link DurationText} reads them. */
    static Form<Duration> duration(Duration min, Duration max) {
        String expected = "expected a duration from " + DurationText.inMinutesOrSeconds(min) + " to "
                + DurationText.inMinutesOrSeconds(max) + ", written like 90s, 5m or PT5M";
        return (text, complaints) -> {
            Duration duration = DurationText.parse(text);
            if (duration != null && duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0) {
                return duration;
            }
            complaints.accept(expected);
            return null;
        };
    }

    /** Like {@link #duration}, or {@code 0} for "off" (read as {@link Duration#ZERO}). */
    static Form<Duration> durationOrOff(Duration min, Duration max) {
        Form<Duration> duration = duration(min, max);
        return (text, complaints) -> {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            List<String> refused = new ArrayList<>();
            Duration read = duration.read(text, refused::add);
            refused.forEach(complaint -> complaints.accept(complaint + ", or 0 for off"));
            return read;
        };
    }

    /** {@code true} or {@code false}, in any case. */
    static Form<Boolean> flag() {
        return (text, complaints) -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            complaints.accept("expected true or false");
            return null;
        };
    }

    /** One of the constants, written in lower case with {@code -} for {@code _} ({@code BACKUP_CODE} is {@code backup-code}). */
    static <E extends Enum<E>> Form<E> oneOf(E[] constants) {
        return named(constants, false);
    }

    /** Like {@link #oneOf}, but in any case ({@code STARTTLS} as well as {@code starttls}). */
    static <E extends Enum<E>> Form<E> oneOfAnyCase(E[] constants) {
        return named(constants, true);
    }

    /**
     * Comma-separated items, each stripped; empty items are skipped.
     *
     * @param accepted which items are accepted
     * @param refusal what a refused item is not, after the quoted item ({@code is not a path})
     */
    static Form<List<String>> items(Predicate<String> accepted, String refusal) {
        return new Form<>() {
            @Override
            public List<String> read(String text, Consumer<String> complaints) {
                List<String> items = new ArrayList<>();
                for (String part : text.split(",")) {
                    String item = part.strip();
                    if (item.isEmpty()) {
                        continue;
                    }
                    if (accepted.test(item)) {
                        items.add(item);
                    } else {
                        complaints.accept("'" + item + "' " + refusal);
                    }
                }
                return List.copyOf(items);
            }

            @Override
            public boolean quotesStripped() {
                return true;
            }
        };
    }

    /**
     * From one to {@code most} comma-separated durations, each from {@code min} to {@code max} and
     * none shorter than the one before.
     *
     * @param example a good value, shown in the complaint
     */
    static Form<List<Duration>> growingDurations(int most, Duration min, Duration max, String example) {
        String expected = "expected 1 to " + most + " growing durations from " + DurationText.inLargestUnit(min) + " to "
                + DurationText.inLargestUnit(max) + ", comma-separated, like " + example;
        return new Form<>() {
            @Override
            public List<Duration> read(String text, Consumer<String> complaints) {
                List<Duration> durations = new ArrayList<>();
                for (String part : text.split(",", -1)) {
                    Duration duration = DurationText.parse(part.strip());
                    if (duration == null || duration.compareTo(min) < 0 || duration.compareTo(max) > 0
                            || !durations.isEmpty() && duration.compareTo(durations.get(durations.size() - 1)) < 0) {
                        complaints.accept(expected);
                        return null;
                    }
                    durations.add(duration);
                }
                if (durations.isEmpty() || durations.size() > most) {
                    complaints.accept(expected);
                    return null;
                }
                return List.copyOf(durations);
            }

            @Override
            public boolean quotesStripped() {
                return true;
            }
        };
    }

    /** The constants by their written names; the complaint lists them ("a or b", "one of a, b, c"). */
    private static <E extends Enum<E>> Form<E> named(E[] constants, boolean anyCase) {
        List<String> names = Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        String expected = names.size() == 2 ? "expected " + names.get(0) + " or " + names.get(1)
                : "expected one of " + String.join(", ", names);
        return (text, complaints) -> {
            for (int i = 0; i < constants.length; i++) {
                if (anyCase ? names.get(i).equalsIgnoreCase(text) : names.get(i).equals(text)) {
                    return constants[i];
                }
            }
            complaints.accept(expected);
            return null;
        };
    }

    /**
     * Whole numbers from {@code min} to {@code max}, both included, in at most twelve ASCII digits.
     *
     * @param min the least number accepted
     * @param max the greatest number accepted
     */
    record WholeNumber(long min, long max) implements Form<Long> {

        @Override
        public Long read(String text, Consumer<String> complaints) {
            if (text.matches("\\d{1,12}")) {
                long number = Long.parseLong(text);
                if (number >= min && number <= max) {
                    return number;
                }
            }
            complaints.accept("expected a whole number from " + min + " to " + max);
            return null;
        }

        /** This form with {@code least} as its least number, for a bound that another setting sets. */
        WholeNumber from(long least) {
            return new WholeNumber(least, max);
        }
    }
}
