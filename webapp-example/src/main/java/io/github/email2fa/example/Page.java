package io.github.email2fa.example;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;

/** Writes the example's plain HTML pages. */
final class Page {

    private Page() {
    }

    /** The signed-in user (the login servlet's session attribute, else the container login), or {@code null} after redirecting to the login page. */
    static String signedInUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(LoginServlet.USER_ATTRIBUTE);
        if (user == null && request.getUserPrincipal() != null) {
            // Deployed with container login (FORM or BASIC) instead of the login servlet.
            user = request.getUserPrincipal().getName();
        }
        if (user == null) {
            response.sendRedirect(request.getContextPath() + "/login");
            return null;
        }
        return user.toString();
    }

    static PrintWriter open(HttpServletRequest request, HttpServletResponse response, String title) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>" + escape(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + escape(request.getContextPath()) + "/static/site.css\"></head><body><main>");
        out.println("<h1>" + escape(title) + "</h1>");
        return out;
    }

    static void close(PrintWriter out) {
        out.println("</main></body></html>");
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
