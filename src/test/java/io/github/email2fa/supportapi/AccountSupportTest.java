package io.github.email2fa.supportapi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.challenge.CodeGenerator;
import io.github.email2fa.challenge.CodeHasher;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvents;
import io.github.email2fa.limit.FailureLimiter;
import io.github.email2fa.limit.SendLimiter;
import io.github.email2fa.mail.Mailer;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.support.AccountStatus;
import io.github.email2fa.support.AccountSupport;
import io.github.email2fa.support.FakeTicker;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Covers {@link AccountSupport}: what support sees of an account and what it can do for a locked-out user. */
class AccountSupportTest {

    private static final String ALICE = "alice";
    private static final String ADDRESS = "alice@example.com";
    private static final String IP = "198.51.100.7";

    private final FakeTicker ticker = new FakeTicker();
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);
    private final ChallengeService challenges;
    private final FailureLimiter failures = new FailureLimiter(new CaffeineSharedStore(10_000, ticker), 10, Duration.ofMinutes(15),
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)), 100, ticker.clock());
    private final SendLimiter sends = new SendLimiter(new CaffeineSharedStore(10_000, ticker), 5, Duration.ofMinutes(15), 20, 30, Duration.ofMinutes(15), ticker.clock());
    private final List<AuditEvent> events = new ArrayList<>();
    private final List<OutgoingEmail> sent = new ArrayList<>();

    AccountSupportTest() {
        SecureRandom random = new SecureRandom();
        challenges = new ChallengeService(new CaffeineSharedStore(1_000, ticker), new CodeGenerator(random, 6),
                CodeHasher.withRandomKey(random), random, ticker.clock(), Duration.ofMinutes(5), 5, Duration.ofSeconds(30));
    }

    private AccountSupport support(Mailer mailer) {
        return new AccountSupport(challenges, failures, sends, mailer, new AuditEvents(List.of(events::add)), clock, "Shop");
    }

    private AccountSupport support() {
        return support(sent::add);
    }

    private void issue(String flowId, String subject) {
        challenges.issue(flowId, subject).orElseThrow();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            failures.recordFailure(ALICE);
        }
    }

    @Test
    void statusWhenUnknownAccountThenAllClear() {
        assertEquals(new AccountStatus(ALICE, false, null, false, 0, 0, 0, 0, 0), support().status(ALICE));
    }

    @Test
    void statusWhenFailuresPendingAndSendsThenReportsEach() {
        fail(3);
        issue("flow-1", ALICE);
        issue("flow-2", ALICE);
        issue("flow-bob", "bob");
        sends.tryAcquire(ALICE, IP);
        sends.tryAcquire(ALICE, IP);

        assertEquals(new AccountStatus(ALICE, false, null, false, 3, 3, 2, 2, 2), support().status(ALICE));
    }

    @Test
    void statusWhenLockedThenReportsLockAndTimeLeft() {
        fail(10);
        ticker.advance(Duration.ofSeconds(15));

        AccountStatus status = support().status(ALICE);

        assertAll(
                () -> assertTrue(status.locked()),
                () -> assertEquals(Duration.ofSeconds(45), status.lockedFor()),
                () -> assertFalse(status.untilSupport()),
                () -> assertEquals(0, status.failuresInWindow()),
                () -> assertEquals(10, status.consecutiveFailures()));
    }

    @Test
    void statusWhenHardLimitReachedThenUntilSupport() {
        FailureLimiter hard = new FailureLimiter(new CaffeineSharedStore(10_000, ticker), 10, Duration.ofMinutes(15), List.of(Duration.ofMinutes(1)), 10, ticker.clock());
        for (int i = 0; i < 10; i++) {
            hard.recordFailure(ALICE);
        }
        AccountSupport support = new AccountSupport(challenges, hard, sends, sent::add, new AuditEvents(List.of()), clock, "Shop");

        AccountStatus status = support.status(ALICE);

        assertTrue(status.locked());
        assertTrue(status.untilSupport());
        assertNull(status.lockedFor());
    }

    @Test
    void unlockWhenLockedThenOpenAndTrue() {
        fail(10);

        assertTrue(support().unlock(ALICE, "helpdesk:bob"));

        assertFalse(failures.lock(ALICE).locked());
        assertEquals(0, support().status(ALICE).consecutiveFailures());
    }

    @Test
    void unlockWhenCalledThenUnlockedEventNamesWhoDidIt() {
        fail(10);

        support().unlock(ALICE, "helpdesk:bob");

        assertEquals(List.of(new AuditEvent(Type.UNLOCKED, ALICE, null, null, null, "by:helpdesk:bob", null, clock.instant())),
                events);
    }

    @Test
    void unlockWhenNoOneNamedThenReasonByApi() {
        support().unlock(ALICE, null);

        assertTrue(events.get(0).reason().startsWith("by:"), events.get(0).reason());
        assertEquals("by:api", events.get(0).reason());
    }

    @Test
    void unlockWhenOpenThenFalse() {
        fail(2);

        assertFalse(support().unlock(ALICE, "helpdesk:bob"));
    }

    @Test
    void cancelChallengesWhenPendingInSeveralFlowsThenAllRemovedAndCounted() {
        issue("flow-1", ALICE);
        issue("flow-2", ALICE);
        issue("flow-3", ALICE);
        issue("flow-bob", "bob");

        int cancelled = support().cancelChallenges(ALICE);

        assertEquals(3, cancelled);
        assertEquals(0, challenges.pendingFor(ALICE));
        assertTrue(challenges.find("flow-2").isEmpty());
        assertEquals(1, challenges.pendingFor("bob"));
    }

    @Test
    void cancelChallengesWhenNoneThenZero() {
        assertEquals(0, support().cancelChallenges(ALICE));
    }

    @Test
    void sendTestEmailWhenMailerAcceptsThenNullAndMessageSent() {
        String result = support().sendTestEmail(ADDRESS);

        assertNull(result);
        assertEquals(1, sent.size());
        assertEquals(ADDRESS, sent.get(0).to());
        assertTrue(sent.get(0).subject().contains("Shop"), sent.get(0).subject());
    }

    @Test
    void sendTestEmailWhenMailerThrowsThenReasonWithAddressMasked() {
        AccountSupport support = support(email -> {
            throw new IllegalStateException("550 5.1.1 <" + email.to() + ">: mailbox unavailable");
        });

        String result = support.sendTestEmail(ADDRESS);

        assertEquals("IllegalStateException: 550 5.1.1 <a•••@example.com>: mailbox unavailable", result);
        assertFalse(result.contains(ADDRESS), result);
    }

    @Test
    void sendTestEmailWhenMailerThrowsWithoutMessageThenReasonNamesException() {
        AccountSupport support = support(email -> {
            throw new java.net.ConnectException();
        });

        String result = support.sendTestEmail(ADDRESS);

        assertTrue(result.startsWith("ConnectException"), result);
    }
}
