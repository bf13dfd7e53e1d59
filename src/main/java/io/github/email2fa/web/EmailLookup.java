package io.github.email2fa.web;

import io.github.email2fa.subject.EmailResolver;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Finds the signed-in user's address for the pages that mail or show it. */
final class EmailLookup {

    private final EmailResolver emails;

    EmailLookup(EmailResolver emails) {
        this.emails = emails;
    }

    /** The user's address, or {@code null} after answering 403: without an address there is nothing to send. */
    String emailOrRefuse(Exchange exchange) throws IOException, ServletException {
        String email = emails.emailOf(exchange.subject(), exchange.request());
        if (email == null) {
            ProblemPage.show(exchange.request(), exchange.response(), HttpServletResponse.SC_FORBIDDEN,
                    SafeTarget.root(exchange.request()), "challenge.noEmail");
        }
        return email;
    }
}
