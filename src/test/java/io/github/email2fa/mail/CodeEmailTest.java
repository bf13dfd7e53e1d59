package io.github.email2fa.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Covers {@link CodeEmail#toString}: safe to log, with neither the code nor the full address. */
class CodeEmailTest {

    @Test
    void toStringWhenLoggedThenNoCodeAndOnlyMaskedAddress() {
        String shown = new CodeEmail("alice@example.com", "493817", Duration.ofMinutes(5), Locale.ENGLISH, "Shop").toString();

        assertFalse(shown.contains("493817"), shown);
        assertFalse(shown.contains("alice@"), shown);
        assertTrue(shown.contains("a•••@example.com"), shown);
    }
}
