package io.github.email2fa.event;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Hands each event to every listener; a failing listener is logged and never breaks a sign-in. */
public final class AuditEvents {

    private static final Logger LOG = Logger.getLogger(AuditEvents.class.getName());

    private final List<AuditListener> listeners;

    /** @param listeners called in this order */
    public AuditEvents(List<AuditListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Delivers the event to every listener. */
    public void publish(AuditEvent event) {
        for (AuditListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "email2fa: audit listener " + listener.getClass().getName() + " failed on "
                        + event.type().key() + ": " + e);
            }
        }
    }
}
