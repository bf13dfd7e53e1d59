package io.github.email2fa.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one script the module's pages load, from the module's own JAR: it drops a second submit of
 * the same form. Pages work without it; it only spares the server a repeated request. Served from
 * the page's own origin, so a {@code Content-Security-Policy} of {@code script-src 'self'} allows it.
 */
final class ModuleScript {

    private static final String RESOURCE = "submit-once.js";

    private final String body;

    ModuleScript() {
        try (InputStream in = ModuleScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("io/github/email2fa/web/" + RESOURCE + " is missing from the email2fa JAR");
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
