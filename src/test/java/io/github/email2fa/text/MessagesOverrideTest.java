package io.github.email2fa.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Covers an application's {@code email2fa-messages} bundle overriding the module's texts, key by key. */
class MessagesOverrideTest {

    @TempDir
    Path classes;

    @Test
    void getWhenApplicationBundleHasKeyThenItsTextWinsAndOtherKeysStay() throws Exception {
        Files.writeString(classes.resolve("email2fa-messages.properties"), "challenge.title=Check your inbox, {0}\n",
                StandardCharsets.UTF_8);
        Files.writeString(classes.resolve("email2fa-messages_de.properties"), "challenge.title=Posteingang prüfen\n",
                StandardCharsets.UTF_8);
        withClassPath(() -> {
            assertEquals("Check your inbox, Ann", Messages.forLocale(Locale.ENGLISH).get("challenge.title", "Ann"));
            assertEquals("Posteingang prüfen", Messages.forLocale(Locale.GERMAN).get("challenge.title"));
            assertEquals("Verification code", Messages.forLocale(Locale.ENGLISH).get("challenge.codeLabel"));
            assertEquals("Bestätigungscode", Messages.forLocale(Locale.GERMAN).get("challenge.codeLabel"));
        });
    }

    @Test
    void languageWhenApplicationAddsALanguageThenItsLanguageAndDirection() throws Exception {
        Files.writeString(classes.resolve("email2fa-messages_he.properties"), "challenge.title=בדקו את הדוא\"ל\n",
                StandardCharsets.UTF_8);
        Files.writeString(classes.resolve("email2fa-messages_pt_PT.properties"), "challenge.title=Verifique o seu e-mail\n",
                StandardCharsets.UTF_8);
        withClassPath(() -> {
            Messages hebrew = Messages.forLocale(Locale.forLanguageTag("he-IL"));
            assertEquals("he", hebrew.language());
            assertEquals("rtl", hebrew.direction());
            assertEquals("Verification code", hebrew.get("challenge.codeLabel"));
            Messages portugal = Messages.forLocale(Locale.forLanguageTag("pt-PT"));
            assertEquals("pt-PT", portugal.language());
            assertEquals("Verifique o seu e-mail", portugal.get("challenge.title"));
            assertEquals("Código de verificação", portugal.get("challenge.codeLabel"));
        });
    }

    @Test
    void languageWhenApplicationOnlyOverridesTheBaseBundleThenTheModulesLanguage() throws Exception {
        Files.writeString(classes.resolve("email2fa-messages.properties"), "challenge.title=Check your inbox\n",
                StandardCharsets.UTF_8);
        withClassPath(() -> {
            assertEquals("ar", Messages.forLocale(Locale.forLanguageTag("ar")).language());
            assertEquals("rtl", Messages.forLocale(Locale.forLanguageTag("ar")).direction());
        });
    }

    @Test
    void getWhenNoApplicationBundleThenModuleTexts() throws Exception {
        withClassPath(() -> assertEquals("Check your email", Messages.forLocale(Locale.ENGLISH).get("challenge.title")));
    }

    private void withClassPath(Runnable check) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            check.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
