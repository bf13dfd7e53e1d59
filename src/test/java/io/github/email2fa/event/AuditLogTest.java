package io.github.email2fa.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.email2fa.event.AuditEvent.Type;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/** Covers {@link AuditLog}: one line per event on the audit logger, at a level that says whether to look. */
class AuditLogTest {

    private final Logger logger = Logger.getLogger("io.github.email2fa.audit");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    private static AuditEvent event(Type type) {
        return new AuditEvent(type, "alice", "a•••@example.com", "198.51.100.7", null, null, null,
                Instant.parse("2025-03-01T09:00:00Z"));
    }

    @Test
    void loggerNameWhenReadThenAuditLoggerName() {
        assertEquals("io.github.email2fa.audit", AuditLog.LOGGER_NAME);
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"LOCKED_OUT", "RATE_LIMITED", "SEND_FAILED", "CHALLENGE_EXHAUSTED"})
    void onEventWhenPossibleAttackOrOutageThenWarning(Type type) {
        new AuditLog().onEvent(event(type));

        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals("io.github.email2fa.audit", records.get(0).getLoggerName());
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, mode = Mode.EXCLUDE,
            names = {"LOCKED_OUT", "RATE_LIMITED", "SEND_FAILED", "CHALLENGE_EXHAUSTED"})
    void onEventWhenNormalCourseThenInfo(Type type) {
        new AuditLog().onEvent(event(type));

        assertEquals(1, records.size());
        assertEquals(Level.INFO, records.get(0).getLevel());
    }

    @Test
    void onEventWhenVerifiedThenMessageIsTheLogLine() {
        AuditEvent verified = event(Type.VERIFIED);

        new AuditLog().onEvent(verified);

        assertEquals(Level.INFO, records.get(0).getLevel());
        assertEquals(verified.toLogLine(), records.get(0).getMessage());
    }
}
