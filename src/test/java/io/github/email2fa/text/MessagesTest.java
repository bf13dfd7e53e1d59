package io.github.email2fa.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Covers {@link Messages}: language choice without JVM-default fallback, and literal placeholders. */
class MessagesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"de, de", "de-CH, de", "fr-CA, fr", "en-US, en", "ja, en", "und, en"})
    void languageWhenLocaleGivenThenClosestBundle(String tag, String language) {
        assertEquals(language, Messages.forLocale(Locale.forLanguageTag(tag)).language());
    }

    @Test
    void forLocaleWhenNullThenEnglish() {
        assertEquals("Check your email", Messages.forLocale(null).get("challenge.title"));
    }

    @Test
    void forLocaleWhenUnknownLocaleThenEnglishEvenIfJvmDefaultGerman() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);

            assertEquals("Check your email", Messages.forLocale(Locale.JAPANESE).get("challenge.title"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void getWhenFrenchTextHasApostropheThenKeptAndPlaceholderFilled() {
        assertEquals("Ce code n'est pas valide. Vérifiez le dernier e-mail et réessayez, ou demandez un nouveau code.",
                Messages.forLocale(Locale.FRENCH).get("challenge.invalid"));
        assertEquals("Le code envoyé à a•••@example.com a expiré. Demandez un nouveau code.",
                Messages.forLocale(Locale.FRENCH).get("challenge.expired", "a•••@example.com"));
    }

    @Test
    void getWhenArgumentLooksLikePlaceholderThenInsertedLiterally() {
        assertEquals("Your verification code for {1}", Messages.forLocale(Locale.ENGLISH).get("mail.subject", "{1}", "x"));
    }

    @Test
    void htmlWhenArgumentsPlainOrSafeThenPlainEscapedSafeKeptAndTextEscaped() {
        SafeHtml html = Messages.forLocale(Locale.ENGLISH).html("challenge.sent", Html.isolated("<b>a@example.com</b>"),
                "<script>");

        assertEquals("We emailed a code to <bdi>&lt;b&gt;a@example.com&lt;/b&gt;</bdi> &lt;script&gt;.", html.toString());
    }

    @Test
    void htmlWhenTextHasApostropheThenEscapedAsEntity() {
        assertEquals("Ce code a expiré. Demandez un nouveau code.",
                Messages.forLocale(Locale.FRENCH).html("challenge.codeExpired").toString());
        assertEquals("L&#39;appareil est oublié : un code lui sera demandé à sa prochaine connexion.",
                Messages.forLocale(Locale.FRENCH).html("settings.devices.forgotten").toString());
    }

    @Test
    void getWhenRightToLeftTextThenEveryValueIsolatedAndLeftToRightTextUntouched() {
        String arabic = Messages.forLocale(Locale.forLanguageTag("ar")).get("notice.backupUsed.what", "Shop", "2025-03-01", "192.0.2.7");
        String english = Messages.forLocale(Locale.ENGLISH).get("notice.backupUsed.what", "Shop", "2025-03-01", "192.0.2.7");

        assertTrue(arabic.contains("\u2068Shop\u2069") && arabic.contains("\u2068192.0.2.7\u2069"), arabic);
        assertFalse(english.contains("\u2068"), english);
    }

    @Test
    void htmlWhenRightToLeftThenPlainValuesIsolatedAndBdiKeptAsItIs() {
        String html = Messages.forLocale(Locale.forLanguageTag("ar")).html("challenge.sent", Html.isolated("a@example.com"), "x").toString();

        assertTrue(html.contains("<bdi>a@example.com</bdi>") && html.contains("\u2068x\u2069"), html);
    }
}
