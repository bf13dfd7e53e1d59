package io.github.email2fa.web;

import io.github.email2fa.crypto.RandomIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Synchronizer tokens for the module's forms: one random token per session, in a hidden field
 * named {@code csrf}, compared in constant time.
 */
final class Csrf {

    static final String FIELD = "csrf";
    private static final String ATTRIBUTE = "io.github.email2fa.csrf";
    private static final RandomIds TOKENS = new RandomIds(new SecureRandom(), 32);

    private Csrf() {
    }

    /** The session's token, created on first use. */
    static String token(HttpSession session) {
        Object existing = session.getAttribute(ATTRIBUTE);
        if (existing instanceof String token) {
            return token;
        }
        String token = TOKENS.next();
        session.setAttribute(ATTRIBUTE, token);
        return token;
    }

    /** Whether the request carries its session's token. */
    static boolean isValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String submitted = request.getParameter(FIELD);
        if (session == null || submitted == null || !(session.getAttribute(ATTRIBUTE) instanceof String expected)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops the token, so the next form gets a new one (after the session changed hands). */
    static void rotate(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }
}
