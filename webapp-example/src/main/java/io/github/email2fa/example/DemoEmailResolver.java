package io.github.email2fa.example;

import io.github.email2fa.subject.EmailResolver;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Looks up addresses in the application's own user table; named in web.xml as
 * {@code email2fa.email.resolver}. This is the one class an application writes to plug in.
 */
public final class DemoEmailResolver implements EmailResolver {

    @Override
    public String emailOf(String subject, HttpServletRequest request) {
        DemoUsers.User user = DemoUsers.find(subject);
        return user == null ? null : user.email();
    }
}
