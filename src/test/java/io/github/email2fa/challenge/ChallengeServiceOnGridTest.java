package io.github.email2fa.challenge;

import static io.github.email2fa.challenge.ServiceFixture.COOLDOWN;
import static io.github.email2fa.challenge.ServiceFixture.FLOW;
import static io.github.email2fa.challenge.ServiceFixture.SUBJECT;
import static io.github.email2fa.challenge.ServiceFixture.TTL;
import static io.github.email2fa.challenge.ServiceFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.ChallengeService.Issued;
import io.github.email2fa.challenge.Verification.Reason;
import io.github.email2fa.store.JCacheSharedStore;
import io.github.email2fa.support.FakeTicker;
import io.github.email2fa.testing.TwoMemberGrid;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's own updates on a grid of two Hazelcast members: two nodes, each with its own
 * service on its own member and the same hashing key, serve one user's flow in turns. Every update
 * is serialised to the member that owns the flow, so this also proves they carry all they need.
 */
class ChallengeServiceOnGridTest {

    private static TwoMemberGrid grid;

    /** Both nodes' wall clock: NTP keeps real nodes within a second or two. */
    private final FakeTicker ticker = new FakeTicker();
    private ChallengeService nodeA;
    private ChallengeService nodeB;

    @BeforeAll
    static void startGrid() {
        grid = TwoMemberGrid.shared();
    }

    @BeforeEach
    void twoNodes() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        // Fresh caches per test: the application's name differs.
        String prefix = "email2fa.grid-" + UUID.randomUUID();
        nodeA = node(grid.a(), prefix, key);
        nodeB = node(grid.b(), prefix, key);
    }

    @Test
    void verifyWhenIssuedOnOneNodeThenWrongCodeCountedAndRightCodeVerifiesOnTheOther() {
        String code = nodeA.issue(FLOW, SUBJECT).orElseThrow().code();

        assertEquals(Verification.refused(Reason.WRONG_CODE), nodeB.check(FLOW, SUBJECT, wrong(code)));
        assertEquals(1, nodeA.find(FLOW).orElseThrow().failures());
        assertEquals(Verification.Result.VERIFIED, nodeB.verify(FLOW, SUBJECT, code));
        assertEquals(Verification.refused(Reason.NO_CHALLENGE), nodeA.check(FLOW, SUBJECT, code));
    }

    @Test
    void verifyWhenTwentyRightSubmissionsSplitOverBothNodesThenExactlyOneVerified() throws Exception {
        String code = nodeA.issue(FLOW, SUBJECT).orElseThrow().code();
        List<ChallengeService> nodes = List.of(nodeA, nodeB);

        List<Verification.Result> results = atOnce(20, submission -> nodes.get(submission % 2).verify(FLOW, SUBJECT, code));

        assertEquals(1, Collections.frequency(results, Verification.Result.VERIFIED), results.toString());
        assertEquals(19, Collections.frequency(results, Verification.Result.REJECTED), results.toString());
    }

    @Test
    void checkWhenResentOnTheOtherNodeThenReplacedCodeRecognisedAndNewCodeVerifies() {
        Issued first = nodeA.issue(FLOW, SUBJECT).orElseThrow();

        assertTrue(nodeB.issue(FLOW, SUBJECT).isEmpty(), "the cooldown holds on every node");
        ticker.advance(COOLDOWN);
        Issued second = nodeB.issue(FLOW, SUBJECT).orElseThrow();

        assertTrue(second.challenge().replacedAnother());
        assertEquals(Verification.refused(Reason.REPLACED_CODE), nodeA.check(FLOW, SUBJECT, first.code()));
        assertEquals(Verification.Result.VERIFIED, nodeA.verify(FLOW, SUBJECT, second.code()));
    }

    @Test
    void voidAllWhenLockoutOnOneNodeThenEveryCodeOfTheUserRefusedOnTheOther() {
        String mine = nodeA.issue(FLOW, SUBJECT).orElseThrow().code();
        String other = nodeB.issue("flow-B", SUBJECT).orElseThrow().code();
        String bobs = nodeA.issue("flow-bob", "bob").orElseThrow().code();
        assertEquals(2, nodeB.pendingFor(SUBJECT));

        assertEquals(2, nodeB.voidAll(SUBJECT));

        assertEquals(0, nodeA.pendingFor(SUBJECT));
        assertEquals(Verification.refused(Reason.VOIDED_BY_LOCKOUT), nodeA.check(FLOW, SUBJECT, mine));
        assertEquals(Verification.refused(Reason.VOIDED_BY_LOCKOUT), nodeB.check("flow-B", SUBJECT, other));
        assertEquals(Verification.Result.VERIFIED, nodeB.verify("flow-bob", "bob", bobs));
    }

    /** A node's service: its own member, generator and random source; the application's key and clock. */
    private ChallengeService node(CacheManager member, String prefix, byte[] key) {
        SecureRandom random = new SecureRandom();
        return new ChallengeService(new JCacheSharedStore(member, prefix), new CodeGenerator(random, 6), new CodeHasher(key), random,
                ticker.clock(), TTL, 5, COOLDOWN);
    }

    /** Runs {@code task} for submissions 0 to {@code threads - 1}, each on its own thread, released together. */
    private static <T> List<T> atOnce(int threads, Submission<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int submission = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    gate.await();
                    return task.run(submission);
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One numbered submission. */
    @FunctionalInterface
    private interface Submission<T> {
        T run(int submission) throws Exception;
    }
}
