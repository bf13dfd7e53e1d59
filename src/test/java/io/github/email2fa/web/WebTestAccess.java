package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import jakarta.servlet.http.HttpSession;

/** Lets tests and benchmarks outside this package put a session in a state the module grants. */
public final class WebTestAccess {

    private WebTestAccess() {
    }

    /** Marks {@code session} verified for {@code subject} now, as a right emailed code would. */
    public static void markVerified(Email2fa module, HttpSession session, String subject) {
        WebParts.of(module).sessions.markVerified(session, subject, WayIn.EMAIL);
    }
}
