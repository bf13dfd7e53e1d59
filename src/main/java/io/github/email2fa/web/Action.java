package io.github.email2fa.web;

import jakarta.servlet.ServletException;
import java.io.IOException;

/** The handler of one route: a page (GET) or a form action (POST). */
@FunctionalInterface
interface Action {

    /**
     * Answers the request.
     *
     * @throws IOException if writing the answer fails
     * @throws ServletException if forwarding to a page fails
     */
    void handle(Exchange exchange) throws IOException, ServletException;
}
