package io.github.email2fa.it.support;

import io.github.email2fa.Email2fa;
import io.github.email2fa.account.JdbcAccountStore;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.support.AccountStatus;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Test-only window into the running application: the JMX counters, the events a CDI observer
 * and a named listener received, the session cookie's settings, the support API, the rows an
 * account's authenticator app left in the account store, and a way to flood the challenge cache.
 * Never part of a real WAR.
 */
public final class ProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        PrintWriter out = response.getWriter();
        switch (String.valueOf(request.getPathInfo())) {
            case "/jmx" -> jmx(request, out);
            case "/events" -> {
                for (AuditEvent event : CDI.current().select(AuditRecorder.class).get().events()) {
                    out.println(event.toLogLine());
                }
            }
            case "/listener-events" -> {
                for (AuditEvent event : RecordingAuditListener.events()) {
                    out.println(event.toLogLine());
                }
            }
            case "/session-cookie" -> out.println("SameSite=" + getServletContext().getSessionCookieConfig().getAttribute("SameSite"));
            case "/status" -> {
                AccountStatus status = Email2fa.from(getServletContext()).support().status(request.getParameter("subject"));
                out.println("locked=" + status.locked());
                out.println("untilSupport=" + status.untilSupport());
                out.println("failuresInWindow=" + status.failuresInWindow());
                out.println("consecutiveFailures=" + status.consecutiveFailures());
                out.println("pendingChallenges=" + status.pendingChallenges());
                out.println("sendsInWindow=" + status.sendsInWindow());
            }
            case "/app" -> out.println(appRows(request.getParameter("subject")));
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /**
     * What the JDBC account store (on the default DataSource) holds of a user's authenticator app,
     * read past the module: {@code rows=} any row at all, {@code confirmed=} confirmed ones.
     */
    private static String appRows(String subject) {
        try {
            DataSource source = (DataSource) new InitialContext().lookup(JdbcAccountStore.DEFAULT_DATASOURCE);
            try (Connection connection = source.getConnection();
                    PreparedStatement query = connection.prepareStatement(
                            "SELECT COUNT(*), COUNT(confirmed_at) FROM email2fa_authenticator WHERE subject = ?")) {
                query.setString(1, subject);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return "rows=" + row.getInt(1) + " confirmed=" + row.getInt(2);
                }
            }
        } catch (NamingException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Email2fa module = Email2fa.from(getServletContext());
        response.setContentType("text/plain");
        switch (String.valueOf(request.getPathInfo())) {
            case "/unlock" -> response.getWriter().println(module.support().unlock(request.getParameter("subject"), "probe"));
            case "/password-changed" -> {
                module.passwordChanged(request.getParameter("subject"));
                response.getWriter().println("ok");
            }
            case "/fill" -> {
                int count = Integer.parseInt(request.getParameter("count"));
                for (int i = 0; i < count; i++) {
                    module.challenges().issue("flood-flow-" + i, "flood-" + i);
                }
                response.getWriter().println(count);
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private static void jmx(HttpServletRequest request, PrintWriter out) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String app = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
            ObjectName name = new ObjectName("io.github.email2fa:type=Stats,app=" + ObjectName.quote(app));
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                out.println(attribute.getName() + "=" + server.getAttribute(name, attribute.getName()));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
