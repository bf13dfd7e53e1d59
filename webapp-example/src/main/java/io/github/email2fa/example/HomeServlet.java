package io.github.email2fa.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** The example's start page. */
public final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = Page.open(request, response, "email2fa example");
        out.println("<p>A legacy web application with its own login servlet. The email2fa filter adds an emailed code "
                + "after the login, configured in web.xml only.</p>"
                + "<ul><li><a href=\"account\">Your account</a> (protected)</li>"
                + "<li><a href=\"login\">Sign in</a> as alice / alice or bob / bob</li>"
                + "<li><a href=\"dev/mailbox\">Development mailbox</a>: the emails the embedded SMTP server received</li></ul>");
        Page.close(out);
    }
}
