package io.github.email2fa.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link EmailMask}: first letter and domain of an address, nothing of anything else. */
class EmailMaskTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "alice@example.com, a•••@example.com",
            "b@example.org, b•••@example.org",
            "first.last+tag@mail.example.com, f•••@mail.example.com",
            "\"odd@local\"@example.com, \"•••@example.com"})
    void maskWhenAddressThenFirstLetterAndDomain(String address, String masked) {
        assertEquals(masked, EmailMask.mask(address));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"", "alice", "@example.com", "alice@", "@"})
    void maskWhenNotAnAddressThenDotsOnly(String value) {
        assertEquals("•••", EmailMask.mask(value));
    }
}
