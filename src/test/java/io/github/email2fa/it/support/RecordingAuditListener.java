package io.github.email2fa.it.support;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit listener named in {@code email2fa.audit.listener}, as an application's SIEM feed would be. */
public final class RecordingAuditListener implements AuditListener {

    private static final List<AuditEvent> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(AuditEvent event) {
        EVENTS.add(event);
    }

    /** Every event received since the application started. */
    public static List<AuditEvent> events() {
        return EVENTS;
    }
}
