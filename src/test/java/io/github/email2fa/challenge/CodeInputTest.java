package io.github.email2fa.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link CodeInput#normalize}: which typed inputs count as a code, and which never do. */
class CodeInputTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"123456", "123 456", "123-456", " 12-34 56 ", "1-2-3-4-5-6"})
    void normalizeWhenDigitsWithSpacesOrDashesThenBareDigits(String raw) {
        assertEquals(Optional.of("123456"), CodeInput.normalize(raw, 6));
    }

    @Test
    void normalizeWhenLengthEightThenEightDigitsAccepted() {
        assertEquals(Optional.of("01234567"), CodeInput.normalize("0123-4567", 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherScripts")
    void normalizeWhenDigitsOfAnotherScriptThenAsciiDigits(String label, String raw) {
        assertEquals(Optional.of("482910"), CodeInput.normalize(raw, 6), label);
    }

    static Stream<Arguments> otherScripts() {
        return Stream.of(
                Arguments.of("Arabic-Indic", "٤٨٢٩١٠"),
                Arguments.of("Extended Arabic-Indic (Persian, Urdu)", "۴۸۲۹۱۰"),
                Arguments.of("full-width", "４８２９１０"),
                Arguments.of("Devanagari", "४८२९१०"),
                Arguments.of("Bengali", "৪৮২৯১০"),
                Arguments.of("Thai", "๔๘๒๙๑๐"),
                Arguments.of("mathematical bold, outside the BMP", "\uD835\uDFD2\uD835\uDFD6\uD835\uDFD0\uD835\uDFD7\uD835\uDFCF\uD835\uDFCE"),
                Arguments.of("scripts mixed", "4٨۲९१0"),
                Arguments.of("Arabic-Indic with right-to-left marks", "\u200f٤٨٢\u200f ٩١٠\u200f"));
    }

    /** Every run of Nd code points the JDK knows, found by scanning all of Unicode; each run is 0 to 9. */
    static List<Arguments> digitRuns() {
        List<Arguments> runs = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER
                    && (cp == 0 || Character.getType(cp - 1) != Character.DECIMAL_DIGIT_NUMBER)) {
                int end = cp;
                while (Character.getType(end + 1) == Character.DECIMAL_DIGIT_NUMBER) {
                    end++;
                }
                runs.add(Arguments.of(String.format("U+%04X..U+%04X %s", cp, end, Character.UnicodeBlock.of(cp)), cp, end));
                cp = end;
            }
        }
        return runs;
    }

    @Test
    void digitRunsWhenScannedThenManyScriptsEachOfTenDigits() {
        List<Arguments> runs = digitRuns();
        assertTrue(runs.size() >= 60, "Nd runs found: " + runs.size());
        for (Arguments run : runs) {
            int first = (int) run.get()[1];
            int last = (int) run.get()[2];
            assertEquals(0, (last - first + 1) % 10, run.get()[0] + " is whole blocks of ten");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digitRuns")
    void normalizeWhenEachDigitOfARunThenItsValue(String label, int first, int last) {
        for (int cp = first; cp <= last; cp++) {
            String typed = new StringBuilder().appendCodePoint(cp).toString();
            assertEquals(Optional.of(String.valueOf((cp - first) % 10)), CodeInput.normalize(typed, 1),
                    String.format("%s: U+%04X", label, cp));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digitRuns")
    void normalizeWhenSixDigitCodeTypedInARunThenAsciiCode(String label, int first, int last) {
        for (int zero = first; zero <= last; zero += 10) {
            assertEquals(Optional.of("482910"), CodeInput.normalize(typedIn(zero, "482910"), 6), label);
            assertEquals(Optional.of("007007"), CodeInput.normalize(typedIn(zero, "007 007"), 6), label + ", leading zeros kept");
        }
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0009", "00A0", "2007", "202F", "3000", "2010", "2011", "2012", "2013", "2014", "2212", "FE63", "FF0D",
        "00AD", "200B", "200E", "200F", "061C", "2060", "FEFF"})
    void normalizeWhenSeparatedByWhiteSpaceDashOrInvisibleMarkThenBareDigits(String hex) {
        String separator = Character.toString(Integer.parseInt(hex, 16));
        assertEquals(Optional.of("123456"), CodeInput.normalize("123" + separator + "456", 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCodes")
    void normalizeWhenNotExactlySixDigitsThenEmpty(String label, String raw) {
        assertTrue(CodeInput.normalize(raw, 6).isEmpty(), label);
    }

    static Stream<Arguments> notCodes() {
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("only separators", "  - -  "),
                Arguments.of("leading plus", "+123456"),
                Arguments.of("10,000 characters around a valid code", "123456" + " ".repeat(9_994)),
                Arguments.of("65 characters around a valid code", "123456" + " ".repeat(59)),
                Arguments.of("too short", "12345"),
                Arguments.of("too long", "1234567"),
                Arguments.of("too short in Arabic-Indic", "٤٨٢٩١"),
                Arguments.of("too long in full-width", "４８２９１０１"),
                Arguments.of("letters", "abcdef"),
                Arguments.of("one letter among digits", "12a456"),
                Arguments.of("full-width letter among digits", "12\uff41456"),
                Arguments.of("dot separator", "123.456"),
                Arguments.of("six characters, one just below '0'", "12/456"),
                Arguments.of("six characters, one just above '9'", "12:456"),
                Arguments.of("superscript digits (No, not Nd)", "¹²³⁴⁵⁶"),
                Arguments.of("circled digits (No, not Nd)", "①②③④⑤⑥"),
                Arguments.of("Roman numeral (Nl)", "12345\u2160"),
                Arguments.of("CJK numerals (Lo)", "一二三四五六"),
                Arguments.of("combining mark on a digit", "1\u0301" + "23456"),
                Arguments.of("lone surrogate", "12345\uD835"),
                Arguments.of("NUL", "123456\u0000"),
                Arguments.of("Unicode escape written out", "\\u0661" + "23456"));
    }

    /** {@code ascii}'s digits in the script whose zero is {@code zero}; other characters as they are. */
    private static String typedIn(int zero, String ascii) {
        StringBuilder typed = new StringBuilder();
        ascii.chars().forEach(c -> typed.appendCodePoint(c >= '0' && c <= '9' ? zero + (c - '0') : c));
        return typed.toString();
    }
}
