package io.github.email2fa.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    @MethodSource("notCodes")
    void normalizeWhenNotExactlySixAsciiDigitsThenEmpty(String label, String raw) {
        assertTrue(CodeInput.normalize(raw, 6).isEmpty(), label);
    }

    static Stream<Arguments> notCodes() {
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("only separators", "  - -  "),
                Arguments.of("leading plus", "+123456"),
                Arguments.of("Arabic-Indic digits", "١٢٣٤٥٦"),
                Arguments.of("Extended Arabic-Indic digits", "۱۲۳۴۵۶"),
                Arguments.of("full-width digits", "１２３４５６"),
                Arguments.of("10,000 characters around a valid code", "123456" + " ".repeat(9_994)),
                Arguments.of("too short", "12345"),
                Arguments.of("too long", "1234567"),
                Arguments.of("letters", "abcdef"),
                Arguments.of("one letter among digits", "12a456"),
                Arguments.of("tab separator", "123\t456"),
                Arguments.of("dot separator", "123.456"));
    }
}
