package io.github.email2fa.event;

/**
 * Receives every audit event. Implement it to feed a SIEM or an alerting system, and name the
 * class in {@code email2fa.audit.listener} or list it in
 * {@code META-INF/services/io.github.email2fa.event.AuditListener}. With CDI, an observer of
 * {@link AuditEvent} gets them too, without implementing this.
 *
 * <p>Called on request and mail threads; must be thread-safe and quick.
 */
@FunctionalInterface
public interface AuditListener {

    /** Called once per event. */
    void onEvent(AuditEvent event);
}
