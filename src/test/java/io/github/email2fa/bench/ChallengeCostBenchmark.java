package io.github.email2fa.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.email2fa.challenge.ChallengeService.Issued;
import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.challenge.CodeGenerator;
import io.github.email2fa.challenge.CodeHasher;
import io.github.email2fa.challenge.Verification;
import io.github.email2fa.config.ContextParams;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.store.JCacheSharedStore;
import io.github.email2fa.testing.TwoMemberGrid;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.InMemoryOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * What one sign-in's one-time code costs, next to Spring Security's one-time tokens. One
 * operation is one whole sign-in:
 *
 * <ul>
 * <li>{@code email2fa}: {@link ChallengeService#issue} for a flow that has no challenge, then
 *     {@link ChallengeService#verify} of that flow with the right code, which consumes it. The
 *     service is built as the module builds it (real {@link SecureRandom}, {@link Ticker#systemTicker()},
 *     HMAC-SHA-256 under a random key, a {@link CaffeineSharedStore} of the default
 *     {@value ContextParams#DEFAULT_CACHE_MAXIMUM_SIZE} entries, 6 digits, 5 minutes, 5 attempts),
 *     except that the resend cooldown is zero. The code is hashed at issue and again at verify.</li>
 * <li>{@code email2faManyUsers}: the same sign-in for {@value #MANY_USERS} users, ten times as many
 *     as the module remembers the hashes of, so every issue finds its user forgotten.</li>
 * <li>{@code email2faOnGrid}: the same sign-in on the JCache store of a two-member Hazelcast grid
 *     (issue: one update and one create; verify: one read and one update, about half of them on the
 *     other member).</li>
 * <li>{@code spring}: {@link InMemoryOneTimeTokenService#generate} for a user, then
 *     {@link InMemoryOneTimeTokenService#consume} of the token it returned. Spring keeps the
 *     token itself (a random UUID) as the key of a {@code ConcurrentHashMap} and hashes nothing.</li>
 * </ul>
 *
 * Flow ids come from {@link ChallengeService#newId()} (16 characters, like real ones), drawn
 * before the run and taken in turn from a ring of {@value #FLOWS} per thread; drawing a flow id is
 * not part of the operation. Users ({@code user100000}, {@code user100001}, ...) are
 * taken in turn from {@value #USERS}. Each sign-in consumes what it issued, so both stores stay
 * nearly empty. A sign-in that does not succeed throws, which fails the run.
 *
 * <p>The module remembers the keyed hashes of up to 10,000 users, so most issues of {@code email2fa}
 * find their user's hash; a user not found costs one more HMAC and an insertion into that memo, as
 * the first sign-in of a user not seen for a while does on a server. {@code email2faManyUsers}
 * measures that case on every sign-in.
 *
 * <p>Run it with allocation profiling, since bytes per sign-in ({@code gc.alloc.rate.norm}) are half
 * of what it is for (the options given override {@code run.sh}'s defaults of average time in ns):
 *
 * <pre>
 * src/test/bench/run.sh ChallengeCost -bm thrpt -tu s -f 2 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * </pre>
 *
 * The ratio of the two scores ({@code email2fa / spring}) is the figure to follow; absolute
 * numbers depend on the machine.
 *
 * <p>It runs one benchmark thread per core ({@link Threads#MAX}), as a server signs users in: both
 * services are shared by all threads, so the score is sign-ins per second of the whole machine,
 * contention included (Spring's token comes from one {@code SecureRandom} shared by the JVM, and
 * its tokens from one map). {@code -t 1} gives one thread's view instead, where only latency counts.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(Threads.MAX)
public class ChallengeCostBenchmark {

    static final int FLOWS = 4096;
    static final int USERS = 10_000;
    /** Ten times as many users as the module remembers the hashes of. */
    static final int MANY_USERS = 100_000;

    /** The module's challenge service, shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class Email2fa {

        ChallengeService service;

        @Setup(Level.Trial)
        public void setUp() {
            SecureRandom random = new SecureRandom();
            Ticker ticker = Ticker.systemTicker();
            service = new ChallengeService(new CaffeineSharedStore(ContextParams.DEFAULT_CACHE_MAXIMUM_SIZE, ticker),
                    new CodeGenerator(random, ContextParams.DEFAULT_CODE_LENGTH), CodeHasher.withRandomKey(random), random,
                    Clock.systemUTC(), Duration.ofMinutes(5), ContextParams.DEFAULT_CODE_MAX_ATTEMPTS, Duration.ZERO);
        }
    }

    /**
     * The same service on the JCache store of a two-member Hazelcast grid in this JVM: about half
     * the keys live on the other member, so their calls cross between members as on a cluster.
     */
    @State(Scope.Benchmark)
    public static class Email2faOnGrid {

        ChallengeService service;

        @Setup(Level.Trial)
        public void setUp() {
            SecureRandom random = new SecureRandom();
            service = new ChallengeService(new JCacheSharedStore(TwoMemberGrid.shared().a(), "email2fa.bench"),
                    new CodeGenerator(random, ContextParams.DEFAULT_CODE_LENGTH), CodeHasher.withRandomKey(random), random,
                    Clock.systemUTC(), Duration.ofMinutes(5), ContextParams.DEFAULT_CODE_MAX_ATTEMPTS, Duration.ZERO);
        }

        /** Ends the grid, whose threads would otherwise keep the fork alive until JMH gives up on it. */
        @TearDown(Level.Trial)
        public void tearDown() {
            TwoMemberGrid.shutDownShared();
        }
    }

    /** Spring Security's in-memory token service, shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class Spring {

        InMemoryOneTimeTokenService service;

        @Setup(Level.Trial)
        public void setUp() {
            service = new InMemoryOneTimeTokenService();
        }
    }

    /** One thread's flow ids, taken in turn. */
    @State(Scope.Thread)
    public static class Flows {

        final String[] flows = new String[FLOWS];
        int next;

        @Setup(Level.Trial)
        public void setUp(Email2fa email2fa) {
            for (int i = 0; i < FLOWS; i++) {
                flows[i] = email2fa.service.newId();
            }
        }

        String next() {
            String flow = flows[next];
            next = (next + 1) % FLOWS;
            return flow;
        }
    }

    /** One thread's users, taken in turn. */
    @State(Scope.Thread)
    public static class Users {

        final String[] subjects;
        int next;

        public Users() {
            this(USERS);
        }

        Users(int count) {
            subjects = new String[count];
        }

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < subjects.length; i++) {
                subjects[i] = "user" + (100_000 + i);
            }
        }

        /** Moves on to the next user and returns its index. */
        int next() {
            int user = next;
            next = (next + 1) % subjects.length;
            return user;
        }
    }

    /** {@value #MANY_USERS} users taken in turn: none is remembered when it comes back. */
    @State(Scope.Thread)
    public static class ManyUsers extends Users {

        public ManyUsers() {
            super(MANY_USERS);
        }
    }

    @Benchmark
    public Verification.Result email2fa(Email2fa email2fa, Flows flows, Users users) {
        return signIn(email2fa.service, flows, users);
    }

    /**
     * The sign-in of {@code email2fa} for {@value #MANY_USERS} users taken in turn, so each issue
     * finds its user forgotten: one more HMAC and one insertion into the memo, as for a user not
     * seen for a while.
     */
    @Benchmark
    public Verification.Result email2faManyUsers(Email2fa email2fa, Flows flows, ManyUsers users) {
        return signIn(email2fa.service, flows, users);
    }

    @Benchmark
    public Verification.Result email2faOnGrid(Email2faOnGrid email2fa, Flows flows, Users users) {
        return signIn(email2fa.service, flows, users);
    }

    /** One sign-in: a code for the next flow and user, then that code; anything but success fails the run. */
    private static Verification.Result signIn(ChallengeService service, Flows flows, Users users) {
        String flow = flows.next();
        String subject = users.subjects[users.next()];
        Issued issued = service.issue(flow, subject)
                .orElseThrow(() -> new IllegalStateException("no code was issued for a fresh flow"));
        Verification.Result result = service.verify(flow, subject, issued.code());
        if (result != Verification.Result.VERIFIED) {
            throw new IllegalStateException("the right code was not verified: " + result);
        }
        return result;
    }

    @Benchmark
    public OneTimeToken spring(Spring spring, Users users) {
        OneTimeToken token = spring.service.generate(new GenerateOneTimeTokenRequest(users.subjects[users.next()]));
        OneTimeToken consumed = spring.service.consume(new OneTimeTokenAuthenticationToken(token.getTokenValue()));
        if (consumed == null) {
            throw new IllegalStateException("the token just generated was not consumed");
        }
        return consumed;
    }
}
