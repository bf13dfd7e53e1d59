package io.github.email2fa.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link AuditEvent#toLogLine()}: one parseable line, whatever a user name holds. */
class AuditEventTest {

    private static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");

    private static AuditEvent failedBy(String subject) {
        return new AuditEvent(Type.VERIFY_FAILED, subject, null, null, null, null, null, AT);
    }

    @Test
    void toLogLineWhenAllFieldsSetThenKeyValuePairsInOrder() {
        AuditEvent event = new AuditEvent(Type.VERIFY_FAILED, "alice", "a•••@example.com", "198.51.100.7", "3f9a1c",
                "wrong_code", null, AT);

        assertEquals("event=verify_failed subject=alice email=a•••@example.com ip=198.51.100.7 session=3f9a1c"
                + " reason=wrong_code at=2025-03-01T09:00:00Z", event.toLogLine());
    }

    @Test
    void toLogLineWhenFieldsNullThenOmitted() {
        AuditEvent event = new AuditEvent(Type.UNLOCKED, "alice", null, null, null, "by:helpdesk", null, AT);

        assertEquals("event=unlocked subject=alice reason=by:helpdesk at=2025-03-01T09:00:00Z", event.toLogLine());
    }

    @Test
    void toLogLineWhenSinceSentSetThenMillisIncluded() {
        AuditEvent event = new AuditEvent(Type.VERIFIED, "alice", null, null, null, null, Duration.ofMillis(12_345), AT);

        assertEquals("event=verified subject=alice sinceSentMs=12345 at=2025-03-01T09:00:00Z", event.toLogLine());
    }

    @Test
    void toLogLineWhenSinceSentNullThenNoMillisKey() {
        assertFalse(failedBy("alice").toLogLine().contains("sinceSentMs"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("subjects")
    void toLogLineWhenSubjectNeedsQuotingThenQuotedAndEscaped(String subject, String expected) {
        assertEquals("event=verify_failed " + expected + " at=2025-03-01T09:00:00Z", failedBy(subject).toLogLine());
    }

    static Stream<Arguments> subjects() {
        return Stream.of(
                Arguments.of("alice", "subject=alice"),
                Arguments.of("alice smith", "subject=\"alice smith\""),
                Arguments.of("al\"ice", "subject=\"al\\\"ice\""),
                Arguments.of("a=b", "subject=\"a=b\""),
                Arguments.of("dom\\alice", "subject=\"dom\\\\alice\""),
                Arguments.of("", "subject=\"\""),
                Arguments.of("alice\nevent=verified", "subject=\"aliceevent=verified\""),
                Arguments.of("alice\r\nx", "subject=alicex"),
                Arguments.of("alice\tx", "subject=alicex"),
                Arguments.of("alice\u0000x", "subject=alicex"),
                Arguments.of("alice\u0085x", "subject=alicex"),
                Arguments.of("alice\u2028x\u2029", "subject=alicex"),
                Arguments.of("alice\" event=\"verified", "subject=\"alice\\\" event=\\\"verified\""));
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"alice\nevent=verified", "alice\r\nevent=verified subject=bob", "alice\u2028event=verified",
            "alice\" event=verified \"", "alice\\\" event=verified"})
    void toLogLineWhenSubjectCraftedThenNoNewLineAndNoForgedEventKey(String subject) {
        String line = failedBy(subject).toLogLine();

        assertFalse(line.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029'), line);
        assertTrue(line.startsWith("event=verify_failed subject=\""), line);
        assertEquals(1, unquotedKeys(line, "event"), line);
        assertEquals(1, unquotedKeys(line, "subject"), line);
    }

    /** How often {@code key=} starts a pair outside quotes, as a log parser would split the line. */
    private static int unquotedKeys(String line, String key) {
        int found = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (i == 0 || line.charAt(i - 1) == ' ') && line.startsWith(key + "=", i)) {
                found++;
            }
        }
        return found;
    }
}
