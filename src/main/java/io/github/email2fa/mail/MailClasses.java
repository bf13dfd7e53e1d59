package io.github.email2fa.mail;

/**
 * Checks at deployment that Jakarta Mail can send: its API, Jakarta Activation, and an SMTP
 * provider (Eclipse Angus). Full platforms (Payara, GlassFish, WildFly) ship them; Tomcat and Jetty
 * do not, and without this check the first code email would fail with a bare
 * {@code NoClassDefFoundError}.
 *
 * <p>This class names no Jakarta Mail type, so it loads where the classes are missing.
 */
public final class MailClasses {

    /** The jars a server without Jakarta Mail needs, named as an operator searches for them. */
    public static final String JARS = "jakarta.mail-api-2.1.5.jar, angus-mail-2.0.5.jar, jakarta.activation-api-2.1.4.jar "
            + "and angus-activation-2.0.3.jar";

    private MailClasses() {
    }

    /**
     * Checks that this application's class loader sees Jakarta Mail with an SMTP provider.
     *
     * @throws IllegalStateException naming what is missing and the jars to add, and where
     */
    public static void require(ClassLoader loader) {
        try {
            Class.forName("jakarta.mail.Session", false, loader);
            Class.forName("jakarta.activation.DataHandler", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw missing("the Jakarta Mail classes are missing (" + e + ")", e);
        }
        // Only now may a class that names Jakarta Mail types be loaded.
        String problem = SmtpProviderCheck.problem();
        if (problem != null) {
            throw missing("Jakarta Mail has no SMTP implementation (" + problem + ")", null);
        }
    }

    private static IllegalStateException missing(String what, Throwable cause) {
        return new IllegalStateException(what + ". This server does not provide Jakarta Mail (Tomcat and Jetty do not): add "
                + JARS + " to the server's library folder (Tomcat: $CATALINA_BASE/lib; Jetty: $JETTY_BASE/lib/ext) "
                + "or to the application's WEB-INF/lib, then restart.", cause);
    }
}
