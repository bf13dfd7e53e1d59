package io.github.email2fa.web;

import io.github.email2fa.config.SessionSettings;
import io.github.email2fa.config.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks the session cookie at start-up (OWASP ASVS 4.0.3 §3.4): gives it a {@code SameSite}
 * attribute when the application set none, and warns when it is not {@code Secure} although HTTPS
 * is required, or not {@code HttpOnly}. Also warns when session IDs in URLs are accepted.
 */
final class SessionCookies {

    private static final Logger LOG = Logger.getLogger(SessionCookies.class.getName());
    private static final String SAME_SITE = "SameSite";
    /** The session cookie's name where the application set none (Servlet 6.0 §7.1.1). */
    private static final String DEFAULT_NAME = "JSESSIONID";

    private SessionCookies() {
    }

    /**
     * What puts the configured {@code SameSite} into the session cookie's header where the
     * container leaves it out; call it after {@link #configure}.
     */
    static SameSiteCookies headers(ServletContext context, Settings settings) {
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        String name = cookie.getName() == null || cookie.getName().isBlank() ? DEFAULT_NAME : cookie.getName();
        return headers(name, cookie.getAttribute(SAME_SITE), settings);
    }

    /** The same, for a session cookie of the default name whose configuration set no {@code SameSite}. */
    static SameSiteCookies headers(Settings settings) {
        return headers(DEFAULT_NAME, null, settings);
    }

    /** @param configured the cookie configuration's {@code SameSite}, or {@code null} */
    private static SameSiteCookies headers(String name, String configured, Settings settings) {
        String sameSite = settings.session().sameSite();
        if (SessionSettings.KEEP.equals(sameSite)) {
            return new SameSiteCookies(name, null);
        }
        return new SameSiteCookies(name, configured != null ? configured : sameSite);
    }

    /**
     * The {@code SameSite} value the application's {@code WEB-INF/web.xml} gives the session cookie
     * ({@code <session-config><cookie-config><attribute>}), or {@code null}. DTDs are refused, so
     * reading it fetches nothing.
     */
    static String declaredInWebXml(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (in == null) {
                return null;
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            NodeList configs = factory.newDocumentBuilder().parse(in).getElementsByTagName("cookie-config");
            for (int i = 0; i < configs.getLength(); i++) {
                NodeList attributes = ((Element) configs.item(i)).getElementsByTagName("attribute");
                for (int j = 0; j < attributes.getLength(); j++) {
                    Element attribute = (Element) attributes.item(j);
                    if (SAME_SITE.equalsIgnoreCase(text(attribute, "attribute-name"))) {
                        return text(attribute, "attribute-value");
                    }
                }
            }
            return null;
        } catch (IOException | ParserConfigurationException | SAXException | RuntimeException e) {
            LOG.fine("email2fa: could not read WEB-INF/web.xml for the session cookie: " + e);
            return null;
        }
    }

    private static String text(Element parent, String tag) {
        NodeList found = parent.getElementsByTagName(tag);
        return found.getLength() == 0 ? null : found.item(0).getTextContent().strip();
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
            // Some containers (Payara, GlassFish) do not read the attribute from web.xml: the application's own value wins.
            String declared = declaredInWebXml(context);
            try {
                cookie.setAttribute(SAME_SITE, declared != null ? declared : session.sameSite());
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
