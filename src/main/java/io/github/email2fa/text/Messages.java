package io.github.email2fa.text;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The module's texts in one language, from {@code io/github/email2fa/messages*.properties}.
 *
 * <p>Lookup never falls back to the JVM's default locale: a server started in German must still
 * answer an English browser in English, so the last resort is the base bundle (English).
 * Placeholders are {@code {0}}, {@code {1}}, ... and are replaced literally in one pass, so
 * apostrophes in French texts need no escaping and an argument can never fill in another.
 *
 * <p>An application changes any text by shipping its own bundle {@code email2fa-messages} (for
 * example {@code WEB-INF/classes/email2fa-messages_de.properties}): every key it has wins over the
 * module's, per locale; the keys it lacks keep the module's text.
 */
public final class Messages {

    private static final String BASE_NAME = "io.github.email2fa.messages";

    /** The base name of an application's own bundle, whose keys win over the module's. */
    public static final String OVERRIDE_BASE_NAME = "email2fa-messages";
    private static final ResourceBundle.Control NO_JVM_DEFAULT =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final ResourceBundle override;

    private Messages(ResourceBundle bundle, ResourceBundle override) {
        this.bundle = bundle;
        this.override = override;
    }

    /** The texts for this locale, or the closest one the module has, with the application's overrides. */
    public static Messages forLocale(Locale locale) {
        Locale wanted = locale == null ? Locale.ENGLISH : locale;
        return new Messages(ResourceBundle.getBundle(BASE_NAME, wanted, Messages.class.getClassLoader(), NO_JVM_DEFAULT),
                override(wanted));
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
                return ResourceBundle.getBundle(OVERRIDE_BASE_NAME, locale, loader, NO_JVM_DEFAULT);
            } catch (MissingResourceException none) {
                // No override in this loader: the normal case.
            }
        }
        return null;
    }

    /** The language the texts are actually in, for {@code <html lang>}. */
    public String language() {
        String language = bundle.getLocale().getLanguage();
        return language.isEmpty() ? "en" : language;
    }

    /**
     * The text for {@code key} with its placeholders filled in, not escaped.
     *
     * @throws MissingResourceException if no bundle has the key
     */
    public String get(String key, Object... args) {
        String text = override != null && override.containsKey(key) ? override.getString(key) : bundle.getString(key);
        StringBuilder out = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == '{' ? text.indexOf('}', i) : -1;
            if (close > i + 1 && text.substring(i + 1, close).chars().allMatch(d -> d >= '0' && d <= '9')) {
                int index = Integer.parseInt(text.substring(i + 1, close));
                out.append(index < args.length ? String.valueOf(args[index]) : text.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
