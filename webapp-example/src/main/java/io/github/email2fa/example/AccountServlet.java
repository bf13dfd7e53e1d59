package io.github.email2fa.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;

/** A protected page of the legacy application: it only checks its own login. */
public final class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(LoginServlet.USER_ATTRIBUTE);
        if (user == null) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        PrintWriter out = Page.open(request, response, "Your account");
        out.println("<p id=\"signed-in\">Signed in as <strong>" + Page.escape(user.toString()) + "</strong>.</p>");
        out.println("<p><a href=\"logout\">Sign out</a></p>");
        Page.close(out);
    }
}
