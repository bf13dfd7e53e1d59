package io.github.email2fa.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link Base32}: RFC 4648 without padding, and the grouping for typing. */
class Base32Test {

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void encodeWhenRfc4648Section10VectorsThenTheirTextWithoutPadding(String input, String expected) {
        assertEquals(expected, Base32.encode(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void encodeWhenTheKeyUriFormatExampleThenItsSecret() {
        assertEquals("JBSWY3DPEHPK3PXP", Base32.encode(HexFormat.of().parseHex("48656c6c6f21deadbeef")));
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 32, 64})
    void encodeWhenNewSecretThenUpperCaseAlphabetOnlyAndDecodesBack(int bytes) {
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);

        String text = Base32.encode(secret);

        assertTrue(text.matches("[A-Z2-7]+"), text);
        assertEquals((bytes * 8 + 4) / 5, text.length());
        assertArrayEquals(secret, new org.apache.commons.codec.binary.Base32().decode(text));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"'', ''", "f, MY", "foob, MZXW 6YQ", "fooba, MZXW 6YTB", "foobar, MZXW 6YTB OI"})
    void groupedWhenEncodedThenBlocksOfFourSeparatedBySpaces(String input, String expected) {
        assertEquals(expected, Base32.grouped(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void groupedWhenTwentyByteSecretThenEightBlocksOfFour() {
        assertEquals("JBSW Y3DP EHPK 3PXP", Base32.grouped(HexFormat.of().parseHex("48656c6c6f21deadbeef")));
        assertTrue(Base32.grouped(new byte[20]).matches("(A{4} ){7}A{4}"));
    }
}
