package io.github.email2fa.it.support;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Stands in for container security in the test application: the session user {@code helpdesk}
 * has the role {@code support}; nobody else has any role.
 */
public final class RoleFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public boolean isUserInRole(String role) {
                HttpSession session = http.getSession(false);
                return "support".equals(role) && session != null && "helpdesk".equals(session.getAttribute("user"));
            }
        }, response);
    }
}
