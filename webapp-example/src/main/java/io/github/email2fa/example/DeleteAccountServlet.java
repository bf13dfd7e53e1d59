package io.github.email2fa.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * A critical operation: web.xml lists its path in {@code email2fa.stepUp.paths}, so email2fa asks
 * for a fresh code before this servlet runs. The servlet itself knows nothing about that.
 */
public final class DeleteAccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = Page.signedInUser(request, response);
        if (user == null) {
            return;
        }
        PrintWriter out = Page.open(request, response, "Delete your account");
        out.println("<p id=\"confirm-delete\">You confirmed it is you, " + Page.escape(user)
                + ". In a real application this page would now delete the account (the demo keeps it).</p>");
        out.println("<p><a href=\"" + Page.escape(request.getContextPath()) + "/account\">Back to your account</a></p>");
        Page.close(out);
    }
}
