package io.github.email2fa.bench;

import io.github.email2fa.account.AccountRecord;
import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.account.JdbcAccountStore;
import io.github.email2fa.device.DeviceCookie;
import io.github.email2fa.device.DeviceToken;
import io.github.email2fa.device.RememberedDevices;
import io.github.email2fa.device.RememberedDevices.Recognized;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * What recognising a remembered device costs per sign-in, with the real {@link SecureRandom},
 * {@link Clock#systemUTC()} and a 30-day lifetime.
 *
 * <ul>
 * <li>{@code recognizeInMemory}: {@link RememberedDevices#recognize} on an {@link InMemoryAccountStore}:
 *     SHA-256 of the token, the device looked up, the account's epoch read, a new token drawn and
 *     hashed, and the compare-and-set rotation. The in-memory store finds a device by scanning all
 *     devices; here it holds one per benchmark thread.</li>
 * <li>{@code recognizeH2}: the same on a {@link JdbcAccountStore} over an in-memory H2 database
 *     ({@link JdbcDataSource}, not pooled: each of the three store calls opens its own session).</li>
 * <li>{@code missH2}: a well-formed token no device has, on H2: one hash and one SELECT that finds nothing.</li>
 * <li>{@code readCookie}: {@link DeviceCookie#read} on a request with three cookies, the device's
 *     ({@value DeviceCookie#SECURE_NAME}) last.</li>
 * </ul>
 *
 * Every recognition rotates the token, so each benchmark thread remembers a device of its own (for
 * a subject of its own, enrolled at epoch 0) and keeps the token the last call returned. A call that
 * does not recognise the device, or a miss that does, throws, which fails the run: the numbers are
 * always for the path named.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RememberedDeviceBenchmark {

    static final Duration LIFETIME = Duration.ofDays(30);
    static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    /** A store and the service on it, shared by all benchmark threads. */
    public abstract static class Services {

        AccountStore store;
        RememberedDevices devices;

        void start(AccountStore accountStore) {
            store = accountStore;
            devices = new RememberedDevices(store, new SecureRandom(), Clock.systemUTC(), LIFETIME);
        }
    }

    @State(Scope.Benchmark)
    public static class InMemory extends Services {

        @Setup(Level.Trial)
        public void setUp() {
            start(new InMemoryAccountStore());
        }
    }

    @State(Scope.Benchmark)
    public static class H2 extends Services {

        /** Well formed, but no device has it. */
        String unknownToken;

        @Setup(Level.Trial)
        public void setUp() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
            start(new JdbcAccountStore(dataSource, true));
            unknownToken = DeviceToken.generate(new SecureRandom());
            if (store.findDevice(DeviceToken.hash(unknownToken).orElseThrow()) != null) {
                throw new IllegalStateException("the unknown token is known");
            }
        }
    }

    /** One thread's device: its subject and the token its cookie holds now. */
    public abstract static class Device {

        Services services;
        String subject;
        String token;

        void remember(Services shared, ThreadParams thread) {
            services = shared;
            subject = "user" + thread.getThreadIndex() + "@example.com";
            services.store.setEnrolled(subject, true);
            AccountRecord account = services.store.find(subject);
            token = services.devices.remember(subject, USER_AGENT, account.epoch()).token();
            recognize(); // fails here, before any measurement, if the set-up is wrong
        }

        /** Recognises the device and keeps the rotated token; throws if it was not recognised. */
        Recognized recognize() {
            Optional<Recognized> recognized = services.devices.recognize(subject, token);
            if (recognized.isEmpty()) {
                throw new IllegalStateException("the remembered device of " + subject + " was not recognised");
            }
            Recognized r = recognized.get();
            token = r.newToken();
            return r;
        }

        @TearDown(Level.Trial)
        public void forget() {
            services.devices.forgetAll(subject);
        }
    }

    @State(Scope.Thread)
    public static class InMemoryDevice extends Device {

        @Setup(Level.Trial)
        public void setUp(InMemory shared, ThreadParams thread) {
            remember(shared, thread);
        }
    }

    @State(Scope.Thread)
    public static class H2Device extends Device {

        @Setup(Level.Trial)
        public void setUp(H2 shared, ThreadParams thread) {
            remember(shared, thread);
        }
    }

    /** A request with three cookies, the device's last. */
    @State(Scope.Thread)
    public static class CookieRequest {

        HttpServletRequest request;

        @Setup(Level.Trial)
        public void setUp() {
            String token = DeviceToken.generate(new SecureRandom());
            request = new WithCookies(
                    new Cookie("JSESSIONID", "6F2C1A9E0B7D4C3F8A5E2D1B0C9F8E7D"),
                    new Cookie("lang", "en"),
                    new Cookie(DeviceCookie.SECURE_NAME, token));
            if (!DeviceCookie.read(request).orElseThrow().equals(token)) {
                throw new IllegalStateException("the device cookie was not read");
            }
        }
    }

    @Benchmark
    public Recognized recognizeInMemory(InMemoryDevice device) {
        return device.recognize();
    }

    @Benchmark
    public Recognized recognizeH2(H2Device device) {
        return device.recognize();
    }

    @Benchmark
    public Optional<Recognized> missH2(H2Device device) {
        Optional<Recognized> recognized = device.services.devices.recognize(device.subject,
                ((H2) device.services).unknownToken);
        if (recognized.isPresent()) {
            throw new IllegalStateException("an unknown token was recognised");
        }
        return recognized;
    }

    @Benchmark
    public Optional<String> readCookie(CookieRequest cookies) {
        return DeviceCookie.read(cookies.request);
    }

    /**
     * A request whose {@code getCookies} is a plain field, returned as is, as containers do once
     * they have parsed the header; every other method throws.
     */
    static final class WithCookies extends HttpServletRequestWrapper {

        private final Cookie[] cookies;

        WithCookies(Cookie... cookies) {
            super(throwingRequest());
            this.cookies = cookies;
        }

        @Override
        public Cookie[] getCookies() {
            return cookies;
        }

        private static HttpServletRequest throwingRequest() {
            return (HttpServletRequest) Proxy.newProxyInstance(WithCookies.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (self, method, args) -> {
                        throw new UnsupportedOperationException("benchmark request does not support "
                                + method.getName() + "(): the benchmark left the path it is meant to measure");
                    });
        }
    }
}
