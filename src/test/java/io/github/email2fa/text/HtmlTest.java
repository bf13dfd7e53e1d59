package io.github.email2fa.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Covers {@link Html#escape}: the five characters that matter in content and quoted attributes. */
class HtmlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "<script>x</script>      | &lt;script&gt;x&lt;/script&gt;",
            "Tom & Jerry             | Tom &amp; Jerry",
            "say \"hi\"              | say &#34;hi&#34;",
            "it's                    | it&#39;s",
            "&amp;                   | &amp;amp;",
            "Prüfen {code} 123       | Prüfen {code} 123"})
    void escapeWhenSpecialCharactersThenEntities(String raw, String escaped) {
        assertEquals(escaped, Html.escape(raw));
    }

    @Test
    void escapeWhenNullThenEmpty() {
        assertEquals("", Html.escape(null));
    }
}
