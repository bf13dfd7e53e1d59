package io.github.email2fa.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.limit.ClientAddress;
import io.github.email2fa.limit.FailureLimiter;
import io.github.email2fa.limit.SendLimiter;
import io.github.email2fa.store.CaffeineSharedStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the limit checks of one sign-in step cost, with the real {@link Ticker#systemTicker()}.
 *
 * <ul>
 * <li>{@code pickSubject}: only the rotation over the 10,000 account names that every other
 *     benchmark here also does; the harness-plus-rotation floor.</li>
 * <li>{@code lockOpenUnknown}: {@link FailureLimiter#lock} for an account with no failures (not in the map).</li>
 * <li>{@code lockOpenCounted}: the same for an account that has failures but is not locked.</li>
 * <li>{@code recordFailure}: {@link FailureLimiter#recordFailure} over 10,000 accounts, every call
 *     counted (never locking). A limiter locks an account on its {@code threshold}-th failure
 *     (and for good on the 100th in a row), after which failures are no longer counted; so
 *     once every account has {@code threshold - 1} failures, the benchmark swaps in a fresh
 *     limiter (an "epoch"). Each call therefore sees a window of 0 to {@code threshold - 2}
 *     earlier failures, evenly. The swap and the re-insertion of the accounts are part of the
 *     measured time, spread over {@code 10,000 x (threshold - 1)} calls.</li>
 * <li>{@code sendTryAcquire}: {@link SendLimiter#tryAcquire} over 10,000 accounts and 9,973
 *     addresses with quotas far above use, every call allowed. Its windows only grow (the day
 *     window and the IP windows cannot be waited out at the 15-minute/24-hour windows), and a
 *     window's cost grows with its length, so after {@code sendsPerEpoch} sends per account a
 *     fresh limiter is swapped in, as above.</li>
 * <li>{@code clientAddressResolve} / {@code clientAddressOf}: the client address behind a trusted
 *     proxy ({@code 10.0.0.0/8}), from {@code X-Forwarded-For: <client>, 10.0.0.9}; {@code of}
 *     also reads the header from a request.</li>
 * </ul>
 *
 * An iteration in which any call was not counted/allowed fails the run, so the numbers are
 * always for the path named.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LimitChecksBenchmark {

    static final int ACCOUNTS = 10_000;
    /** Prime, so subject and address pairs keep changing. */
    static final int ADDRESSES = 9_973;

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final List<Duration> LOCKOUTS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

    static String[] subjects() {
        String[] subjects = new String[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            subjects[i] = "user" + i + "@example.com";
        }
        return subjects;
    }

    static String[] addresses() {
        String[] addresses = new String[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            addresses[i] = "198.51." + (100 + i / 250) + "." + (i % 250 + 1);
        }
        return addresses;
    }

    /** Account names, taken in turn. */
    @State(Scope.Thread)
    public static class Subjects {

        final String[] subjects = subjects();
        int next;

        String next() {
            String subject = subjects[next];
            if (++next == subjects.length) {
                next = 0;
            }
            return subject;
        }
    }

    /** A limiter no account has failed with. */
    @State(Scope.Thread)
    public static class OpenLimiter {

        FailureLimiter limiter;

        @Setup(Level.Trial)
        public void setUp() {
            limiter = new FailureLimiter(new CaffeineSharedStore(10_000, Ticker.systemTicker()), 10, WINDOW, LOCKOUTS, 100, Clock.systemUTC());
        }
    }

    /** A limiter in which every account has three failures, below the threshold of ten. */
    @State(Scope.Thread)
    public static class CountedLimiter {

        FailureLimiter limiter;

        @Setup(Level.Trial)
        public void setUp() {
            limiter = new FailureLimiter(new CaffeineSharedStore(10_000, Ticker.systemTicker()), 10, WINDOW, LOCKOUTS, 100, Clock.systemUTC());
            for (String subject : subjects()) {
                for (int i = 0; i < 3; i++) {
                    limiter.recordFailure(subject);
                }
                if (limiter.lock(subject).locked() || limiter.count(subject).inWindow() != 3) {
                    throw new IllegalStateException(subject + " should be open with three failures");
                }
            }
        }
    }

    /** Failures over 10,000 accounts, a fresh limiter every {@code threshold - 1} rounds. */
    @State(Scope.Thread)
    public static class Failures {

        /** Failures within the window that lock an account; 10 is the default. */
        @Param({"100", "10"})
        public int threshold;

        final String[] subjects = subjects();
        FailureLimiter limiter;
        int next;
        int round;
        long notCounted;

        @Setup(Level.Trial)
        public void setUp() {
            limiter = fresh();
        }

        private FailureLimiter fresh() {
            return new FailureLimiter(new CaffeineSharedStore(10_000, Ticker.systemTicker()), threshold, WINDOW, LOCKOUTS, 100, Clock.systemUTC());
        }

        FailureLimiter.Effect recordNext() {
            FailureLimiter.Effect effect = limiter.recordFailure(subjects[next]);
            if (effect != FailureLimiter.Effect.COUNTED) {
                notCounted++;
            }
            if (++next == subjects.length) {
                next = 0;
                if (++round == threshold - 1) {
                    round = 0;
                    limiter = fresh();
                }
            }
            return effect;
        }

        @TearDown(Level.Iteration)
        public void check() {
            if (notCounted != 0) {
                throw new IllegalStateException(notCounted + " failures were not merely counted");
            }
        }
    }

    /** Sends over 10,000 accounts and 9,973 addresses, a fresh limiter every {@code sendsPerEpoch} rounds. */
    @State(Scope.Thread)
    public static class Sends {

        /** Sends per account before the limiter is replaced; the windows hold 0 to this many minus one. */
        @Param({"10"})
        public int sendsPerEpoch;

        final String[] subjects = subjects();
        final String[] addresses = addresses();
        SendLimiter limiter;
        int nextSubject;
        int nextAddress;
        int round;
        long refused;

        @Setup(Level.Trial)
        public void setUp() {
            if (sendsPerEpoch < 1 || sendsPerEpoch > 1000) {
                throw new IllegalArgumentException("sendsPerEpoch must be 1..1000");
            }
            limiter = fresh();
        }

        /** The largest quotas the settings accept: 1000 per 15 minutes, 10,000 a day, 100,000 per address per 15 minutes. */
        private static SendLimiter fresh() {
            return new SendLimiter(new CaffeineSharedStore(10_000, Ticker.systemTicker()), 1000, WINDOW, 10_000, 100_000, WINDOW, Clock.systemUTC());
        }

        SendLimiter.Decision acquireNext() {
            SendLimiter.Decision decision = limiter.tryAcquire(subjects[nextSubject], addresses[nextAddress]);
            if (!decision.allowed()) {
                refused++;
            }
            if (++nextAddress == addresses.length) {
                nextAddress = 0;
            }
            if (++nextSubject == subjects.length) {
                nextSubject = 0;
                if (++round == sendsPerEpoch) {
                    round = 0;
                    limiter = fresh();
                }
            }
            return decision;
        }

        @TearDown(Level.Iteration)
        public void check() {
            if (refused != 0) {
                throw new IllegalStateException(refused + " sends were refused");
            }
        }
    }

    /** Requests through a trusted proxy, each with its own client address. */
    @State(Scope.Thread)
    public static class Proxied {

        static final String PROXY = "10.0.0.5";

        final ClientAddress clientAddress = new ClientAddress(List.of("10.0.0.0/8"));
        final String[] forwardedFor = new String[1024];
        final Fakes.Request[] requests = new Fakes.Request[1024];
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            String[] clients = addresses();
            for (int i = 0; i < forwardedFor.length; i++) {
                forwardedFor[i] = clients[i] + ", 10.0.0.9";
                requests[i] = Fakes.Request.from(PROXY, List.of(forwardedFor[i]));
                String resolved = clientAddress.of(requests[i]);
                if (!resolved.equals(clients[i]) || !clientAddress.resolve(PROXY, forwardedFor[i]).equals(clients[i])) {
                    throw new IllegalStateException("resolved " + resolved + " instead of " + clients[i]);
                }
            }
        }

        int next() {
            int i = next;
            next = i + 1 & requests.length - 1;
            return i;
        }
    }

    @Benchmark
    public String pickSubject(Subjects subjects) {
        return subjects.next();
    }

    @Benchmark
    public AccountLock lockOpenUnknown(OpenLimiter open, Subjects subjects) {
        return open.limiter.lock(subjects.next());
    }

    @Benchmark
    public AccountLock lockOpenCounted(CountedLimiter counted, Subjects subjects) {
        return counted.limiter.lock(subjects.next());
    }

    @Benchmark
    public FailureLimiter.Effect recordFailure(Failures failures) {
        return failures.recordNext();
    }

    @Benchmark
    public SendLimiter.Decision sendTryAcquire(Sends sends) {
        return sends.acquireNext();
    }

    @Benchmark
    public String clientAddressResolve(Proxied proxied) {
        return proxied.clientAddress.resolve(Proxied.PROXY, proxied.forwardedFor[proxied.next()]);
    }

    @Benchmark
    public String clientAddressOf(Proxied proxied) {
        return proxied.clientAddress.of(proxied.requests[proxied.next()]);
    }
}
