package io.github.email2fa.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.email2fa.event.AuditEvent.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Covers {@link AuditEvents}: every listener gets every event, whatever the others do. */
class AuditEventsTest {

    private static final AuditEvent EVENT = new AuditEvent(Type.LOCKED_OUT, "alice", null, null, null, "failure_threshold",
            null, Instant.parse("2025-03-01T09:00:00Z"));

    @Test
    void publishWhenListenerThrowsThenLaterListenersStillCalled() {
        List<AuditEvent> received = new ArrayList<>();
        AuditEvents events = new AuditEvents(List.of(
                event -> {
                    throw new IllegalStateException("SIEM down");
                },
                event -> {
                    throw new NoClassDefFoundError("com/example/Siem");
                },
                received::add));

        events.publish(EVENT);

        assertEquals(List.of(EVENT), received);
    }

    @Test
    void publishWhenSeveralListenersThenCalledInOrder() {
        List<String> calls = new ArrayList<>();
        AuditEvents events = new AuditEvents(List.of(event -> calls.add("first"), event -> calls.add("second")));

        events.publish(EVENT);
        events.publish(EVENT);

        assertEquals(List.of("first", "second", "first", "second"), calls);
    }
}
