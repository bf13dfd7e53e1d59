package io.github.email2fa.bench;

import io.github.email2fa.Email2fa;
import io.github.email2fa.config.Settings;
import io.github.email2fa.config.SettingsParser;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.testing.ServletFakes;
import io.github.email2fa.web.Email2faFilter;
import io.github.email2fa.web.WebTestAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@link Email2faFilter#doFilter} adds to every request that passes it.
 *
 * <ul>
 * <li>{@code baseline}: the {@link FilterChain} called directly, no filter;</li>
 * <li>{@code verifiedSession}: the hot path, a protected page ({@code /account}) for a session
 *     whose user ({@code alice}) already passed the second factor;</li>
 * <li>{@code excludedStatic}: {@code /static/app.css}, matched by the {@code /static/*} exclusion;</li>
 * <li>{@code anonymous}: a protected page without a session (nobody logged in).</li>
 * </ul>
 *
 * The added cost of the filter is {@code verifiedSession - baseline}. The chain hands the request
 * to a {@link Blackhole} in every case, so the filter cannot be optimised into nothing.
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

    @Setup(Level.Trial)
    public void setUp() throws ServletException, IOException {
        Settings settings = SettingsParser.parse(Map.of(
                "email2fa.smtp.host", "127.0.0.1",
                "email2fa.smtp.from", "no-reply@example.com",
                "email2fa.subject.source", "session:user",
                "email2fa.exclude", "/login,/static/*",
                "email2fa.mail.checkOnStartup", "false",
                "email2fa.accountStore", "io.github.email2fa.account.InMemoryAccountStore"), "bench");
        ServletContext context = ServletFakes.servletContext();
        module = Email2fa.start(settings, context);
        context.setAttribute(Email2fa.CONTEXT_ATTRIBUTE, module);
        filter = new Email2faFilter();
        filter.init(ServletFakes.filterConfig(context));

        response = new FakeResponse();
        FakeSession verifiedSession = new FakeSession().with("user", "alice");
        WebTestAccess.markVerified(module, verifiedSession, "alice");
        verified = Fakes.Request.to("/account", verifiedSession);
        excludedStatic = Fakes.Request.to("/static/app.css", null);
        anonymous = Fakes.Request.to("/account", null);

        // Each scenario must reach the chain exactly once; a refusal would leave the fakes and fail here.
        requirePasses(verified, "verified session on /account");
        requirePasses(excludedStatic, "/static/app.css");
        requirePasses(anonymous, "anonymous request on /account");
    }

    private void requirePasses(Fakes.Request request, String what) throws ServletException, IOException {
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

    @Benchmark
    public void excludedStatic(Chain chain) throws ServletException, IOException {
        filter.doFilter(excludedStatic, response, chain);
    }

    @Benchmark
    public void anonymous(Chain chain) throws ServletException, IOException {
        filter.doFilter(anonymous, response, chain);
    }
}
