package io.github.email2fa.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Every path of the module and every JSP it forwards to, named once. The module's servlet is
 * mapped to {@code /email2fa/*}; a route is the path inside it, as {@code getPathInfo()} gives it.
 * Which handler answers which route is decided in {@link Email2faServlet}'s table.
 */
final class Routes {

    /** The servlet path every route sits under. */
    static final String PREFIX = "/email2fa";
    /** The servlet's mapping. */
    static final String MAPPING = PREFIX + "/*";

    /** GET: the challenge page; the first view of a flow sends its first code. */
    static final String CHALLENGE = "/challenge";
    /** POST: an emailed code. */
    static final String VERIFY = "/verify";
    /** POST: a backup code. */
    static final String BACKUP = "/backup";
    /** POST: a code from an authenticator app. */
    static final String APP = "/app";
    /** POST: a passkey's answer (field {@code credential}). */
    static final String PASSKEY = "/passkey";
    /** POST: the options for the browser's passkey dialogue, as JSON; the sign-in challenge goes into the session. */
    static final String PASSKEY_OPTIONS = "/passkey/options";
    /** POST: a new emailed code. */
    static final String RESEND = "/resend";
    /** POST: end the flow and sign out. */
    static final String CANCEL = "/cancel";
    /** GET: the "set up 2FA?" page of the {@code recommended} policy; POST: "not now". */
    static final String RECOMMEND = "/recommend";
    /** GET: the settings page; POST: a change on it. */
    static final String SETTINGS = "/settings";

    /** GET: the pages' script that drops a second submit of a form; anyone may load it. */
    static final String SUBMIT_ONCE_SCRIPT = "/submit-once.js";
    /** GET: the pages' script that runs the browser's passkey dialogue; anyone may load it. */
    static final String PASSKEY_SCRIPT = "/passkey.js";

    /** Every route above: the only paths under {@link #PREFIX} the filter leaves to the servlet. */
    private static final Set<String> ALL = Set.of(CHALLENGE, VERIFY, BACKUP, APP, PASSKEY, PASSKEY_OPTIONS, RESEND, CANCEL,
            RECOMMEND, SETTINGS, SUBMIT_ONCE_SCRIPT, PASSKEY_SCRIPT);

    /** The settings page. */
    static final String SETTINGS_JSP = "/WEB-INF/email2fa/settings.jsp";
    /** The "set up 2FA?" page. */
    static final String RECOMMEND_JSP = "/WEB-INF/email2fa/recommend.jsp";
    /** A short message with a link to go on, such as "backup codes left". */
    static final String MESSAGE_JSP = "/WEB-INF/email2fa/message.jsp";

    private Routes() {
    }

    /** The address of a route for links and redirects: context path, prefix and route. */
    static String url(HttpServletRequest request, String route) {
        return request.getContextPath() + PREFIX + route;
    }

    /**
     * Whether a request path ({@code servletPath + pathInfo}) is one of the module's routes, which
     * guard themselves. Any other path under {@link #PREFIX}, such as an application's own servlet
     * mapped there, is guarded by the filter like the rest of the application.
     */
    static boolean isModulePath(String path) {
        return path.startsWith(PREFIX) && path.length() > PREFIX.length() && path.charAt(PREFIX.length()) == '/'
                && ALL.contains(path.substring(PREFIX.length()));
    }
}
