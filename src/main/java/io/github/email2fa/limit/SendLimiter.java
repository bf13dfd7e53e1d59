package io.github.email2fa.limit;

import io.github.email2fa.store.EntryUpdate;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;

/**
 * Quotas on sending codes, so nobody can use the module to bomb a mailbox or run up mail costs:
 * per account in a short window, per account per day, and per client IP address. Each quota is a
 * sliding window: at most N sends in any window of its length, which a token bucket does not
 * promise.
 *
 * <p>The quotas live in two maps of the shared store, {@value #ACCOUNTS} and {@value #ADDRESSES},
 * so they hold across every node. A send first takes its place in the account's windows and then
 * in the address's window, each in one atomic update; if the address refuses, the account's place
 * is given back. Moments are wall-clock milliseconds.
 *
 * <p>Only users who passed the login have an account entry; anyone can bring new addresses, so the
 * address map is the one a flood could fill, and a store bounds it.
 */
public final class SendLimiter {

    /** The map of the account quotas. */
    public static final String ACCOUNTS = "sends";
    /** The map of the address quotas. */
    public static final String ADDRESSES = "ipSends";
    private static final Duration DAY = Duration.ofDays(1);

    private final Quotas quotas;
    private final Clock clock;
    private final SharedMap<AccountSends> accounts;
    private final SharedMap<SlidingWindow> addresses;

    /** Why a send was refused. */
    public enum Reason { ACCOUNT_QUOTA, DAILY_QUOTA, IP_QUOTA }

    /**
     * The answer to one send request.
     *
     * @param allowed whether the code may be sent (and was counted)
     * @param reason why not, or {@code null}
     * @param retryAfter when it may be tried again, or {@code null}
     */
    public record Decision(boolean allowed, Reason reason, Duration retryAfter) implements Serializable {
        static final Decision ALLOWED = new Decision(true, null, null);
    }

    /**
     * @param store where the quotas live; this opens its {@value #ACCOUNTS} and {@value #ADDRESSES} maps
     * @param perAccount sends per account within {@code accountWindow}
     * @param accountWindow the short account window
     * @param perAccountPerDay sends per account within 24 hours
     * @param perIp sends per client address within {@code ipWindow}
     * @param ipWindow the IP window
     * @param clock wall-clock time
     */
    public SendLimiter(SharedStore store, int perAccount, Duration accountWindow, int perAccountPerDay, int perIp, Duration ipWindow,
            Clock clock) {
        this.quotas = new Quotas(perAccount, accountWindow.toMillis(), perAccountPerDay, DAY.toMillis(), perIp, ipWindow.toMillis());
        this.clock = clock;
        // An entry is of use as long as its longest window after the last send.
        this.accounts = store.accountMap(ACCOUNTS, accountWindow.compareTo(DAY) > 0 ? accountWindow : DAY);
        this.addresses = store.mapRenewedOnWrite(ADDRESSES, ipWindow);
    }

    /** Counts one send for the account and the address if both quotas allow it; else counts nothing. */
    public Decision tryAcquire(String subject, String clientIp) {
        long now = clock.millis();
        Decision account = accounts.invoke(subject, new TakeAccountPlace(quotas, now));
        if (!account.allowed()) {
            return account;
        }
        Duration addressWait = addresses.invoke(clientIp, new TakeAddressPlace(quotas, now));
        if (addressWait != null) {
            accounts.invoke(subject, new GiveAccountPlaceBack(now));
            return new Decision(false, Reason.IP_QUOTA, addressWait);
        }
        return Decision.ALLOWED;
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
        AccountSends sends = accounts.get(subject);
        if (sends == null) {
            return new SendCount(0, 0);
        }
        long now = clock.millis();
        return new SendCount(sends.shortWindow().count(now, quotas.accountWindow()), sends.day().count(now, quotas.dayWindow()));
    }

    /** Forgets an account's sends (support reset). */
    public void reset(String subject) {
        accounts.remove(subject);
    }

    private static Duration waitUntil(long at, long now) {
        return Duration.ofMillis(Math.max(1_000L, at - now));
    }

    /** The quotas, as plain numbers that travel with each update. */
    private record Quotas(int perAccount, long accountWindow, int perDay, long dayWindow, int perIp, long ipWindow)
            implements Serializable {
    }

    /** One account's sends in its two windows. */
    record AccountSends(SlidingWindow shortWindow, SlidingWindow day) implements Serializable {
        static final AccountSends NONE = new AccountSends(SlidingWindow.empty(), SlidingWindow.empty());
    }

    /** Takes a place in the account's windows, or says how long until there is one. */
    private record TakeAccountPlace(Quotas quotas, long now) implements EntryUpdate<AccountSends, Decision> {
        @Override
        public Decision apply(EntryUpdate.Entry<AccountSends> entry) {
            AccountSends sends = entry.value() == null ? AccountSends.NONE : entry.value();
            if (sends.shortWindow().count(now, quotas.accountWindow()) >= quotas.perAccount()) {
                return new Decision(false, Reason.ACCOUNT_QUOTA, waitUntil(sends.shortWindow().nextSlotAt(now, quotas.accountWindow()), now));
            }
            if (sends.day().count(now, quotas.dayWindow()) >= quotas.perDay()) {
                return new Decision(false, Reason.DAILY_QUOTA, waitUntil(sends.day().nextSlotAt(now, quotas.dayWindow()), now));
            }
            entry.set(new AccountSends(sends.shortWindow().plus(now, quotas.accountWindow(), quotas.perAccount()),
                    sends.day().plus(now, quotas.dayWindow(), quotas.perDay())));
            return Decision.ALLOWED;
        }
    }

    /** Gives back the place taken at {@code at}, when the address refused the send. */
    private record GiveAccountPlaceBack(long at) implements EntryUpdate<AccountSends, Boolean> {
        @Override
        public Boolean apply(EntryUpdate.Entry<AccountSends> entry) {
            AccountSends sends = entry.value();
            if (sends == null) {
                return false;
            }
            entry.set(new AccountSends(sends.shortWindow().minus(at), sends.day().minus(at)));
            return true;
        }
    }

    /** Takes a place in the address's window: {@code null}, or how long until there is one. */
    private record TakeAddressPlace(Quotas quotas, long now) implements EntryUpdate<SlidingWindow, Duration> {
        @Override
        public Duration apply(EntryUpdate.Entry<SlidingWindow> entry) {
            SlidingWindow current = entry.value() == null ? SlidingWindow.empty() : entry.value();
            if (current.count(now, quotas.ipWindow()) >= quotas.perIp()) {
                return waitUntil(current.nextSlotAt(now, quotas.ipWindow()), now);
            }
            entry.set(current.plus(now, quotas.ipWindow(), quotas.perIp()));
            return null;
        }
    }
}
