package io.github.email2fa.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Covers {@link EmailAddresses}: which values are plausible addresses, with and without a dotted domain. */
class EmailAddressesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("values")
    void isPlausibleWhenValueThenAsTable(String label, String value, boolean plausible, boolean dotted) {
        assertEquals(plausible, EmailAddresses.isPlausible(value), label);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("values")
    void isPlausibleWithDottedDomainWhenValueThenAsTable(String label, String value, boolean plausible, boolean dotted) {
        assertEquals(dotted, EmailAddresses.isPlausibleWithDottedDomain(value), label);
    }

    @Test
    void isPlausibleWhenNullThenFalse() {
        assertFalse(EmailAddresses.isPlausible(null));
        assertFalse(EmailAddresses.isPlausibleWithDottedDomain(null));
    }

    /** Label, value, whether it is plausible, whether it is plausible with a dotted domain. */
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("plain", "no-reply@example.com", true, true),
                Arguments.of("subdomain", "ops@mail.example.org", true, true),
                Arguments.of("plus tag", "alice+2fa@example.com", true, true),
                Arguments.of("single characters", "a@b.c", true, true),
                Arguments.of("non-ASCII", "jürgen@bücher.de", true, true),
                Arguments.of("no-break space is not whitespace here", "alice\u00A0smith@example.com", true, true),
                Arguments.of("two dots in a row", "alice@example..com", true, true),
                Arguments.of("leading dot, another dot inside", "alice@.example.com", true, true),
                Arguments.of("domain without a dot", "root@localhost", true, false),
                Arguments.of("realm-style name", "alice@CORP", true, false),
                Arguments.of("dot only in the local part", "first.last@localhost", true, false),
                Arguments.of("domain ends with its only dot", "alice@example.", true, false),
                Arguments.of("domain starts with its only dot", "alice@.com", true, false),
                Arguments.of("empty", "", false, false),
                Arguments.of("no @", "alice.example.com", false, false),
                Arguments.of("only @", "@", false, false),
                Arguments.of("empty local part", "@example.com", false, false),
                Arguments.of("empty domain", "alice@", false, false),
                Arguments.of("two @ in a row", "alice@@example.com", false, false),
                Arguments.of("second @ in the domain", "alice@example.com@evil.test", false, false),
                Arguments.of("two addresses", "a@example.com,b@example.com", false, false),
                Arguments.of("display name", "Alice <alice@example.com>", false, false),
                Arguments.of("angle brackets", "<alice@example.com>", false, false),
                Arguments.of("quoted local part", "\"alice\"@example.com", false, false),
                Arguments.of("space", "alice smith@example.com", false, false),
                Arguments.of("leading space", " alice@example.com", false, false),
                Arguments.of("tab", "alice@example.com\t", false, false),
                Arguments.of("line feed", "alice@example.com\n", false, false),
                Arguments.of("carriage return", "alice@example.com\r", false, false),
                Arguments.of("vertical tab", "alice@exam\u000Bple.com", false, false),
                Arguments.of("form feed", "alice@exam\fple.com", false, false));
    }
}
