package io.github.email2fa.subject;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the address a user's codes go to. Implement it to look addresses up in your own user
 * table or directory, and name the class in {@code email2fa.email.resolver}, make it a CDI bean,
 * or list it in {@code META-INF/services/io.github.email2fa.subject.EmailResolver}.
 *
 * <p>Implementations must be thread-safe. The address must come from your records, never from
 * anything in the request that the user controls.
 */
@FunctionalInterface
public interface EmailResolver {

    /**
     * @param subject the logged-in user's name
     * @param request the current request, for session attributes
     * @return the user's address, or {@code null} if none is on file
     */
    String emailOf(String subject, HttpServletRequest request);
}
