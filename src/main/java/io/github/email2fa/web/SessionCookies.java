package io.github.email2fa.web;

import io.github.email2fa.config.SessionSettings;
import io.github.email2fa.config.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.util.logging.Logger;

/**
 * Checks the session cookie at start-up (OWASP ASVS 4.0.3 §3.4): gives it a {@code SameSite}
 * attribute when the application set none, and warns when it is not {@code Secure} although HTTPS
 * is required, or not {@code HttpOnly}. Also warns when session IDs in URLs are accepted.
 */
final class SessionCookies {

    private static final Logger LOG = Logger.getLogger(SessionCookies.class.getName());
    private static final String SAME_SITE = "SameSite";

    private SessionCookies() {
    }

    /**
     * Applies the settings to the application's session cookie. Runs while the application
     * deploys, before its context is initialized, which is when Servlet 6.0 lets the cookie be set.
     */
    static void configure(ServletContext context, Settings settings) {
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        SessionSettings session = settings.session();
        String app = "[" + context.getContextPath() + "/] ";
        if (!SessionSettings.KEEP.equals(session.sameSite()) && cookie.getAttribute(SAME_SITE) == null) {
            try {
                cookie.setAttribute(SAME_SITE, session.sameSite());
            } catch (IllegalStateException | UnsupportedOperationException e) {
                LOG.warning("email2fa: " + app + "could not give the session cookie SameSite=" + session.sameSite() + " (" + e
                        + "); set it in web.xml: <session-config><cookie-config><attribute><attribute-name>SameSite"
                        + "</attribute-name><attribute-value>Lax</attribute-value></attribute></cookie-config></session-config>");
            }
        }
        if (settings.requireHttps() && !cookie.isSecure()) {
            LOG.warning("email2fa: " + app + "email2fa.requireHttps=true, but the session cookie is not marked Secure, so a"
                    + " browser may send it over plain HTTP: set <secure>true</secure> in <session-config><cookie-config>");
        }
        if (!cookie.isHttpOnly()) {
            LOG.warning("email2fa: " + app + "the session cookie is not HttpOnly, so scripts can read it: set"
                    + " <http-only>true</http-only> in <session-config><cookie-config>");
        }
        if (!session.rejectUrlIds()) {
            LOG.warning("email2fa: " + app + "email2fa.session.rejectUrlIds=false: session IDs in URLs (;jsessionid=) are accepted,"
                    + " and they leak through links, logs and Referer headers (OWASP ASVS 4.0.3 3.1.1)");
        }
    }
}
