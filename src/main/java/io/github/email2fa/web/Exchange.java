package io.github.email2fa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One request to the module's pages, after the servlet's checks, with who is asking.
 *
 * @param request the request
 * @param response its response
 * @param subject the signed-in user, or {@code null} for routes that take anyone
 * @param flow the session's flow for routes that need one, else {@code null}
 */
record Exchange(HttpServletRequest request, HttpServletResponse response, String subject, SignInFlow flow) {
}
