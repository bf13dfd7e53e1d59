package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.address.EmailAddresses;
import io.github.email2fa.support.AccountStatus;
import io.github.email2fa.support.AccountSupport;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.TimeFormat;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.Principal;
import java.time.Duration;

/**
 * A small support page: look up an account, unlock it, end its pending codes, or send a test
 * email. Not registered automatically; map it yourself, and set {@code email2fa.admin.role}:
 *
 * <pre>{@code
 * <servlet>
 *     <servlet-name>email2fa-admin</servlet-name>
 *     <servlet-class>io.github.email2fa.web.AdminServlet</servlet-class>
 * </servlet>
 * <servlet-mapping>
 *     <servlet-name>email2fa-admin</servlet-name>
 *     <url-pattern>/admin/email2fa</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * <p>Only users in that role get in (everyone else gets 403), the email2fa filter makes them
 * pass the second factor first, and every POST needs the session's CSRF token.
 */
public final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Email2fa module = Email2fa.from(getServletContext());
        if (refused(module.settings().adminRole(), request, response)) {
            return;
        }
        String subject = trimmed(request.getParameter("subject"));
        page(module.support(), request, response, subject, null, false);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Email2fa module = Email2fa.from(getServletContext());
        if (refused(module.settings().adminRole(), request, response)) {
            return;
        }
        if (!Csrf.isValid(request)) {
            Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, "The form has expired or did not come from this site. Reload the page.");
            return;
        }
        AccountSupport support = module.support();
        String subject = trimmed(request.getParameter("subject"));
        String action = String.valueOf(request.getParameter("action"));
        String result;
        boolean failed = false;
        if ("testEmail".equals(action)) {
            String address = trimmed(request.getParameter("address"));
            if (!EmailAddresses.isPlausible(address)) {
                Responses.plain(response, HttpServletResponse.SC_BAD_REQUEST, "Enter one email address, such as someone@example.com.");
                return;
            }
            String error = support.sendTestEmail(address);
            failed = error != null;
            result = failed ? "Test email FAILED: " + error : "Test email sent: the mail server accepted it.";
        } else if (subject == null) {
            Responses.plain(response, HttpServletResponse.SC_BAD_REQUEST, "Name an account.");
            return;
        } else if ("unlock".equals(action)) {
            result = support.unlock(subject, "admin:" + adminName(request)) ? "Unlocked " + subject + "." : subject + " was not locked; its failures were cleared.";
        } else if ("cancel".equals(action)) {
            result = "Ended " + support.cancelChallenges(subject) + " pending code(s) of " + subject + ".";
        } else {
            Responses.plain(response, HttpServletResponse.SC_BAD_REQUEST, "Unknown action.");
            return;
        }
        page(support, request, response, subject, result, failed);
    }

    private static boolean refused(String role, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (role == null) {
            Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, "The email2fa admin page is off: set email2fa.admin.role to enable it.");
            return true;
        }
        if (!request.isUserInRole(role)) {
            Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, "You do not have the role needed for this page.");
            return true;
        }
        return false;
    }

    /**
     * Writes the page: a {@code main} landmark, every field with its label, and the outcome of a POST
     * announced to screen readers (an alert when it failed, a status otherwise).
     */
    private static void page(AccountSupport support, HttpServletRequest request, HttpServletResponse response, String subject,
            String result, boolean failed) throws IOException {
        Responses.noStore(response);
        response.setHeader("Content-Security-Policy", PageRenderer.CONTENT_SECURITY_POLICY);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        String csrf = Html.escape(Csrf.token(request.getSession()));
        String action = Html.escape(request.getContextPath() + request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>email2fa support</title>"
                + "<style>body { font-family: system-ui, sans-serif; margin: 1rem; } th, caption { text-align: start; padding-inline-end: 1rem; }"
                + " #result { overflow-wrap: anywhere; }"
                + " input, button { font-size: 1rem; margin: .25rem 0; } input { max-width: 100%; }</style></head><body><main>");
        out.println("<h1>email2fa support</h1>");
        if (result != null) {
            out.println("<p id=\"result\" role=\"" + (failed ? "alert" : "status") + "\">" + Html.escape(result) + "</p>");
        }
        out.println("<form method=\"get\" action=\"" + action + "\"><label for=\"subject\">Account</label> <input id=\"subject\" name=\"subject\""
                + " autocomplete=\"off\" value=\"" + Html.escape(subject == null ? "" : subject) + "\"> <button type=\"submit\">Look up</button></form>");
        if (subject != null) {
            AccountStatus status = support.status(subject);
            out.println("<table id=\"status\"><caption>Status of " + Html.escape(subject) + "</caption>"
                    + row("Locked", status.locked() ? (status.untilSupport() ? "yes, until unlocked here" : "yes, for " + minutes(status.lockedFor())) : "no")
                    + row("Wrong codes in window", String.valueOf(status.failuresInWindow()))
                    + row("Wrong codes in a row", String.valueOf(status.consecutiveFailures()))
                    + row("Pending codes", String.valueOf(status.pendingChallenges()))
                    + row("Codes sent (window / 24 h)", status.sendsInWindow() + " / " + status.sendsToday())
                    + "</table>");
            for (String[] button : new String[][] {{"unlock", "Unlock"}, {"cancel", "End pending codes"}}) {
                out.println("<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"csrf\" value=\"" + csrf + "\">"
                        + "<input type=\"hidden\" name=\"subject\" value=\"" + Html.escape(subject) + "\">"
                        + "<input type=\"hidden\" name=\"action\" value=\"" + button[0] + "\">"
                        + "<button type=\"submit\">" + button[1] + "</button></form>");
            }
        }
        out.println("<h2>Mail settings</h2><form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"csrf\" value=\"" + csrf + "\">"
                + "<input type=\"hidden\" name=\"action\" value=\"testEmail\"><label for=\"address\">Send a test email to</label>"
                + " <input id=\"address\" name=\"address\" type=\"email\" autocomplete=\"email\"> <button type=\"submit\">Send</button></form>");
        out.println("</main></body></html>");
    }

    private static String row(String label, String value) {
        return "<tr><th scope=\"row\">" + Html.escape(label) + "</th><td>" + Html.escape(value) + "</td></tr>";
    }

    private static String minutes(Duration duration) {
        return duration == null ? "?" : TimeFormat.wholeMinutes(duration) + " min";
    }

    private static String adminName(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? "unknown" : principal.getName();
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
