package io.github.email2fa.bench;

import io.github.email2fa.Email2fa;
import io.github.email2fa.config.Settings;
import io.github.email2fa.config.SettingsParser;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.testing.ServletFakes;
import io.github.email2fa.testing.TwoMemberGrid;
import io.github.email2fa.web.Email2faFilter;
import io.github.email2fa.web.WebTestAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.cache.CacheManager;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@link Email2faFilter#doFilter} adds to every request that passes it. Every score is the
 * average time of one request through the filter (or of one call of the chain), in nanoseconds
 * with {@code run.sh}'s defaults.
 *
 * <ul>
 * <li>{@code baseline}: the {@link FilterChain} called directly, no filter;</li>
 * <li>{@code verifiedSession}: the hot path, a protected page ({@code /account}) for a session
 *     whose user ({@code alice}) already passed the second factor, on the default Caffeine store;</li>
 * <li>{@code verifiedSessionOnGrid}: the same request on a second module started with
 *     {@code email2fa.store=jcache}, on member a of a two-member Hazelcast grid in this JVM
 *     ({@link TwoMemberGrid}), through a {@link GridCallCounter} that counts every call made on the
 *     grid's {@code CacheManager} and on every cache it hands out. Its secondary result
 *     {@code verifiedSessionOnGrid:gridCalls} is the number of those calls the measured requests
 *     made, added up over the measurement iterations (an {@link AuxCounters.Type#EVENTS} counter;
 *     JMH prints zero as {@code ≈ 0}). Any other figure than zero means the hot path calls the
 *     grid; the set-up already fails the run if 1,000 verified requests make one call;</li>
 * <li>{@code excludedStatic}: {@code /static/app.css}, matched by the {@code /static/*} exclusion;</li>
 * <li>{@code anonymous}: a protected page without a session (nobody logged in).</li>
 * </ul>
 *
 * The added cost of the filter is {@code verifiedSession - baseline}; {@code verifiedSessionOnGrid -
 * verifiedSession} is what the grid store adds to it. The chain hands the request to a
 * {@link Blackhole} in every case, so the filter cannot be optimised into nothing.
 *
 * <p>Only calls made on the benchmark's own thread are counted as the requests' calls. The grid
 * module also reads the grid's account-change counter every
 * {@link io.github.email2fa.session.SessionEpochs#POLL_INTERVAL} on a thread of its own, however
 * many requests there are; that is not a cost of a request and is not in {@code gridCalls}.
 *
 * <p>The request and session are plain Java objects: the session's {@code getAttribute} is one
 * {@code ConcurrentHashMap} lookup, as in the common containers, but a real container's
 * {@code getSession(false)} does some more bookkeeping than the fake's field read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class FilterHotPathBenchmark {

    private Email2fa module;
    private Email2faFilter filter;
    private HttpServletResponse response;
    private Fakes.Request verified;
    private Fakes.Request excludedStatic;
    private Fakes.Request anonymous;

    /** The rest of the chain: gives the request to a blackhole. */
    @State(Scope.Thread)
    public static class Chain implements FilterChain {

        private Blackhole blackhole;

        @Setup(Level.Trial)
        public void setUp(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            blackhole.consume(request);
        }
    }

    /**
     * The module on the grid, with {@code email2fa.store=jcache} and a {@link GridCallCounter} over
     * member a's {@code CacheManager}. A state of its own, so the other benchmarks start no grid.
     */
    @State(Scope.Benchmark)
    public static class OnGrid {

        /** Every call the grid module makes on the grid. */
        static final GridCallCounter CALLS = new GridCallCounter();
        /** The verified requests sent after set-up that must make no grid call, or the run fails. */
        static final int CHECKED_REQUESTS = 1000;
        private static volatile CacheManager manager;

        private Email2fa module;
        private Email2faFilter filter;
        private HttpServletResponse response;
        private Fakes.Request verified;

        /** The {@code email2fa.store.cacheManager} of the grid module: the counting manager. */
        public static final class CountingGrid implements Supplier<CacheManager> {
            @Override
            public CacheManager get() {
                return manager;
            }
        }

        @Setup(Level.Trial)
        public void setUp() throws ServletException, IOException {
            manager = CALLS.counting(TwoMemberGrid.shared().a());
            ServletContext context = ServletFakes.servletContext();
            module = start(context, "email2fa.store", "jcache", "email2fa.store.cacheManager", CountingGrid.class.getName());
            filter = filter(context);
            response = new FakeResponse();
            FakeSession verifiedSession = new FakeSession().with("user", "alice");
            WebTestAccess.markVerified(module, verifiedSession, "alice");
            verified = Fakes.Request.to("/account", verifiedSession);
            requirePasses(filter, verified, response, "verified session on /account, on the grid");

            // The figure this benchmark is for must not go silently: a verified request that calls the grid fails the run.
            long before = CALLS.onThisThread();
            for (int i = 0; i < CHECKED_REQUESTS; i++) {
                requirePasses(filter, verified, response, "verified session on /account, on the grid");
            }
            long made = CALLS.onThisThread() - before;
            if (made != 0) {
                throw new IllegalStateException(CHECKED_REQUESTS + " verified requests on the grid module made " + made
                        + " grid calls; the verified-session hot path must make none");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            module.close();
            TwoMemberGrid.shutDownShared();
        }
    }

    /**
     * The grid calls one benchmark thread made during a measurement iteration: the count on this
     * thread at its end less that at its start. JMH adds them up over threads and iterations.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class GridCalls {

        /** Calls on the grid in this iteration; JMH reads it after {@link #stop}. */
        public long gridCalls;
        private long atStart;

        @Setup(Level.Iteration)
        public void start() {
            atStart = OnGrid.CALLS.onThisThread();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            gridCalls = OnGrid.CALLS.onThisThread() - atStart;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws ServletException, IOException {
        ServletContext context = ServletFakes.servletContext();
        module = start(context);
        filter = filter(context);

        response = new FakeResponse();
        FakeSession verifiedSession = new FakeSession().with("user", "alice");
        WebTestAccess.markVerified(module, verifiedSession, "alice");
        verified = Fakes.Request.to("/account", verifiedSession);
        excludedStatic = Fakes.Request.to("/static/app.css", null);
        anonymous = Fakes.Request.to("/account", null);

        // Each scenario must reach the chain exactly once; a refusal would leave the fakes and fail here.
        requirePasses(filter, verified, response, "verified session on /account");
        requirePasses(filter, excludedStatic, response, "/static/app.css");
        requirePasses(filter, anonymous, response, "anonymous request on /account");
    }

    /** Starts a module in {@code context} on the benchmarks' settings, with {@code more} settings as name, value, ... */
    private static Email2fa start(ServletContext context, String... more) {
        Map<String, String> values = new HashMap<>(Map.of(
                "email2fa.smtp.host", "127.0.0.1",
                "email2fa.smtp.from", "no-reply@example.com",
                "email2fa.subject.source", "session:user",
                "email2fa.exclude", "/login,/static/*",
                "email2fa.mail.checkOnStartup", "false",
                "email2fa.accountStore", "io.github.email2fa.account.InMemoryAccountStore"));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        Settings settings = SettingsParser.parse(values, "bench");
        Email2fa started = Email2fa.start(settings, context);
        context.setAttribute(Email2fa.CONTEXT_ATTRIBUTE, started);
        return started;
    }

    /** The filter of the module started in {@code context}. */
    private static Email2faFilter filter(ServletContext context) throws ServletException {
        Email2faFilter filter = new Email2faFilter();
        filter.init(ServletFakes.filterConfig(context));
        return filter;
    }

    private static void requirePasses(Email2faFilter filter, Fakes.Request request, HttpServletResponse response, String what)
            throws ServletException, IOException {
        int[] calls = {0};
        filter.doFilter(request, response, (req, res) -> calls[0]++);
        if (calls[0] != 1) {
            throw new IllegalStateException("the filter did not pass the " + what + " to the chain");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        module.close();
    }

    @Benchmark
    public void baseline(Chain chain) throws ServletException, IOException {
        chain.doFilter(verified, response);
    }

    @Benchmark
    public void verifiedSession(Chain chain) throws ServletException, IOException {
        filter.doFilter(verified, response, chain);
    }

    /** {@code verifiedSession} on the grid module; {@code calls} reports the grid calls it made. */
    @Benchmark
    public void verifiedSessionOnGrid(OnGrid grid, Chain chain, GridCalls calls) throws ServletException, IOException {
        grid.filter.doFilter(grid.verified, grid.response, chain);
    }

    @Benchmark
    public void excludedStatic(Chain chain) throws ServletException, IOException {
        filter.doFilter(excludedStatic, response, chain);
    }

    @Benchmark
    public void anonymous(Chain chain) throws ServletException, IOException {
        filter.doFilter(anonymous, response, chain);
    }
}
