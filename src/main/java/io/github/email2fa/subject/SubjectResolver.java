package io.github.email2fa.subject;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;

/** Tells who has passed the application's own login on this request. */
@FunctionalInterface
public interface SubjectResolver {

    /**
     * @return the user's name, or {@code null} if nobody is logged in
     */
    String subjectOf(HttpServletRequest request);

    /** The container's principal, as set by FORM, BASIC or Jakarta Security login. */
    static SubjectResolver containerPrincipal() {
        return request -> {
            Principal principal = request.getUserPrincipal();
            return principal == null ? null : principal.getName();
        };
    }

    /**
     * A session attribute set by a legacy login servlet. A {@code String} is the name itself,
     * a {@code Principal} gives its name, and any other object its {@code toString()}.
     */
    static SubjectResolver sessionAttribute(String attribute) {
        return request -> {
            HttpSession session = request.getSession(false);
            Object value = session == null ? null : session.getAttribute(attribute);
            if (value == null) {
                return null;
            }
            String name = value instanceof Principal principal ? principal.getName() : value.toString();
            return name == null || name.isBlank() ? null : name;
        };
    }
}
