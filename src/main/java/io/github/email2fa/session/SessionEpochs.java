package io.github.email2fa.session;

import io.github.email2fa.store.EntryUpdate;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per account, the moment of its last security change (codes on or off, new backup codes, a
 * device forgotten, a new password, "sign out my other sessions"), in the shared store's
 * {@value #MAP} map. A session records the moment it knew of when it was verified; one that knew
 * an older moment must pass the current policy again (OWASP ASVS 5.0 section 7.4.3).
 *
 * <p>The hot path makes no call to the store and costs one volatile read: {@link #version()}
 * counts the changes this node has seen, and a session looks up its account only when that
 * number moved since its last look. A change made on this node moves it at once. Changes made on
 * other nodes move it when {@link #poll} next sees the store's shared counter move, which
 * {@link #startPolling} does every {@link #POLL_INTERVAL}: that is how long a change can take to
 * reach a session on another node.
 *
 * <p>An entry is kept for {@value #RETENTION_HOURS} hours after its change. A session that makes
 * any request in that time is caught; one idle for longer has been ended by the container's
 * session timeout, which is far shorter.
 */
public final class SessionEpochs implements AutoCloseable {

    /** How long a change is remembered, in hours. */
    public static final int RETENTION_HOURS = 24;
    /** The map of the accounts' last changes. */
    public static final String MAP = "accountChanges";
    /** The map that holds the one shared change counter. */
    public static final String COUNTER_MAP = "accountChangeCounter";
    /** How often a node looks whether another node changed an account. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(SessionEpochs.class.getName());
    private static final String COUNTER = "changes";

    /**
     * One account's last change.
     *
     * @param atMillis when, in epoch milliseconds; strictly increasing per account
     * @param reason why, for the audit event of each session it reaches
     */
    public record Change(long atMillis, String reason) implements Serializable {
    }

    private final SharedMap<Change> changes;
    private final SharedMap<Long> counter;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong(1);
    /** The shared counter as this node last saw it; any other value means another node changed an account. */
    private volatile long sharedSeen;
    private ScheduledExecutorService poller;

    /**
     * @param store where the changes live; this opens its {@value #MAP} and {@value #COUNTER_MAP} maps
     * @param clock wall-clock time of changes
     */
    public SessionEpochs(SharedStore store, Clock clock) {
        Duration retention = Duration.ofHours(RETENTION_HOURS);
        this.changes = store.accountMap(MAP, retention);
        this.counter = store.accountMap(COUNTER_MAP, retention);
        this.clock = clock;
        Long shared = counter.get(COUNTER);
        this.sharedSeen = shared == null ? 0 : shared;
    }

    /**
     * Records a security change of the account now; every session that knew an earlier moment
     * must pass again.
     *
     * @param reason why, such as {@code account_changed}
     * @return the moment recorded, later than any before it for this account
     */
    public long advance(String subject, String reason) {
        Change change = changes.invoke(subject, new Advance(clock.millis(), reason));
        sharedSeen = counter.invoke(COUNTER, new Increment());
        version.incrementAndGet();
        return change.atMillis();
    }

    /** The account's last change, or {@code null} if none is remembered. */
    public Change lastChange(String subject) {
        return changes.get(subject);
    }

    /** The moment of the account's last change, in epoch milliseconds; 0 if none is remembered. */
    public long changedAt(String subject) {
        Change change = changes.get(subject);
        return change == null ? 0 : change.atMillis();
    }

    /** A number that moves whenever any account changes: sessions look up their account only when it moved. */
    public long version() {
        return version.get();
    }

    /** Looks whether another node changed an account since the last look, and if so moves {@link #version()}. */
    public void poll() {
        Long shared = counter.get(COUNTER);
        long now = shared == null ? 0 : shared;
        if (now != sharedSeen) {
            sharedSeen = now;
            version.incrementAndGet();
        }
    }

    /** Polls every {@link #POLL_INTERVAL} on a daemon thread of its own, until {@link #close}. */
    public synchronized void startPolling() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "email2fa-account-changes");
            thread.setDaemon(true);
            return thread;
        });
        long millis = POLL_INTERVAL.toMillis();
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                // A store that fails now and then must not end the polling; the next round tries again.
                LOG.log(Level.WARNING, "email2fa could not look for account changes made on other nodes; trying again in "
                        + millis + " ms", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the polling thread, if one runs. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    /** Records a change strictly later than the last one of the account. */
    private record Advance(long now, String reason) implements EntryUpdate<Change, Change> {
        @Override
        public Change apply(EntryUpdate.Entry<Change> entry) {
            Change old = entry.value();
            Change next = new Change(old == null ? now : Math.max(now, old.atMillis() + 1), reason);
            entry.set(next);
            return next;
        }
    }

    /** Adds one to the shared counter; answers the new value. */
    private record Increment() implements EntryUpdate<Long, Long> {
        @Override
        public Long apply(EntryUpdate.Entry<Long> entry) {
            long next = entry.value() == null ? 1 : entry.value() + 1;
            entry.set(next);
            return next;
        }
    }
}
