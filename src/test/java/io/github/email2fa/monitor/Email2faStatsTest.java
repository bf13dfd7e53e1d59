package io.github.email2fa.monitor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvent.Type;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Covers {@link Email2faStats}: counters follow the audit events and are readable over JMX. */
class Email2faStatsTest {

    private final AtomicLong pending = new AtomicLong();
    private final Email2faStats stats = new Email2faStats(pending::get);

    @AfterEach
    void unregister() {
        stats.unregister();
    }

    private void publish(Type type, int times) {
        for (int i = 0; i < times; i++) {
            stats.onEvent(event(type, null));
        }
    }

    private static AuditEvent event(Type type, Duration sinceSent) {
        return new AuditEvent(type, "alice", null, null, null, null, sinceSent, Instant.parse("2025-03-01T09:00:00Z"));
    }

    @Test
    void onEventWhenEventsPublishedThenEachCounterFollowsItsType() {
        publish(Type.CHALLENGE_ISSUED, 7);
        publish(Type.CODE_SENT, 6);
        publish(Type.SEND_FAILED, 1);
        publish(Type.VERIFIED, 4);
        publish(Type.VERIFY_FAILED, 9);
        publish(Type.LOCKED_OUT, 2);
        publish(Type.RATE_LIMITED, 3);

        assertAll(
                () -> assertEquals(7, stats.getIssued()),
                () -> assertEquals(6, stats.getSent()),
                () -> assertEquals(1, stats.getSendFailures()),
                () -> assertEquals(4, stats.getVerified()),
                () -> assertEquals(9, stats.getFailures()),
                () -> assertEquals(2, stats.getLockouts()),
                () -> assertEquals(3, stats.getRateLimited()));
    }

    @Test
    void onEventWhenAppEventsPublishedThenTheirFourCountersFollow() {
        publish(Type.APP_ENROLLED, 3);
        publish(Type.APP_REMOVED, 1);
        publish(Type.APP_CODE_USED, 5);
        publish(Type.APP_CODE_FAILED, 2);

        assertAll(
                () -> assertEquals(3, stats.getAppsEnrolled()),
                () -> assertEquals(1, stats.getAppsRemoved()),
                () -> assertEquals(5, stats.getAppCodesUsed()),
                () -> assertEquals(2, stats.getAppCodesFailed()),
                () -> assertEquals(0, stats.getVerified() + stats.getFailures(), "the app's events move only their own counters"));
    }

    @Test
    void onEventWhenPasskeyEventsPublishedThenTheirFiveCountersFollow() {
        publish(Type.PASSKEY_REGISTERED, 4);
        publish(Type.PASSKEY_REMOVED, 2);
        publish(Type.PASSKEY_USED, 7);
        publish(Type.PASSKEY_FAILED, 3);
        publish(Type.PASSKEY_COUNTER_REGRESSION, 1);

        assertAll(
                () -> assertEquals(4, stats.getPasskeysRegistered()),
                () -> assertEquals(2, stats.getPasskeysRemoved()),
                () -> assertEquals(7, stats.getPasskeysUsed()),
                () -> assertEquals(3, stats.getPasskeysFailed()),
                () -> assertEquals(1, stats.getPasskeyCounterRegressions()),
                () -> assertEquals(0, stats.getAppsEnrolled() + stats.getAppCodesUsed() + stats.getVerified() + stats.getFailures(),
                        "the passkey events move only their own counters"));
    }

    @Test
    void onEventWhenUncountedTypesThenNoCounterMoves() {
        publish(Type.CHALLENGE_EXPIRED, 1);
        publish(Type.CHALLENGE_EXHAUSTED, 1);
        publish(Type.UNLOCKED, 1);

        assertEquals(0, stats.getIssued() + stats.getSent() + stats.getSendFailures() + stats.getVerified()
                + stats.getFailures() + stats.getLockouts() + stats.getRateLimited());
    }

    @Test
    void getMedianAndP95WhenHundredSamplesThenFiftyAndNinetyFive() {
        for (int millis = 100; millis >= 1; millis--) {
            stats.onEvent(event(Type.VERIFIED, Duration.ofMillis(millis)));
        }

        assertEquals(50, stats.getMedianSendToVerifyMillis());
        assertEquals(95, stats.getP95SendToVerifyMillis());
    }

    @Test
    void getMedianWhenNoSamplesThenZero() {
        publish(Type.VERIFIED, 3);

        assertEquals(0, stats.getMedianSendToVerifyMillis());
        assertEquals(0, stats.getP95SendToVerifyMillis());
    }

    @Test
    void getMedianWhenMoreThanWindowOfSamplesThenOnlyLatestCount() {
        for (int i = 0; i < 1024; i++) {
            stats.onEvent(event(Type.VERIFIED, Duration.ofSeconds(60)));
        }
        for (int i = 0; i < 1024; i++) {
            stats.onEvent(event(Type.VERIFIED, Duration.ofMillis(700)));
        }

        assertEquals(700, stats.getP95SendToVerifyMillis());
    }

    @Test
    void getPendingChallengesWhenSupplierChangesThenReadsItEachTime() {
        pending.set(3);
        assertEquals(3, stats.getPendingChallenges());

        pending.set(11);
        assertEquals(11, stats.getPendingChallenges());
    }

    @Test
    void registerWhenCalledThenAttributesReadableThroughPlatformMBeanServer() throws Exception {
        publish(Type.CHALLENGE_ISSUED, 2);
        pending.set(5);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.github.email2fa:type=Stats,app=\"/x\"");

        stats.register("/x");

        assertTrue(server.isRegistered(name));
        assertEquals(2L, server.getAttribute(name, "Issued"));
        assertEquals(5L, server.getAttribute(name, "PendingChallenges"));
    }

    @Test
    void unregisterWhenRegisteredThenGoneFromPlatformMBeanServer() throws Exception {
        ObjectName name = new ObjectName("io.github.email2fa:type=Stats,app=\"/x\"");
        stats.register("/x");

        stats.unregister();

        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
    }

    @Test
    void registerWhenRootContextThenNamedSlash() throws Exception {
        stats.register("");

        assertTrue(ManagementFactory.getPlatformMBeanServer()
                .isRegistered(new ObjectName("io.github.email2fa:type=Stats,app=\"/\"")));
    }

    @Test
    void registerWhenSameAppRegisteredTwiceThenNewestWins() throws Exception {
        Email2faStats older = new Email2faStats(() -> 1);
        older.register("/x");
        publish(Type.VERIFIED, 3);

        stats.register("/x");

        assertEquals(3L, ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("io.github.email2fa:type=Stats,app=\"/x\""), "Verified"));
    }
}
