package io.github.email2fa.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * A legacy login servlet: it checks the password and puts the user name into the session as
 * {@code user}. It knows nothing about the second factor.
 */
public final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String USER_ATTRIBUTE = "user";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        form(request, response, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DemoUsers.User user = DemoUsers.authenticate(request.getParameter("username"), request.getParameter("password"));
        if (user == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            form(request, response, "Wrong user name or password.");
            return;
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(USER_ATTRIBUTE, user.name());
        response.sendRedirect(request.getContextPath() + "/account");
    }

    private static void form(HttpServletRequest request, HttpServletResponse response, String error) throws IOException {
        PrintWriter out = Page.open(request, response, "Sign in");
        if (error != null) {
            out.println("<p class=\"error\">" + Page.escape(error) + "</p>");
        }
        out.println("<form method=\"post\" action=\"login\">"
                + "<label for=\"username\">User name</label><input id=\"username\" name=\"username\" autocomplete=\"username\">"
                + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">"
                + "<button type=\"submit\">Sign in</button></form>"
                + "<p class=\"hint\">Demo users: alice / alice and bob / bob. Codes arrive in the <a href=\"" + Page.escape(request.getContextPath()) + "/dev/mailbox\">development mailbox</a>.</p>");
        Page.close(out);
    }
}
