package io.github.email2fa.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML layout of an email, with {@code {name}} placeholders. The module ships
 * {@code io/github/email2fa/mail/<name>.html}; an application replaces it by shipping
 * {@code email2fa/<name>.html} (for example in {@code WEB-INF/classes}).
 */
final class EmailLayout {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)\\}");

    private final String template;

    private EmailLayout(String template) {
        this.template = template;
    }

    /** The application's layout of this name if it has one, else the module's. */
    static EmailLayout named(String name) {
        String own = read(EmailLayout.class.getClassLoader(), "email2fa/" + name + ".html");
        if (own == null && Thread.currentThread().getContextClassLoader() != null) {
            own = read(Thread.currentThread().getContextClassLoader(), "email2fa/" + name + ".html");
        }
        if (own != null) {
            return new EmailLayout(own);
        }
        String standard = read(EmailLayout.class.getClassLoader(), "io/github/email2fa/mail/" + name + ".html");
        if (standard == null) {
            throw new IllegalStateException("missing io/github/email2fa/mail/" + name + ".html");
        }
        return new EmailLayout(standard);
    }

    /**
     * Replaces each {@code {name}} in one pass, so a value can never inject another placeholder.
     * The values must already be HTML: escaping is the caller's job.
     */
    String fill(Map<String, String> html) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (matcher.find()) {
            String value = html.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
