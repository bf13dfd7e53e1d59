package io.github.email2fa.cdi;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditListener;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Fires audit events as CDI events, so an application bean can {@code @Observes AuditEvent}.
 * Created only through {@link CdiBeans#eventBridge(ClassLoader)}, after CDI was found.
 */
final class CdiEvents implements AuditListener {

    @Override
    public void onEvent(AuditEvent event) {
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException noContainer) {
            // No CDI container for this application or this thread; the log line still records the event.
            return;
        }
        cdi.getBeanManager().getEvent().select(AuditEvent.class).fire(event);
    }
}
