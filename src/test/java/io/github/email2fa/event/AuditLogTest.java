package io.github.email2fa.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.email2fa.support.LogCapture;
import io.github.email2fa.event.AuditEvent.Type;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/** Covers {@link AuditLog}: one line per event on the audit logger, at a level that says whether to look. */
class AuditLogTest {

    @RegisterExtension
    final LogCapture log = new LogCapture("io.github.email2fa.audit");

    private static AuditEvent event(Type type) {
        return new AuditEvent(type, "alice", "a•••@example.com", "198.51.100.7", null, null, null,
                Instant.parse("2025-03-01T09:00:00Z"));
    }

    @Test
    void loggerNameWhenReadThenAuditLoggerName() {
        assertEquals("io.github.email2fa.audit", AuditLog.LOGGER_NAME);
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"LOCKED_OUT", "RATE_LIMITED", "SEND_FAILED", "CHALLENGE_EXHAUSTED", "TWO_FACTOR_DISABLED", "SESSION_ID_REJECTED"})
    void onEventWhenPossibleAttackOrOutageThenWarning(Type type) {
        new AuditLog().onEvent(event(type));

        assertEquals(1, log.records().size());
        assertEquals(Level.WARNING, log.records().get(0).getLevel());
        assertEquals("io.github.email2fa.audit", log.records().get(0).getLoggerName());
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, mode = Mode.EXCLUDE,
            names = {"LOCKED_OUT", "RATE_LIMITED", "SEND_FAILED", "CHALLENGE_EXHAUSTED", "TWO_FACTOR_DISABLED", "SESSION_ID_REJECTED"})
    void onEventWhenNormalCourseThenInfo(Type type) {
        new AuditLog().onEvent(event(type));

        assertEquals(1, log.records().size());
        assertEquals(Level.INFO, log.records().get(0).getLevel());
    }

    @Test
    void onEventWhenVerifiedThenMessageIsTheLogLine() {
        AuditEvent verified = event(Type.VERIFIED);

        new AuditLog().onEvent(verified);

        assertEquals(Level.INFO, log.records().get(0).getLevel());
        assertEquals(verified.toLogLine(), log.records().get(0).getMessage());
    }
}
