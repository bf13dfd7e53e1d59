package io.github.email2fa.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** A protected page of the legacy application: it only checks its own login. */
public final class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = Page.signedInUser(request, response);
        if (user == null) {
            return;
        }
        PrintWriter out = Page.open(request, response, "Your account");
        out.println("<p id=\"signed-in\">Signed in as <strong>" + Page.escape(user) + "</strong>.</p>");
        out.println("<ul><li><a id=\"settings\" href=\"" + Page.escape(request.getContextPath()) + "/email2fa/settings\">Sign-in codes and backup codes</a></li>"
                + "<li><a id=\"delete\" href=\"" + Page.escape(request.getContextPath()) + "/account/delete\">Delete my account</a> (asks for a fresh code)</li>"
                + "<li><a href=\"" + Page.escape(request.getContextPath()) + "/logout\">Sign out</a></li></ul>");
        Page.close(out);
    }
}
