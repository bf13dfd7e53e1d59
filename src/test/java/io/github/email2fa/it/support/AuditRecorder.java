package io.github.email2fa.it.support;

import io.github.email2fa.event.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CDI bean in the test application that observes the module's audit events, as an application would. */
@ApplicationScoped
public class AuditRecorder {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    void record(@Observes AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> events() {
        return events;
    }
}
