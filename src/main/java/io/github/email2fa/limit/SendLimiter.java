package io.github.email2fa.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quotas on sending codes, so nobody can use the module to bomb a mailbox or run up mail costs:
 * per account in a short window, per account per day, and per client IP address.
 *
 * <p>Account quotas live in a map keyed by account (only users who passed the login have one);
 * IP quotas live in a bounded cache, since anyone can bring new addresses.
 */
public final class SendLimiter {

    private static final Duration DAY = Duration.ofDays(1);

    private final int perAccount;
    private final long accountWindow;
    private final int perAccountPerDay;
    private final int perIp;
    private final long ipWindow;
    private final Ticker ticker;
    private final Map<String, AccountSends> accounts = new ConcurrentHashMap<>();
    private final Cache<String, SlidingWindow> ips;

    /** Why a send was refused. */
    public enum Reason { ACCOUNT_QUOTA, DAILY_QUOTA, IP_QUOTA }

    /**
     * The answer to one send request.
     *
     * @param allowed whether the code may be sent (and was counted)
     * @param reason why not, or {@code null}
     * @param retryAfter when it may be tried again, or {@code null}
     */
    public record Decision(boolean allowed, Reason reason, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, null, null);
    }

    /**
     * @param perAccount sends per account within {@code accountWindow}
     * @param accountWindow the short account window
     * @param perAccountPerDay sends per account within 24 hours
     * @param perIp sends per client address within {@code ipWindow}
     * @param ipWindow the IP window
     * @param ticker monotonic time
     */
    public SendLimiter(int perAccount, Duration accountWindow, int perAccountPerDay, int perIp, Duration ipWindow, Ticker ticker) {
        this.perAccount = perAccount;
        this.accountWindow = accountWindow.toNanos();
        this.perAccountPerDay = perAccountPerDay;
        this.perIp = perIp;
        this.ipWindow = ipWindow.toNanos();
        this.ticker = ticker;
        this.ips = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(ipWindow).ticker(ticker).build();
    }

    /** Counts one send for the account and the address if both quotas allow it; else counts nothing. */
    public Decision tryAcquire(String subject, String clientIp) {
        Decision[] decision = new Decision[1];
        accounts.compute(subject, (key, current) -> {
            long now = ticker.read();
            AccountSends sends = current == null ? AccountSends.NONE : current;
            if (sends.shortWindow().count(now, accountWindow) >= perAccount) {
                decision[0] = new Decision(false, Reason.ACCOUNT_QUOTA, wait(sends.shortWindow().nextSlotAt(now, accountWindow), now));
                return current;
            }
            if (sends.day().count(now, DAY.toNanos()) >= perAccountPerDay) {
                decision[0] = new Decision(false, Reason.DAILY_QUOTA, wait(sends.day().nextSlotAt(now, DAY.toNanos()), now));
                return current;
            }
            Duration ipWait = acquireIp(clientIp, now);
            if (ipWait != null) {
                decision[0] = new Decision(false, Reason.IP_QUOTA, ipWait);
                return current;
            }
            decision[0] = Decision.ALLOWED;
            return new AccountSends(sends.shortWindow().plus(now, accountWindow, perAccount),
                    sends.day().plus(now, DAY.toNanos(), perAccountPerDay));
        });
        return decision[0];
    }

    /** Counts a send for the address; returns how long to wait if its quota is used up, else {@code null}. */
    private Duration acquireIp(String clientIp, long now) {
        Duration[] wait = new Duration[1];
        ips.asMap().compute(clientIp, (key, window) -> {
            SlidingWindow current = window == null ? SlidingWindow.empty() : window;
            if (current.count(now, ipWindow) >= perIp) {
                wait[0] = wait(current.nextSlotAt(now, ipWindow), now);
                return current;
            }
            return current.plus(now, ipWindow, perIp);
        });
        return wait[0];
    }

    /**
     * Sends counted for one account.
     *
     * @param inWindow sends in the short account window
     * @param inLastDay sends in the last 24 hours
     */
    public record SendCount(int inWindow, int inLastDay) {
    }

    /** Sends counted for the account in the short window and the last day. */
    public SendCount sendsOf(String subject) {
        AccountSends sends = accounts.getOrDefault(subject, AccountSends.NONE);
        long now = ticker.read();
        return new SendCount(sends.shortWindow().count(now, accountWindow), sends.day().count(now, DAY.toNanos()));
    }

    /** Forgets an account's sends (support reset). */
    public void reset(String subject) {
        accounts.remove(subject);
    }

    private static Duration wait(long at, long now) {
        return Duration.ofNanos(Math.max(1_000_000_000L, at - now));
    }

    private record AccountSends(SlidingWindow shortWindow, SlidingWindow day) {
        static final AccountSends NONE = new AccountSends(SlidingWindow.empty(), SlidingWindow.empty());
    }
}
