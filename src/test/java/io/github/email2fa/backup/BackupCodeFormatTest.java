package io.github.email2fa.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link BackupCodeFormat}: the alphabet, the display form, and which typed inputs count as a code. */
class BackupCodeFormatTest {

    private static final String CODE = "k7m2q9xw4t";

    @Test
    void alphabetWhenInspectedThenThirtyTwoDistinctAsciiSymbols() {
        assertEquals(32, BackupCodeFormat.ALPHABET.length());
        assertEquals(32, BackupCodeFormat.ALPHABET.chars().distinct().count());
        assertTrue(BackupCodeFormat.ALPHABET.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z'));
    }

    @Test
    void alphabetWhenInspectedThenNoLettersThatReadAsDigitsNorU() {
        for (char c : "ilou".toCharArray()) {
            assertEquals(-1, BackupCodeFormat.ALPHABET.indexOf(c), String.valueOf(c));
        }
    }

    @Test
    void bitsWhenComputedFromAlphabetAndLengthThenFifty() {
        int bitsPerSymbol = Integer.numberOfTrailingZeros(BackupCodeFormat.ALPHABET.length());

        assertEquals(BackupCodeFormat.ALPHABET.length(), 1 << bitsPerSymbol, "alphabet size is a power of two");
        assertEquals(10, BackupCodeFormat.LENGTH);
        assertEquals(50, BackupCodeFormat.LENGTH * bitsPerSymbol);
        assertEquals(BackupCodeFormat.BITS, BackupCodeFormat.LENGTH * bitsPerSymbol);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"k7m2q-9xw4t", "k7m2q9xw4t", "K7M2Q-9XW4T", "K7m2Q 9Xw4T", "k7m2q 9xw4t", " k7m2q - 9xw4t ",
        "k-7-m-2-q-9-x-w-4-t", "--k7m2q--9xw4t--", "k7m2 q9xw 4t"})
    void normalizeWhenCaseSpacesOrDashesVaryThenCanonicalCode(String input) {
        assertEquals(Optional.of(CODE), BackupCodeFormat.normalize(input));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"O1234-56789", "o1234-56789", "0I234-56789", "0i234-56789", "0L234-56789", "0l234-56789",
        "oi234-56789", "OL234-56789"})
    void normalizeWhenLettersReadForZeroOrOneThenThoseDigits(String input) {
        assertEquals(Optional.of("0123456789"), BackupCodeFormat.normalize(input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherForms")
    void normalizeWhenTypedWithOtherDigitsFullWidthLettersOrSeparatorsThenCanonicalCode(String label, String input) {
        assertEquals(Optional.of(CODE), BackupCodeFormat.normalize(input), label);
    }

    static Stream<Arguments> otherForms() {
        return Stream.of(
                Arguments.of("tab separator", "k7m2q\t9xw4t"),
                Arguments.of("no-break space", "k7m2q\u00a09xw4t"),
                Arguments.of("ideographic space", "k7m2q\u30009xw4t"),
                Arguments.of("en dash", "k7m2q\u20139xw4t"),
                Arguments.of("full-width hyphen", "k7m2q\uff0d9xw4t"),
                Arguments.of("zero-width space", "k7m2q\u200b9xw4t"),
                Arguments.of("full-width letters", "\uff4b\uff17\uff4d\uff12\uff51-9xw4t"),
                Arguments.of("full-width upper case", "\uff2b7m2q-9xw4t"),
                Arguments.of("all full-width", "\uff2b\uff17\uff2d\uff12\uff31\uff0d\uff19\uff38\uff37\uff14\uff34"),
                Arguments.of("Arabic-Indic digits", "k\u0667m\u0662q-\u0669xw\u0664t"),
                Arguments.of("Devanagari digits", "k\u096dm\u0968q-\u096fxw\u096at"));
    }

    @Test
    void normalizeWhenFullWidthLettersReadForZeroOrOneThenThoseDigits() {
        assertEquals(Optional.of("0123456789"), BackupCodeFormat.normalize("\uff2f\uff4c23456789"));
    }

    @Test
    void normalizeWhenSixtyFourCharactersThenScanned() {
        String input = "k7m2q-9xw4t" + " ".repeat(53);

        assertEquals(64, input.length());
        assertEquals(Optional.of(CODE), BackupCodeFormat.normalize(input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCodes")
    void normalizeWhenNotACodeThenEmpty(String label, String input) {
        assertEquals(Optional.empty(), BackupCodeFormat.normalize(input), label);
    }

    static Stream<Arguments> notCodes() {
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("only separators", "  - -  "),
                Arguments.of("nine symbols", "k7m2q-9xw4"),
                Arguments.of("eleven symbols", "k7m2q-9xw4tk"),
                Arguments.of("two codes", "k7m2q-9xw4t k7m2q-9xw4t"),
                Arguments.of("u, left out of the alphabet", "u7m2q-9xw4t"),
                Arguments.of("underscore", "k7m2q_9xw4t"),
                Arguments.of("dot separator", "k7m2q.9xw4t"),
                Arguments.of("NUL", "k7m2q-9xw4t\u0000"),
                Arguments.of("full-width u, left out of the alphabet", "\uff557m2q-9xw4t"),
                Arguments.of("Arabic-Indic digit making eleven symbols", "k\u06672m2q-9xw4t"),
                Arguments.of("superscript digit", "k\u00b2m2q-9xw4t"),
                Arguments.of("mathematical bold k, outside the BMP", "\ud835\udc247m2q-9xw4t"),
                Arguments.of("lone surrogate", "k7m2q-9xw4\ud835"),
                Arguments.of("Cyrillic a", "\u04307m2q-9xw4t"),
                Arguments.of("Cyrillic o, not read as zero", "\u043e7m2q-9xw4t"),
                Arguments.of("Greek omicron, not read as zero", "\u03bf7m2q-9xw4t"),
                Arguments.of("Kelvin sign, which Character.toLowerCase makes k", "\u212a7m2q-9xw4t"),
                Arguments.of("dotless i", "\u01317m2q-9xw4t"),
                Arguments.of("dotted capital I", "\u01307m2q-9xw4t"),
                Arguments.of("combining accent", "k\u03017m2q-9xw4t"),
                Arguments.of("65 characters around a valid code", "k7m2q-9xw4t" + " ".repeat(54)),
                Arguments.of("10,000 characters around a valid code", "k7m2q-9xw4t" + " ".repeat(9_989)),
                Arguments.of("10,000 symbols", "a".repeat(10_000)));
    }

    @Test
    void displayWhenCanonicalThenTwoGroupsOfFiveJoinedByDash() {
        assertEquals("k7m2q-9xw4t", BackupCodeFormat.display(CODE));
    }

    @Test
    void displayWhenNormalizedAgainThenSameCode() {
        assertEquals(Optional.of(CODE), BackupCodeFormat.normalize(BackupCodeFormat.display(CODE)));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"", "K7M2Q9XW4T", "k7m2q-9xw4t", "k7m2q9xw4", "k7m2q9xw4tt", "u7m2q9xw4t", "o7m2q9xw4t"})
    void displayWhenNotCanonicalThenIllegalArgumentWithoutTheInput(String code) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BackupCodeFormat.display(code));

        assertFalse(code != null && !code.isEmpty() && e.getMessage().contains(code), e.getMessage());
    }

    @Test
    void isCanonicalWhenCanonicalThenTrue() {
        assertTrue(BackupCodeFormat.isCanonical(CODE));
    }
}
