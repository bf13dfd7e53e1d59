package io.github.email2fa.mail;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Covers {@link NoticeTemplate#lockout}: the notice a locked-out user gets, in each language. */
class NoticeTemplateTest {

    private static final String TO = "alice@example.com";
    private static final String IP = "198.51.100.7";
    private static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant UNTIL = AT.plusSeconds(300);

    private final NoticeTemplate notices = new NoticeTemplate();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en | Wrong codes were entered for your Shop account | someone entered several wrong verification codes",
            "de | Falsche Codes für Ihr Konto bei Shop            | mehrere falsche Bestätigungscodes eingegeben",
            "fr | Codes erronés saisis pour votre compte Shop     | a saisi plusieurs codes de vérification erronés",
            "ar | أُدخلت رموز خاطئة لحسابك في \u2068Shop\u2069     | أدخل شخص ما عدة رموز تحقق خاطئة"})
    void lockoutWhenLocaleGivenThenSubjectAndTextInThatLanguage(String language, String subject, String what) {
        OutgoingEmail email = notices.lockout(TO, Locale.forLanguageTag(language), "Shop", AT, IP, UNTIL);

        // In a right-to-left language the application's name is isolated (U+2068 ... U+2069), so it cannot reorder the sentence.
        assertEquals(subject, email.subject());
        assertTrue(email.text().contains(what), email.text());
        String dir = language.equals("ar") ? "rtl" : "ltr";
        assertTrue(email.html().contains("<html lang=\"" + language + "\" dir=\"" + dir + "\">"), email.html());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "de", "fr"})
    void lockoutWhenRenderedThenTextAndHtmlNameAppAndAddress(String language) {
        OutgoingEmail email = notices.lockout(TO, Locale.forLanguageTag(language), "Shop", AT, IP, UNTIL);

        assertAll(
                () -> assertEquals(TO, email.to()),
                () -> assertTrue(email.text().contains("Shop"), email.text()),
                () -> assertTrue(email.text().contains(IP), email.text()),
                () -> assertTrue(email.html().contains("Shop"), email.html()),
                () -> assertTrue(email.html().contains(IP), email.html()));
    }

    @Test
    void lockoutWhenAppNameHasMarkupThenHtmlEscapesIt() {
        OutgoingEmail email = notices.lockout(TO, Locale.ENGLISH, "<script>alert(1)</script>", AT, IP, UNTIL);

        assertFalse(email.html().contains("<script>"), email.html());
        assertTrue(email.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), email.html());
        assertTrue(email.text().contains("<script>alert(1)</script>"), "the plain-text part is not HTML");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "en | until support unlocks your account",
            "de | bis der Support Ihr Konto freigibt",
            "fr | jusqu'à ce que le support débloque votre compte"})
    void lockoutWhenUntilNullThenSaysUntilSupport(String language, String untilSupport) {
        OutgoingEmail email = notices.lockout(TO, Locale.forLanguageTag(language), "Shop", AT, IP, null);

        assertTrue(email.text().contains(untilSupport), email.text());
    }

    @Test
    void lockoutWhenUntilGivenThenNoSupportWording() {
        OutgoingEmail email = notices.lockout(TO, Locale.ENGLISH, "Shop", AT, IP, UNTIL);

        assertTrue(email.text().contains("sign-in with a code is paused until "), email.text());
        assertFalse(email.text().contains("until support"), email.text());
    }

    @Test
    void lockoutWhenLocaleUnknownThenEnglish() {
        OutgoingEmail email = notices.lockout(TO, Locale.forLanguageTag("ja"), "Shop", AT, IP, UNTIL);

        assertEquals("Wrong codes were entered for your Shop account", email.subject());
    }
}
