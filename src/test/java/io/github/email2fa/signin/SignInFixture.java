package io.github.email2fa.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.challenge.CodeGenerator;
import io.github.email2fa.challenge.CodeHasher;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvents;
import io.github.email2fa.event.AuditLog;
import io.github.email2fa.limit.FailureLimiter;
import io.github.email2fa.limit.SendLimiter;
import io.github.email2fa.mail.MailDispatcher;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.support.FakeTicker;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link SignInService} on the real parts with fake time: codes of 6 digits living 5m, 5 attempts
 * per code, a 30s cooldown, 10 failures in 15m lock for 1m/5m/15m, and 5 sends per 15m. Every email
 * lands in {@link #outbox}, every event in {@link #events}, every module log record in {@link #logs}.
 */
final class SignInFixture implements AutoCloseable {

    static final String SUBJECT = "alice";
    static final String EMAIL = "alice@example.com";
    static final String MASKED = "a•••@example.com";
    static final String IP = "198.51.100.7";
    static final Duration COOLDOWN = Duration.ofSeconds(30);
    private static final Pattern CODE_LINE = Pattern.compile("(?m)^ {4}(\\d{6})$");
    private static final long WAIT_SECONDS = 10;

    final FakeTicker ticker = new FakeTicker();
    final Clock clock = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);
    final BlockingQueue<OutgoingEmail> outbox = new LinkedBlockingQueue<>();
    /** When set, the mailer refuses every email with this message, as an unreachable mail server would. */
    volatile String mailerFailure;
    /** Every code that was ever mailed. */
    final Set<String> codes = ConcurrentHashMap.newKeySet();
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<AuditEvent> arrivals = new LinkedBlockingQueue<>();
    final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Logger moduleLogger = Logger.getLogger("io.github.email2fa");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    final ChallengeService challenges;
    final FailureLimiter failures;
    final SendLimiter sends = new SendLimiter(new CaffeineSharedStore(10_000, ticker), 5, Duration.ofMinutes(15), 20, 30, Duration.ofMinutes(15), ticker.clock());
    final MailDispatcher mail;
    final SignInService service;

    SignInFixture() {
        this(100);
    }

    /** @param hardLimit consecutive failures after which only support can unlock */
    SignInFixture(int hardLimit) {
        failures = new FailureLimiter(new CaffeineSharedStore(10_000, ticker), 10, Duration.ofMinutes(15),
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)), hardLimit, ticker.clock());
        SecureRandom random = new SecureRandom();
        challenges = new ChallengeService(new CaffeineSharedStore(10_000, ticker), new CodeGenerator(random, 6),
                CodeHasher.withRandomKey(random), random, ticker.clock(), Duration.ofMinutes(5), 5, COOLDOWN);
        mail = MailDispatcher.withOwnPool(email -> {
            if (mailerFailure != null) {
                throw new java.io.IOException(mailerFailure);
            }
            Matcher code = CODE_LINE.matcher(email.text());
            while (code.find()) {
                codes.add(code.group(1));
            }
            outbox.add(email);
        });
        AuditEvents auditEvents = new AuditEvents(List.of(new AuditLog(), event -> {
            events.add(event);
            arrivals.add(event);
        }));
        service = new SignInService(challenges, failures, sends, mail, auditEvents, clock, "Shop", true);
        moduleLogger.addHandler(capture);
    }

    @Override
    public void close() {
        moduleLogger.removeHandler(capture);
        mail.close();
    }

    /** Alice in the session whose sign-in flow is {@code flowId}. */
    static Attempt attempt(String flowId) {
        return attempt(flowId, SUBJECT, EMAIL);
    }

    static Attempt attempt(String flowId, String subject, String email) {
        return new Attempt(flowId, subject, email, Locale.ENGLISH, IP, "session-" + flowId);
    }

    /** Requests a code in the flow, asserting it is queued, and returns it from the mailbox. */
    String sendCode(String flowId) {
        SendResult result = service.send(attempt(flowId));
        assertEquals(SendResult.Status.QUEUED, result.status(), "send in " + flowId);
        OutgoingEmail email = nextEmail();
        Matcher code = CODE_LINE.matcher(email.text());
        if (!code.find()) {
            fail("not a code email: " + email);
        }
        return code.group(1);
    }

    /** The next email the mailer got, waiting for the mail thread. */
    OutgoingEmail nextEmail() {
        try {
            OutgoingEmail email = outbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(email, "no email within " + WAIT_SECONDS + "s");
            return email;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the next event of this type, skipping others, and returns it. */
    AuditEvent awaitEvent(AuditEvent.Type type) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                AuditEvent event = arrivals.poll(left, TimeUnit.NANOSECONDS);
                if (event != null && event.type() == type) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("no " + type + " event within " + WAIT_SECONDS + "s; got " + events);
    }

    /** The events of this type so far, in order. */
    List<AuditEvent> eventsOf(AuditEvent.Type type) {
        return events.stream().filter(event -> event.type() == type).toList();
    }

    /** A well-formed code that is not {@code code}. */
    static String wrong(String code) {
        return (char) ('0' + (code.charAt(0) - '0' + 1) % 10) + code.substring(1);
    }
}
