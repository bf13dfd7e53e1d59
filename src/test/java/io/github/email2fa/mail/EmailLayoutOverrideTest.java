package io.github.email2fa.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Covers an application's own {@code email2fa/*.html} layouts replacing the module's, with values still escaped. */
class EmailLayoutOverrideTest {

    @TempDir
    Path classes;

    @Test
    void noticeWhenApplicationShipsLayoutThenItIsUsedAndValuesAreEscaped() throws Exception {
        Files.createDirectories(classes.resolve("email2fa"));
        Files.writeString(classes.resolve("email2fa/notice-email.html"),
                "<html><!-- shop layout --><h1>{title}</h1>{paragraphs}</html>", StandardCharsets.UTF_8);
        String html = withClassPath(() -> new NoticeTemplate()
                .twoFactorChanged("a@example.com", Locale.ENGLISH, "<Shop>", Instant.EPOCH, true).html());
        assertTrue(html.contains("<!-- shop layout -->"), html);
        assertTrue(html.contains("&lt;Shop&gt;"), html);
        assertFalse(html.contains("<Shop>"), html);
    }

    @Test
    void codeEmailWhenApplicationShipsLayoutThenItIsUsed() throws Exception {
        Files.createDirectories(classes.resolve("email2fa"));
        Files.writeString(classes.resolve("email2fa/code-email.html"), "<p class=\"shop\">{code}</p>", StandardCharsets.UTF_8);
        String html = withClassPath(() -> new CodeEmailTemplate()
                .render(new CodeEmail("a@example.com", "123456", Duration.ofMinutes(5), Locale.ENGLISH, "Shop")).html());
        assertTrue(html.equals("<p class=\"shop\">123456</p>"), html);
    }

    @Test
    void codeEmailWhenNoApplicationLayoutThenModuleLayout() throws Exception {
        String html = withClassPath(() -> new CodeEmailTemplate()
                .render(new CodeEmail("a@example.com", "123456", Duration.ofMinutes(5), Locale.ENGLISH, "Shop")).html());
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    }

    private String withClassPath(java.util.function.Supplier<String> render) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            return render.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
