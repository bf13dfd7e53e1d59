package io.github.email2fa.example.dev;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Shows every email the development SMTP server received, newest first. Development only.
 *
 * <p>The servlet names no Jakarta Mail type ({@link ReceivedMail} does), so servers that scan it for
 * annotations can load it even where Jakarta Mail is missing; the deployment then fails with
 * email2fa's own message, which names the jars to add.
 */
public final class DevMailboxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Development mailbox</title>"
                + "<meta http-equiv=\"refresh\" content=\"5\">"
                + "<link rel=\"stylesheet\" href=\"" + escape(request.getContextPath()) + "/static/site.css\"></head><body><main class=\"wide\">"
                + "<h1>Development mailbox</h1><p class=\"hint\">Every email the embedded SMTP server received, newest first. "
                + "This page exists only in the example, for reading demo codes.</p>");
        out.println(ReceivedMail.html(getServletContext().getAttribute(DevMailServer.ATTRIBUTE)));
        out.println("</main></body></html>");
    }

    static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

