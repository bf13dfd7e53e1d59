package io.github.email2fa.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Covers {@link CodeEmailTemplate}: escaping, placeholder safety, where the code appears, and the language. */
class CodeEmailTemplateTest {

    private static final String CODE = "493817";

    private final CodeEmailTemplate template = new CodeEmailTemplate();

    private static CodeEmail email(Locale locale, String appName) {
        return new CodeEmail("alice@example.com", CODE, Duration.ofMinutes(5), locale, appName);
    }

    @Test
    void htmlWhenAppNameHasMarkupThenEscaped() {
        String html = template.html(email(Locale.ENGLISH, "<script>x</script>"));

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"), html);
    }

    @Test
    void htmlWhenAppNameContainsCodePlaceholderThenLeftLiteral() {
        String html = template.html(email(Locale.ENGLISH, "{code}"));

        assertTrue(html.contains("signing in to {code}."), html);
        assertEquals(1, occurrences(html, CODE), html);
    }

    @Test
    void htmlWhenRenderedThenEveryPlaceholderFilled() {
        String html = template.html(email(Locale.ENGLISH, "Shop"));

        assertFalse(Pattern.compile("\\{[a-zA-Z]+\\}").matcher(html).find(), html);
        assertTrue(html.contains(CODE), html);
    }

    @Test
    void textWhenRenderedThenContainsCode() {
        assertTrue(template.text(email(Locale.ENGLISH, "Shop")).contains(CODE));
    }

    @Test
    void textWhenValidityNinetySecondsThenRoundedUpToTwoMinutes() {
        CodeEmail email = new CodeEmail("alice@example.com", CODE, Duration.ofSeconds(90), Locale.ENGLISH, "Shop");

        assertTrue(template.text(email).contains("valid for 2 minutes"), template.text(email));
    }

    @Test
    void subjectWhenRenderedThenNeverContainsCode() {
        String subject = template.subject(email(Locale.ENGLISH, "Shop"));

        assertEquals("Your verification code for Shop", subject);
        assertFalse(subject.contains(CODE));
    }

    @Test
    void subjectWhenGermanThenGerman() {
        assertEquals("Ihr Bestätigungscode für Shop", template.subject(email(Locale.GERMAN, "Shop")));
    }

    @Test
    void subjectWhenFrenchThenFrench() {
        assertEquals("Votre code de vérification pour Shop", template.subject(email(Locale.FRANCE, "Shop")));
    }

    @Test
    void subjectWhenUnknownLocaleThenEnglishEvenIfJvmDefaultGerman() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);

            assertEquals("Your verification code for Shop", template.subject(email(Locale.JAPANESE, "Shop")));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void htmlWhenGermanThenLangDe() {
        assertTrue(template.html(email(Locale.GERMANY, "Shop")).contains("<html lang=\"de\" dir=\"ltr\">"));
    }

    @Test
    void htmlWhenArabicThenRightToLeft() {
        assertTrue(template.html(email(Locale.forLanguageTag("ar-EG"), "Shop")).contains("<html lang=\"ar\" dir=\"rtl\">"));
    }

    @Test
    void htmlWhenUnknownLocaleThenLangEn() {
        assertTrue(template.html(email(Locale.JAPANESE, "Shop")).contains("<html lang=\"en\" dir=\"ltr\">"));
    }

    private static int occurrences(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
