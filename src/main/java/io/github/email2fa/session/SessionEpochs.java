package io.github.email2fa.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per account, the moment of its last security change (codes on or off, new backup codes, a
 * device forgotten, a new password, "sign out my other sessions"), in the short-lived store.
 * A session records the moment it knew of when it was verified; one that knew an older moment
 * must pass the current policy again (OWASP ASVS 5.0 §7.4.3).
 *
 * <p>The hot path stays in memory and costs one volatile read: {@link #version()} counts the
 * changes this store has seen, and a session looks up its account only when that number moved
 * since its last look. A change therefore reaches every session of the account on its next
 * request.
 *
 * <p>An entry is kept for {@value #RETENTION_HOURS} hours after its change. A session that makes
 * any request in that time is caught; one idle for longer has been ended by the container's
 * session timeout, which is far shorter. Entries are also bounded in number; under that limit
 * the oldest go first.
 */
public final class SessionEpochs {

    /** How long a change is remembered, in hours. */
    public static final int RETENTION_HOURS = 24;

    /**
     * One account's last change.
     *
     * @param atMillis when, in epoch milliseconds; strictly increasing per account
     * @param reason why, for the audit event of each session it reaches
     */
    public record Change(long atMillis, String reason) {
    }

    private final Cache<String, Change> changes;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong(1);

    /**
     * @param maximumSize most accounts remembered at once
     * @param clock wall-clock time of changes
     * @param ticker the cache's time for the retention
     */
    public SessionEpochs(long maximumSize, Clock clock, Ticker ticker) {
        this.changes = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(Duration.ofHours(RETENTION_HOURS))
                .ticker(ticker)
                .build();
        this.clock = clock;
    }

    /**
     * Records a security change of the account now; every session that knew an earlier moment
     * must pass again.
     *
     * @param reason why, such as {@code account_changed}
     * @return the moment recorded, later than any before it for this account
     */
    public long advance(String subject, String reason) {
        long now = clock.millis();
        Change change = changes.asMap().merge(subject, new Change(now, reason),
                (old, fresh) -> new Change(Math.max(fresh.atMillis(), old.atMillis() + 1), reason));
        version.incrementAndGet();
        return change.atMillis();
    }

    /** The account's last change, or {@code null} if none is remembered. */
    public Change lastChange(String subject) {
        return changes.getIfPresent(subject);
    }

    /** The moment of the account's last change, in epoch milliseconds; 0 if none is remembered. */
    public long changedAt(String subject) {
        Change change = changes.getIfPresent(subject);
        return change == null ? 0 : change.atMillis();
    }

    /** A number that moves whenever any account changes: sessions look up their account only when it moved. */
    public long version() {
        return version.get();
    }
}
