package io.github.email2fa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Covers {@link Setting}: a declaration reads its own default, and a whole number's least value can be raised. */
class SettingTest {

    @Test
    void ofWhenDefaultRefusedByFormThenThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Setting.of("email2fa.example", 11, Form.wholeNumber(6, 10)));

        assertTrue(e.getMessage().contains("email2fa.example: the default '11' is refused: expected a whole number from 6 to 10"),
                e.getMessage());
    }

    @Test
    void ofWhenDefaultGivenThenReadByFormAndShownAsWritten() {
        Setting<Long> setting = Setting.of("email2fa.example", 8, Form.wholeNumber(6, 10));

        assertEquals(8L, setting.defaultValue());
        assertEquals("8", setting.shownDefault());
    }

    @Test
    void ofWhenNoDefaultThenNullAndShownAsNone() {
        Setting<String> setting = Setting.of("email2fa.example", null, Form.text());

        assertNull(setting.defaultValue());
        assertEquals("none", setting.shownDefault());
    }

    @Test
    void ofWhenEmptyListDefaultThenEmptyAndShownAsNone() {
        Setting<List<String>> setting = Setting.of("email2fa.example", "", Form.items(item -> true, "is refused"));

        assertEquals(List.of(), setting.defaultValue());
        assertEquals("none", setting.shownDefault());
    }

    @Test
    void fromWhenWholeNumberThenLeastRaised() {
        Setting<Long> raised = Setting.of("email2fa.example", 100, Form.wholeNumber(1, 100)).from(20);
        List<String> complaints = new ArrayList<>();

        assertNull(raised.form().read("15", complaints::add));
        assertEquals(List.of("expected a whole number from 20 to 100"), complaints);
    }

    @Test
    void fromWhenNotWholeNumberThenThrows() {
        Setting<String> setting = Setting.of("email2fa.example", null, Form.text());

        assertThrows(IllegalStateException.class, () -> setting.from(1));
    }
}
