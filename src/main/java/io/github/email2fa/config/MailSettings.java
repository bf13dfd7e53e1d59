package io.github.email2fa.config;

import java.time.Duration;

/**
 * How code emails leave the server: through a JNDI mail session, or straight over SMTP.
 *
 * @param jndiName JNDI name of a container-managed {@code jakarta.mail.Session}, or {@code null}
 * @param host SMTP host, or {@code null} when {@code jndiName} is set
 * @param port SMTP port
 * @param tls transport security
 * @param user SMTP user, or {@code null} for no authentication
 * @param password SMTP password, or {@code null}
 * @param from the From address, or {@code null} to use the mail session's default
 * @param timeout connect and read timeout
 */
public record MailSettings(
        String jndiName,
        String host,
        int port,
        TlsMode tls,
        String user,
        String password,
        String from,
        Duration timeout) {

    /** Transport security of the SMTP connection. */
    public enum TlsMode {
        /** Plain SMTP; only for a relay on the same host or in tests. */
        NONE(25),
        /** Plain connect, then a required STARTTLS upgrade. */
        STARTTLS(587),
        /** TLS from the first byte (implicit TLS). */
        SMTPS(465);

        private final int defaultPort;

        TlsMode(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The usual port for this mode. */
        public int defaultPort() {
            return defaultPort;
        }
    }

    /** This record without its password, for log lines; with a mail session, only what is used. */
    @Override
    public String toString() {
        if (jndiName != null) {
            // The session brings its own server settings; email2fa.smtp.* values are then unused.
            return "MailSettings[jndiName=" + jndiName + ", from=" + from + "]";
        }
        return "MailSettings[jndiName=" + jndiName + ", host=" + host + ", port=" + port
                + ", tls=" + tls.name().toLowerCase(java.util.Locale.ROOT) + ", user=" + user
                + ", password=" + (password == null ? null : "****") + ", from=" + from
                + ", timeout=" + timeout + "]";
    }
}
