package io.github.email2fa.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundle the module ships, found on the class path so a new language is covered as soon as
 * its file exists, must match English: the same keys, the same placeholders per key, valid UTF-8,
 * and {@link Messages#forLocale} must pick it for its own locale.
 */
class MessageBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern BUNDLE_FILE = Pattern.compile("messages_([A-Za-z0-9_]+)\\.properties");

    @Test
    void shippedBundlesWhenListedThenEveryLanguageIsFound() throws Exception {
        List<String> suffixes = shippedBundles().stream().map(MessageBundlesTest::suffix).toList();
        assertTrue(suffixes.containsAll(List.of("de", "fr", "es", "it", "nl", "pt_BR", "pl", "ar")), "bundles: " + suffixes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedBundles")
    void bundleWhenComparedWithEnglishThenSameKeysAndPlaceholders(Path bundle) throws Exception {
        Properties english = load(bundle.resolveSibling("messages.properties"));
        Properties translated = load(bundle);
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            if (!translated.containsKey(key)) {
                problems.add("missing " + key);
            } else if (!placeholders(english.getProperty(key)).equals(placeholders(translated.getProperty(key)))) {
                problems.add(key + " has placeholders " + placeholders(translated.getProperty(key)) + ", English "
                        + placeholders(english.getProperty(key)));
            } else if (translated.getProperty(key).isBlank()) {
                problems.add(key + " is blank");
            }
        }
        for (String key : new TreeSet<>(translated.stringPropertyNames())) {
            if (!english.containsKey(key)) {
                problems.add("unknown key " + key + " (English lacks it)");
            }
        }
        assertTrue(problems.isEmpty(), bundle.getFileName() + ":\n" + String.join("\n", problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedBundles")
    void bundleWhenRequestedForItsLocaleThenForLocalePicksIt(Path bundle) throws Exception {
        Locale locale = Locale.forLanguageTag(suffix(bundle).replace('_', '-'));
        Messages messages = Messages.forLocale(locale);

        assertEquals(locale.toLanguageTag(), messages.language());
        assertEquals(load(bundle).getProperty("challenge.title"), messages.get("challenge.title"));
    }

    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @CsvSource({"es-MX, es, ltr", "it-CH, it, ltr", "nl-BE, nl, ltr", "pt-BR, pt-BR, ltr", "pt-PT, pt-BR, ltr",
            "pt, pt-BR, ltr", "pt-AO, pt-BR, ltr", "pl-PL, pl, ltr", "ar, ar, rtl", "ar-EG, ar, rtl", "he, en, ltr",
            "fa-IR, en, ltr"})
    void forLocaleWhenBrowserLanguageGivenThenLanguageAndDirectionOfTheTextsShown(String tag, String language, String dir) {
        Messages messages = Messages.forLocale(Locale.forLanguageTag(tag));

        assertEquals(language, messages.language());
        assertEquals(dir, messages.direction());
    }

    static List<Path> shippedBundles() throws IOException, URISyntaxException {
        URL english = Messages.class.getClassLoader().getResource("io/github/email2fa/messages.properties");
        assertTrue(english != null && "file".equals(english.getProtocol()), "the module's bundle: " + english);
        try (Stream<Path> files = Files.list(Path.of(english.toURI()).getParent())) {
            return files.filter(p -> BUNDLE_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static String suffix(Path bundle) {
        Matcher matcher = BUNDLE_FILE.matcher(bundle.getFileName().toString());
        assertTrue(matcher.matches(), bundle.toString());
        return matcher.group(1);
    }

    /** Reads a bundle as {@code ResourceBundle} does, refusing bytes that are not UTF-8 (it would silently read them as Latin-1). */
    private static Properties load(Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(file.getFileName() + " is not valid UTF-8", e);
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
