package io.github.email2fa.example.dev;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Starts an embedded SMTP server (GreenMail) on the loopback interface, so the example runs
 * without a real mail server. Its port comes from the context param {@code example.devSmtp.port}.
 * Development only: never deploy this listener to production.
 */
public final class DevMailServer implements ServletContextListener {

    static final String ATTRIBUTE = DevMailServer.class.getName();
    private static final Logger LOG = Logger.getLogger(DevMailServer.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String configured = context.getInitParameter("example.devSmtp.port");
        int port = configured == null ? 3025 : Integer.parseInt(configured.strip());
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            server.start();
            context.setAttribute(ATTRIBUTE, server);
            LOG.warning("example: development SMTP server listening on 127.0.0.1:" + port
                    + "; received mail is readable by anyone at /dev/mailbox. Never run this in production.");
        } catch (RuntimeException e) {
            LOG.warning("example: development SMTP server could not start on port " + port + ": " + e.getMessage());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(ATTRIBUTE) instanceof GreenMail server) {
            server.stop();
        }
    }
}
