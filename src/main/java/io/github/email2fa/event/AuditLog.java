package io.github.email2fa.event;

import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes each event as one structured line to the JUL logger {@code io.github.email2fa.audit}:
 * INFO for the normal course, WARNING for what may be an attack or an outage.
 */
public final class AuditLog implements AuditListener {

    /** The logger name, for routing audit lines to a file or collector of their own. */
    public static final String LOGGER_NAME = "io.github.email2fa.audit";

    private static final Logger LOG = Logger.getLogger(LOGGER_NAME);
    private static final Set<AuditEvent.Type> WARNINGS = EnumSet.of(AuditEvent.Type.SEND_FAILED,
            AuditEvent.Type.CHALLENGE_EXHAUSTED, AuditEvent.Type.RATE_LIMITED, AuditEvent.Type.LOCKED_OUT,
            // Turning codes off is the first thing someone who took over an account does.
            AuditEvent.Type.TWO_FACTOR_DISABLED,
            // A session ID in a URL has leaked or is being replayed.
            AuditEvent.Type.SESSION_ID_REJECTED);

    @Override
    public void onEvent(AuditEvent event) {
        Level level = WARNINGS.contains(event.type()) ? Level.WARNING : Level.INFO;
        if (LOG.isLoggable(level)) {
            LOG.log(level, event.toLogLine());
        }
    }
}
