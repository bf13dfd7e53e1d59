package io.github.email2fa.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The module's texts in one language, from {@code io/github/email2fa/messages*.properties}.
 *
 * <p>Lookup never falls back to the JVM's default locale: a server started in German must still
 * answer an English browser in English, so the last resort is the base bundle (English).
 * Placeholders are {@code {0}}, {@code {1}}, ... and are replaced literally in one pass, so
 * apostrophes in French texts need no escaping and an argument can never fill in another.
 *
 * <p>The module has English, German, French, Spanish, Italian, Dutch, Brazilian Portuguese, Polish
 * and Arabic. Every other Portuguese locale (Portugal, Angola, a bare {@code pt}, ...) gets
 * Brazilian Portuguese, which its readers understand far better than English.
 *
 * <p>An application changes any text by shipping its own bundle {@code email2fa-messages} (for
 * example {@code WEB-INF/classes/email2fa-messages_de.properties}): every key it has wins over the
 * module's, per locale; the keys it lacks keep the module's text. It adds a language the same way,
 * with a file that has every key, such as {@code email2fa-messages_he.properties}: when the
 * application's bundle matches the locale more closely than the module's, {@link #language()} and
 * {@link #direction()} follow it.
 */
public final class Messages {

    private static final String BASE_NAME = "io.github.email2fa.messages";

    /** The base name of an application's own bundle, whose keys win over the module's. */
    public static final String OVERRIDE_BASE_NAME = "email2fa-messages";
    private static final Locale BRAZILIAN_PORTUGUESE = Locale.forLanguageTag("pt-BR");

    /** Languages written right to left when no script says otherwise (he and iw, yi and ji are old and new codes). */
    private static final Set<String> RTL_LANGUAGES = Set.of("ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "ji",
            "dv", "ckb", "syr");
    /** Scripts written right to left: Arabic, Hebrew, Thaana, Syriac, N'Ko, Adlam, Hanifi Rohingya. */
    private static final Set<String> RTL_SCRIPTS = Set.of("Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg");

    private static final ResourceBundle.Control CONTROL = new Lookup();
    private static final char FIRST_STRONG_ISOLATE = '\u2068';
    private static final char POP_DIRECTIONAL_ISOLATE = '\u2069';

    private final ResourceBundle bundle;
    private final ResourceBundle override;
    private final Locale locale;

    private Messages(ResourceBundle bundle, ResourceBundle override, Locale locale) {
        this.bundle = bundle;
        this.override = override;
        this.locale = locale;
    }

    /** The texts for this locale, or the closest one the module has, with the application's overrides. */
    public static Messages forLocale(Locale locale) {
        Locale wanted = locale == null ? Locale.ENGLISH : locale;
        ResourceBundle bundle = ResourceBundle.getBundle(BASE_NAME, wanted, Messages.class.getClassLoader(), CONTROL);
        ResourceBundle override = override(wanted);
        return new Messages(bundle, override, closer(wanted, bundle.getLocale(), override == null ? null : override.getLocale()));
    }

    /** Of the module's and the application's bundle, the locale that matches {@code wanted} more closely. */
    private static Locale closer(Locale wanted, Locale module, Locale application) {
        if (application == null) {
            return module;
        }
        List<Locale> candidates = CONTROL.getCandidateLocales(BASE_NAME, wanted);
        int own = candidates.indexOf(application);
        return own >= 0 && own < candidates.indexOf(module) ? application : module;
    }

    /**
     * The application's bundle for this locale, or {@code null}. Looked up through the module's
     * own class loader (which sees {@code WEB-INF/classes} when the JAR is in {@code WEB-INF/lib})
     * and, failing that, the thread's context class loader.
     */
    private static ResourceBundle override(Locale locale) {
        for (ClassLoader loader : new ClassLoader[] {Messages.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return ResourceBundle.getBundle(OVERRIDE_BASE_NAME, locale, loader, CONTROL);
            } catch (MissingResourceException none) {
                // No override in this loader: the normal case.
            }
        }
        return null;
    }

    /** The locale the texts are actually in (English for the base bundle), for formats that must match them, such as times. */
    public Locale locale() {
        return locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale;
    }

    /** The language the texts are actually in, as a language tag such as {@code de} or {@code pt-BR}, for {@code <html lang>}. */
    public String language() {
        return locale.getLanguage().isEmpty() ? "en" : locale.toLanguageTag();
    }

    /** {@code rtl} if the texts' language is written right to left, else {@code ltr}: for {@code <html dir>}. */
    public String direction() {
        return isRightToLeft() ? "rtl" : "ltr";
    }

    private boolean isRightToLeft() {
        return locale.getScript().isEmpty() ? RTL_LANGUAGES.contains(locale.getLanguage()) : RTL_SCRIPTS.contains(locale.getScript());
    }

    /**
     * The text for {@code key} with its placeholders filled in, not escaped.
     *
     * @throws MissingResourceException if no bundle has the key
     */
    public String get(String key, Object... args) {
        return fill(text(key), args, false, isRightToLeft());
    }

    /**
     * The text for {@code key} as HTML: the text and every plain argument escaped, and each
     * {@link SafeHtml} argument (an {@link Html#isolated} address, an {@link Html#time}) written as it is.
     *
     * @throws MissingResourceException if no bundle has the key
     */
    public SafeHtml html(String key, Object... args) {
        return new SafeHtml(fill(text(key), args, true, isRightToLeft()));
    }

    private String text(String key) {
        return override != null && override.containsKey(key) ? override.getString(key) : bundle.getString(key);
    }

    /**
     * Replaces each placeholder in one pass; with {@code escape}, everything but {@link SafeHtml} is
     * escaped. In a right-to-left text every plain argument (an application's name, an IP address, a
     * date) is wrapped in FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (U+2068, U+2069; Unicode
     * UAX #9, section 2.7), so its own direction cannot reorder the sentence around it, in a page or
     * in a plain-text email alike. {@link SafeHtml} arguments isolate themselves ({@code <bdi>}).
     */
    private static String fill(String text, Object[] args, boolean escape, boolean isolate) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        int literalFrom = 0;
        int i = 0;
        while (i < text.length()) {
            int close = text.charAt(i) == '{' ? text.indexOf('}', i) : -1;
            if (close > i + 1 && text.substring(i + 1, close).chars().allMatch(d -> d >= '0' && d <= '9')) {
                int index = Integer.parseInt(text.substring(i + 1, close));
                out.append(literal(text.substring(literalFrom, i), escape));
                if (index < args.length) {
                    Object arg = args[index];
                    if (arg instanceof SafeHtml) {
                        out.append(arg);
                    } else {
                        String value = escape ? Html.escape(String.valueOf(arg)) : String.valueOf(arg);
                        out.append(isolate ? FIRST_STRONG_ISOLATE + value + POP_DIRECTIONAL_ISOLATE : value);
                    }
                } else {
                    out.append(literal(text.substring(i, close + 1), escape));
                }
                i = close + 1;
                literalFrom = i;
            } else {
                i++;
            }
        }
        return out.append(literal(text.substring(literalFrom), escape)).toString();
    }

    private static String literal(String text, boolean escape) {
        return escape ? Html.escape(text) : text;
    }

    /**
     * Properties only, never the JVM's default locale, and Brazilian Portuguese for every other
     * Portuguese locale, tried after that locale's own bundles and before the base bundle.
     */
    private static final class Lookup extends ResourceBundle.Control {

        @Override
        public List<String> getFormats(String baseName) {
            return FORMAT_PROPERTIES;
        }

        @Override
        public Locale getFallbackLocale(String baseName, Locale locale) {
            return null;
        }

        @Override
        public List<Locale> getCandidateLocales(String baseName, Locale locale) {
            List<Locale> candidates = super.getCandidateLocales(baseName, locale);
            if (!"pt".equals(locale.getLanguage()) || candidates.contains(BRAZILIAN_PORTUGUESE)) {
                return candidates;
            }
            List<Locale> withBrazil = new ArrayList<>(candidates);
            withBrazil.add(withBrazil.size() - 1, BRAZILIAN_PORTUGUESE);
            return withBrazil;
        }
    }
}
