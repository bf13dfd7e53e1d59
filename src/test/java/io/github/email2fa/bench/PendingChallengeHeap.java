package io.github.email2fa.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.challenge.CodeGenerator;
import io.github.email2fa.challenge.CodeHasher;
import io.github.email2fa.config.ContextParams;
import io.github.email2fa.store.CaffeineSharedStore;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * How much heap pending challenges take on the {@link CaffeineSharedStore}: a plain program,
 * not a JMH benchmark.
 *
 * <p>It builds a {@link ChallengeService} as the module does (real {@link SecureRandom} and
 * {@link Ticker#systemTicker()}, HMAC-SHA-256, 6 digits, 5 minutes, 5 attempts, 30 s cooldown) on a
 * store whose maximum size is the count, and issues that many challenges (1,000,000 by default)
 * through the service, each for a flow id of its own from {@link ChallengeService#newId()} and a
 * user of its own ({@code user1000000}, {@code user1000000@example.com}, ...). Nothing else keeps
 * those strings, so the figure includes them, as it would for users who have since left. The used
 * heap is read after full collections until it settles, once before the fill and once after; the
 * difference over the count is the bytes per pending challenge. It also prints the classes that grew,
 * from the JVM's class histogram, and fails if any challenge was evicted or expired.
 *
 * <pre>
 * src/test/bench/run.sh --heap              # 1,000,000 challenges
 * src/test/bench/run.sh --heap 10000        # a quick check
 * </pre>
 *
 * {@code run.sh} starts it with {@code -Xms2g -Xmx2g -XX:+UseSerialGC}: the serial collector's full
 * collection compacts the whole heap, so the used heap after it is the live data and nothing else
 * (G1 would add the unused tails of its regions). Object sizes do not depend on the collector; they
 * do depend on compressed references, which any heap under 32 GB has. Set {@code BENCH_HEAP_JVM} to
 * run it with other JVM options.
 */
public final class PendingChallengeHeap {

    static final int DEFAULT_COUNT = 1_000_000;
    private static final long MIB = 1024 * 1024;

    private PendingChallengeHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : DEFAULT_COUNT;
        SecureRandom random = new SecureRandom();
        Ticker ticker = Ticker.systemTicker();
        CaffeineSharedStore store = new CaffeineSharedStore(count, ticker);
        ChallengeService service = new ChallengeService(store,
                new CodeGenerator(random, ContextParams.DEFAULT_CODE_LENGTH), CodeHasher.withRandomKey(random), random,
                Clock.systemUTC(), Duration.ofMinutes(5), ContextParams.DEFAULT_CODE_MAX_ATTEMPTS, Duration.ofSeconds(30));
        // One issue and cancel first, so every class of the path is loaded before the baseline.
        String warmUp = service.newId();
        service.issue(warmUp, "warmup").orElseThrow();
        service.cancel(warmUp);

        System.out.println(jvm());
        ClassHistogram histogramBefore = ClassHistogram.take();
        long before = settledUsedHeap();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String subject = "user" + (1_000_000 + i);
            service.issue(service.newId(), subject)
                    .orElseThrow(() -> new IllegalStateException("no code was issued for a fresh flow"));
        }
        long fillMillis = (System.nanoTime() - start) / 1_000_000;
        // Let the store's maintenance (run on the common pool after writes) drain its buffers.
        Thread.sleep(500);
        long after = settledUsedHeap();
        ClassHistogram histogramAfter = ClassHistogram.take();

        long pending = service.pending();
        if (pending != count || service.pendingFor("user1000000") != 1 || service.pendingFor("user" + (999_999 + count)) != 1) {
            throw new IllegalStateException("expected " + count + " pending challenges, the store holds " + pending);
        }
        long bytes = after - before;
        System.out.printf("filled in %,d ms%n", fillMillis);
        System.out.printf("used heap: %,d B before, %,d B after%n", before, after);
        System.out.printf("%,d pending challenges: %,.1f MiB (%,d B), %,.1f B per challenge%n",
                count, (double) bytes / MIB, bytes, (double) bytes / count);
        System.out.println();
        System.out.println(histogramAfter.minus(histogramBefore).table(count));
        Reference.reachabilityFence(service);
        Reference.reachabilityFence(store);
    }

    /** The used heap after full collections, once two readings in a row agree within 16 KiB. */
    private static long settledUsedHeap() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(100);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) <= 16 * 1024) {
                return Math.min(used, last);
            }
            last = used;
        }
        throw new IllegalStateException("the used heap did not settle after 20 full collections");
    }

    /** The JVM facts the figures depend on. */
    private static String jvm() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return "Java " + Runtime.version() + ", max heap " + Runtime.getRuntime().maxMemory() / MIB + " MiB, collectors "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(" + "))
                + ", UseCompressedOops=" + hotSpot.getVMOption("UseCompressedOops").getValue()
                + ", ObjectAlignmentInBytes=" + hotSpot.getVMOption("ObjectAlignmentInBytes").getValue();
    }
}
