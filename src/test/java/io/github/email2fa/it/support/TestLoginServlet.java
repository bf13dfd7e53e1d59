package io.github.email2fa.it.support;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A legacy-style login for tests that need many separate accounts: it puts any user name into
 * the session, as the example's login servlet does after checking a password.
 */
public final class TestLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("username");
        if (user == null || !user.matches("[a-z0-9-]{1,40}")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        if (request.getSession(false) != null) {
            request.getSession().invalidate();
        }
        request.getSession(true).setAttribute("user", user);
        response.sendRedirect(request.getContextPath() + "/account");
    }
}
