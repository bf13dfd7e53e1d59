package io.github.email2fa.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A script the module's pages load, from the module's own JAR: {@code submit-once.js}, which drops a
 * second submit of the same form, or {@code passkey.js}, which runs the browser's passkey dialogue.
 * Pages work without either. Served from the page's own origin, so the pages'
 * {@code Content-Security-Policy} of {@code script-src 'self'} allows them.
 */
final class ModuleScript {

    private final String body;

    /** @param resource the script's file name next to this class in the JAR */
    ModuleScript(String resource) {
        try (InputStream in = ModuleScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("io/github/email2fa/web/" + resource + " is missing from the email2fa JAR");
            }
            this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET: the script, cacheable for a day, never sniffed as another type. */
    void serve(Exchange exchange) throws IOException {
        HttpServletResponse response = exchange.response();
        response.setContentType("text/javascript");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "public, max-age=86400");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(body);
    }
}
