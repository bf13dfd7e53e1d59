package io.github.email2fa.it.containers;

import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.TestArchives;
import io.github.email2fa.it.support.WebClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro instances that form one data grid over TCP on 127.0.0.1 (a cluster name of
 * their own, no multicast), each running the same two test applications with
 * {@code email2fa.store=jcache}: a user's requests may reach either node, and every limit holds
 * across both. The application {@value #APP} reads its code key from a file; {@value #OTHER_APP}
 * lets the grid create one.
 *
 * <p>A browser moving between nodes is a {@link WebClient} {@linkplain WebClient#on moved} to the
 * other node's port with its cookies: the session comes along by Payara's session replication
 * (the WARs are {@code <distributable/>}). Every test uses accounts of its own; the last one
 * kills node A with {@code kill -9}.
 *
 * <p>A third Payara Micro, started beside them with {@code --nohazelcast}, has no grid: there the
 * same application must fail to deploy with one clear message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraClusterIT {

    static final String APP = "cluster-one";
    static final String OTHER_APP = "cluster-two";
    static final String NO_GRID_APP = "cluster-nogrid";
    static final int SENDS_PER_ACCOUNT = 3;
    static final int LOCKOUT_THRESHOLD = 10;
    static final String LOCKED = "sign-in with a code is paused";
    static final String QUOTA_USED = "Too many codes were requested";
    /** Requests per measurement of the two-nodes-against-one test, unless {@code cluster.requests} says otherwise. */
    static final int THROUGHPUT_REQUESTS = 800;

    private Mailbox mailbox;
    private PayaraMicro nodeA;
    private PayaraMicro nodeB;
    /** A third Payara Micro, without Hazelcast, where the application cannot find a grid. */
    private PayaraMicro withoutGrid;
    private long startNanos;

    @BeforeAll
    void startTwoNodesOfOneClusterAndOneWithoutGrid() {
        startNanos = System.nanoTime();
        mailbox = Mailbox.start();
        try {
            int gridPortA = ServerProcess.freePort();
            int gridPortB = ServerProcess.freePort();
            String members = "tcpip:127.0.0.1:" + gridPortA + ",127.0.0.1:" + gridPortB;
            String cluster = "email2fa-it-" + UUID.randomUUID();
            nodeA = PayaraMicro.named("payara-cluster-a").inCluster(clusterOptions(members, gridPortA, cluster, "A"));
            nodeB = PayaraMicro.named("payara-cluster-b").inCluster(clusterOptions(members, gridPortB, cluster, "B"));
            List<WebArchive> wars = List.of(app(APP, Map.of("email2fa.codeKey", "file:" + codeKeyFile())), app(OTHER_APP, Map.of()));
            nodeA.launch(wars, List.of());
            nodeB.launch(wars, List.of());
            withoutGrid = PayaraMicro.named("payara-cluster-nogrid").inCluster(List.of("--nohazelcast"));
            withoutGrid.launch(List.of(app(NO_GRID_APP, Map.of())), List.of());
            for (PayaraMicro node : List.of(nodeA, nodeB)) {
                node.awaitStarted("/" + APP + "/login");
                // Payara's "Data Grid Status" line once both members have found each other.
                node.process().awaitLog("DG Size: 2", Duration.ofSeconds(60));
            }
        } catch (Throwable e) {
            stopQuietly();
            throw e;
        }
    }

    @AfterAll
    void stopTheNodes() {
        stopQuietly();
        FlowScenario.recordSeconds(getClass().getSimpleName(), startNanos);
    }

    @Test
    @Order(1)
    void eachNodeLogsThatTheStateIsInJCacheWithTheCachesOfEachApplication() {
        for (PayaraMicro node : List.of(nodeA, nodeB)) {
            String log = node.process().logText();
            for (String app : List.of(APP, OTHER_APP)) {
                assertTrue(log.lines().anyMatch(line -> line.contains("email2fa keeps its short-lived state in JCache")
                        && line.endsWith(" at hazelcast, caches email2fa.server.%2F" + app + ".*")),
                        "the start-up line of " + app + " on " + node.dir + ":\n" + log.lines().filter(line -> line.contains("email2fa")).toList());
            }
        }
    }

    @Test
    @Order(2)
    void withoutAGridTheDeploymentFailsWithOneMessageThatSaysWhatToFix() {
        withoutGrid.process().awaitLog(" ready in ", ServerProcess.START_TIMEOUT);
        List<String> messages = withoutGrid.process().logText().lines()
                .filter(line -> line.contains("SEVERE") && line.contains("email2fa cannot start:")).toList();
        assertEquals(1, messages.size(), "one message:\n" + withoutGrid.process().logTail(60));
        assertTrue(messages.get(0).contains("email2fa.store=jcache, but no javax.cache.CacheManager was found"), messages.get(0));
        assertTrue(messages.get(0).contains("--nohazelcast"), "names the option that took the grid away: " + messages.get(0));
        assertEquals(404, new WebClient(appOn(withoutGrid, NO_GRID_APP)).get("login").statusCode(), "the application serves nothing");
        withoutGrid.stop();
    }

    @Test
    @Order(3)
    void codeIssuedThroughNodeAIsVerifiedThroughNodeBAndTheSessionWorksOnBoth() {
        WebClient onA = new WebClient(appOn(nodeA, APP));
        WebClient onB = onA.on(appOn(nodeB, APP));
        assertEquals(302, onA.post("public/test-login", form("username", "ada")).statusCode());
        HttpResponse<String> owed = onB.get("account");
        assertEquals(onB.contextPath() + "/email2fa/challenge", locationPath(owed), "node B knows the login of node A");
        int seen = mailbox.count("ada@example.com");
        assertEquals(200, onA.get("email2fa/challenge").statusCode(), "the code is issued through node A");
        String code = mailbox.awaitCode("ada@example.com", seen);

        HttpResponse<String> verified = onB.submitCode(code);
        assertEquals(303, verified.statusCode(), verified.body());
        assertEquals(onB.contextPath() + "/account", locationPath(verified), "back to the page first asked for");
        assertSignedIn(onA, "ada");
        assertSignedIn(onB, "ada");
        // How a node knows that its own copy of a session is stale: the browser carries the
        // session's version in a cookie of Payara's, which a balancer passes like any other.
        assertNotNull(onA.cookie("JSESSIONIDVERSION"), "Payara's session version cookie");
    }

    @Test
    @Order(3)
    void passwordChangeMadeThroughNodeAReachesASessionOnNodeBWithinTwoPolls() {
        WebClient onB = new WebClient(appOn(nodeB, APP));
        String code = signIn(onB, "grace");
        assertEquals(303, onB.submitCode(code).statusCode());
        assertSignedIn(onB, "grace");

        assertEquals("ok", new WebClient(appOn(nodeA, APP)).post("public/probe/password-changed", form("subject", "grace")).body()
                .strip(), "the change is made on node A");

        // Node B learns of it when it next polls the grid's change counter (every 2 s).
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        HttpResponse<String> asked;
        do {
            pause(Duration.ofMillis(250));
            asked = onB.get("account");
        } while (asked.statusCode() == 200 && System.nanoTime() < deadline);
        assertEquals(303, asked.statusCode(), "the session on node B is asked for a code again");
        assertEquals(onB.contextPath() + "/email2fa/challenge", locationPath(asked));
    }

    /**
     * Verified loads of {@code /account} through node A alone, then through both nodes in turn, by
     * 4 client threads; the ratio of the two rates is written to {@code cluster-throughput.txt} in
     * the build directory. Each measurement is {@value #THROUGHPUT_REQUESTS} requests, or the system
     * property {@code cluster.requests} (which {@code src/test/bench/run.sh --cluster} sets higher),
     * after a quarter as many to warm both nodes.
     */
    @Test
    @Order(3)
    void verifiedPagesServedByTwoNodesAgainstOneReportedAsARatio() throws Exception {
        int requests = Integer.getInteger("cluster.requests", THROUGHPUT_REQUESTS);
        // Run alone, no earlier test has stopped the node without a grid; it must take no core from the measurement.
        withoutGrid.stop();
        WebClient onA = new WebClient(appOn(nodeA, APP));
        String code = signIn(onA, "hedy");
        assertEquals(303, onA.submitCode(code).statusCode());
        WebClient onB = onA.on(appOn(nodeB, APP));
        assertSignedIn(onB, "hedy");

        // Warm both nodes, then the same load through one node and through both; nothing is asserted on time.
        load(List.of(onA, onB), Math.max(1, requests / 4));
        double oneNode = load(List.of(onA), requests);
        double twoNodes = load(List.of(onA, onB), requests);
        String report = String.format(Locale.ROOT, "verified page /account: 1 node %.0f requests/s, 2 nodes %.0f requests/s,"
                + " ratio %.2f (%d requests each, 4 client threads, both nodes and the client on %d cores)%n", oneNode, twoNodes,
                twoNodes / oneNode, requests, Runtime.getRuntime().availableProcessors());
        System.out.print(report);
        Files.writeString(Path.of(System.getProperty("it.buildDir", "target"), "cluster-throughput.txt"),
                report);
    }

    /**
     * Requests per second of {@code requests} verified page loads from 4 threads, each sending its
     * share to the clients in turn; every answer must be the page.
     */
    private static double load(List<WebClient> clients, int requests) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = thread; i < requests; i += threads) {
                        HttpResponse<String> page = clients.get(i % clients.size()).get("account");
                        assertEquals(200, page.statusCode());
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get(120, TimeUnit.SECONDS);
            }
            return requests / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void twoHundredParallelWrongCodesOverBothNodesAreAllCountedAndLockTheAccountOnce() {
        String user = "mallory";
        WebClient onA = new WebClient(appOn(nodeA, APP));
        String codeA = signIn(onA, user);
        WebClient onB = new WebClient(appOn(nodeB, APP));
        String codeB = signIn(onB, user);
        String wrong = codeOtherThan(codeA, codeB);
        long failuresBefore = jmxSum(APP, "Failures");
        long lockoutsBefore = jmxSum(APP, "Lockouts");

        String csrfA = onA.csrf();
        String csrfB = onB.csrf();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pending.add(onA.postAsync("email2fa/verify", form("csrf", csrfA, "code", wrong)));
            pending.add(onB.postAsync("email2fa/verify", form("csrf", csrfB, "code", wrong)));
        }
        List<HttpResponse<String>> responses = pending.stream().map(CompletableFuture::join).toList();

        assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 429),
                "each one refused: " + responses.stream().map(HttpResponse::statusCode).distinct().toList());
        assertEquals(200, jmxSum(APP, "Failures") - failuresBefore, "every one of them was a failure on one of the nodes");
        assertEquals(1, jmxSum(APP, "Lockouts") - lockoutsBefore, "exactly one lockout, on one node");
        for (PayaraMicro node : List.of(nodeA, nodeB)) {
            Map<String, String> status = probe(node, APP, "status?subject=" + user);
            assertEquals("true", status.get("locked"), "locked, as node " + node.dir.getFileName() + " sees it");
            assertEquals(String.valueOf(LOCKOUT_THRESHOLD), status.get("consecutiveFailures"),
                    "the grid counted up to the threshold and nothing while locked");
        }
        for (Map.Entry<WebClient, String> rightCode : Map.of(onA, codeA, onB, codeB).entrySet()) {
            HttpResponse<String> refused = rightCode.getKey().submitCode(rightCode.getValue());
            assertEquals(429, refused.statusCode(), "the right code meets the lock on " + rightCode.getKey().url(""));
            assertTrue(refused.body().contains(LOCKED), refused.body());
        }
    }

    @Test
    @Order(5)
    void sendQuotaOfAnAccountHoldsAcrossBothNodes() {
        String user = "sam";
        WebClient onA = new WebClient(appOn(nodeA, APP));
        WebClient onB = onA.on(appOn(nodeB, APP));
        signIn(onA, user);
        resend(onB, user);
        resend(onA, user);
        int sent = mailbox.count(user + "@example.com");
        assertEquals(SENDS_PER_ACCOUNT, sent, "one sign-in and two resends, through alternating nodes");

        for (WebClient client : List.of(onB, onA)) {
            pause(Duration.ofMillis(1100));
            HttpResponse<String> limited = client.post("email2fa/resend", form("csrf", client.csrf()));
            assertEquals(429, limited.statusCode(), "the quota is used up, also on " + client.url(""));
            assertTrue(limited.body().contains(QUOTA_USED), limited.body());
        }
        WebClient elsewhere = new WebClient(appOn(nodeB, APP));
        assertEquals(302, elsewhere.post("public/test-login", form("username", user)).statusCode());
        assertEquals(303, elsewhere.get("account").statusCode());
        assertTrue(elsewhere.get("email2fa/challenge").body().contains(QUOTA_USED), "a new session on node B meets it too");
        pause(Duration.ofMillis(300));
        assertEquals(sent, mailbox.count(user + "@example.com"), "no mail after the quota");
        assertEquals(String.valueOf(SENDS_PER_ACCOUNT), probe(nodeB, APP, "status?subject=" + user).get("sendsInWindow"));
    }

    @Test
    @Order(6)
    void twoApplicationsOnTheSameGridKeepTheirStateApart() {
        String user = "otto";
        WebClient one = new WebClient(appOn(nodeA, APP));
        String codeOfOne = signIn(one, user);
        WebClient two = new WebClient(appOn(nodeB, OTHER_APP));
        String codeOfTwo = signIn(two, user);
        for (String app : List.of(APP, OTHER_APP)) {
            Map<String, String> status = probe(nodeA, app, "status?subject=" + user);
            assertEquals("1", status.get("pendingChallenges"), app + " sees its own code only");
            assertEquals("1", status.get("sendsInWindow"), app + " counts its own send only");
        }
        if (!codeOfOne.equals(codeOfTwo)) {
            assertEquals(200, two.submitCode(codeOfOne).statusCode(), "the code of " + APP + " is unknown to " + OTHER_APP);
        }

        String csrf = one.csrf();
        String wrong = codeOtherThan(codeOfOne, codeOfTwo);
        for (int i = 1; i < LOCKOUT_THRESHOLD; i++) {
            assertEquals(200, one.post("email2fa/verify", form("csrf", csrf, "code", wrong)).statusCode(),
                    "failure " + i + " of " + APP + ": the one in " + OTHER_APP + " did not count here");
        }
        assertEquals(429, one.post("email2fa/verify", form("csrf", csrf, "code", wrong)).statusCode(), "locked in " + APP);
        assertEquals("true", probe(nodeB, APP, "status?subject=" + user).get("locked"));
        assertEquals("false", probe(nodeB, OTHER_APP, "status?subject=" + user).get("locked"), "but not in " + OTHER_APP);
        HttpResponse<String> verified = two.submitCode(codeOfTwo);
        assertEquals(303, verified.statusCode(), "the code of " + OTHER_APP + " still works: " + verified.body());
        assertSignedIn(two, user);
    }

    @Test
    @Order(7)
    void afterKillNineOfNodeAInTheMiddleOfAChallengeTheUsersFinishOnNodeBWithTheSameCodes() {
        // Several users, so that some of their sessions and codes are kept by node A's partitions, not only by B's.
        Map<String, WebClient> onA = new LinkedHashMap<>();
        Map<String, String> codes = new HashMap<>();
        for (String user : List.of("kim", "lee", "max", "noa")) {
            onA.put(user, new WebClient(appOn(nodeA, APP)));
            codes.put(user, signIn(onA.get(user), user));
        }
        nodeA.process().kill();

        long start = System.nanoTime();
        for (Map.Entry<String, WebClient> user : onA.entrySet()) {
            WebClient onB = user.getValue().on(appOn(nodeB, APP));
            HttpResponse<String> verified = onB.submitCode(codes.get(user.getKey()));
            assertEquals(303, verified.statusCode(), user.getKey() + ": " + verified.body());
            assertEquals(onB.contextPath() + "/account", locationPath(verified));
            assertSignedIn(onB, user.getKey());
        }
        System.out.println("[cluster] after kill -9 of node A, four users finished on node B in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    }

    // ---- helpers ----

    /**
     * A fixed grid port, both members listed, and a cluster name of its own, so that no other
     * Payara on this machine or network joins. Payara's default host-aware partitioning stays on:
     * with every member on one address, Hazelcast still keeps each backup on the other member.
     */
    private static List<String> clusterOptions(String members, int gridPort, String cluster, String name) {
        return List.of("--clustermode", members, "--interfaces", "127.0.0.1", "--startport", String.valueOf(gridPort),
                "--clustername", cluster, "--name", name);
    }

    /** The abuse-resistance test application (any user name signs in, a probe) on the grid, with tight send limits. */
    private WebArchive app(String name, Map<String, String> more) {
        Map<String, String> settings = TestArchives.exampleSettings(mailbox.port());
        settings.put("email2fa.email.resolver", "io.github.email2fa.it.support.NameAtExampleResolver");
        settings.put("email2fa.store", "jcache");
        settings.put("email2fa.resend.cooldown", "1s");
        settings.put("email2fa.send.perAccount", String.valueOf(SENDS_PER_ACCOUNT));
        settings.put("email2fa.send.perIp", "1000");
        settings.putAll(more);
        return TestArchives.abuseApp(name, settings);
    }

    /** A random 32-byte key in Base64, in a file both nodes read. */
    private static Path codeKeyFile() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Distributions.writeFile(Distributions.containersDir().resolve("payara-cluster-code.key"),
                Base64.getEncoder().encodeToString(key) + "\n");
    }

    private static URL appOn(PayaraMicro node, String app) {
        return node.url("/" + app + "/");
    }

    /** Logs a user in through the test login and opens the challenge page; returns the mailed code. */
    private String signIn(WebClient client, String user) {
        int seen = mailbox.count(user + "@example.com");
        assertEquals(302, client.post("public/test-login", form("username", user)).statusCode());
        assertEquals(303, client.get("account").statusCode());
        assertEquals(200, client.get("email2fa/challenge").statusCode());
        return mailbox.awaitCode(user + "@example.com", seen);
    }

    /** Waits out the 1 s resend cooldown and asks for a new code; returns it. */
    private String resend(WebClient client, String user) {
        pause(Duration.ofMillis(1100));
        int seen = mailbox.count(user + "@example.com");
        HttpResponse<String> resent = client.post("email2fa/resend", form("csrf", client.csrf()));
        assertEquals(303, resent.statusCode(), resent.body());
        return mailbox.awaitCode(user + "@example.com", seen);
    }

    private static void assertSignedIn(WebClient client, String user) {
        HttpResponse<String> account = client.get("account");
        assertEquals(200, account.statusCode(), "the account page on " + client.url(""));
        assertTrue(account.body().contains("Signed in as <strong>" + user + "</strong>"), account.body());
    }

    /** A well-formed code that is neither of these. */
    private static String codeOtherThan(String... codes) {
        for (String candidate : List.of("000000", "111111", "222222")) {
            if (!List.of(codes).contains(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("unreachable");
    }

    private static Map<String, String> probe(PayaraMicro node, String app, String what) {
        Map<String, String> values = new HashMap<>();
        HttpResponse<String> response = new WebClient(appOn(node, app)).get("public/probe/" + what);
        assertEquals(200, response.statusCode(), response.body());
        for (String line : response.body().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    /** A JMX counter of the application, added up over both nodes: each node counts what it handled. */
    private long jmxSum(String app, String attribute) {
        long sum = 0;
        for (PayaraMicro node : List.of(nodeA, nodeB)) {
            sum += Long.parseLong(probe(node, app, "jmx").get(attribute));
        }
        return sum;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stopQuietly() {
        for (PayaraMicro node : new PayaraMicro[] {nodeA, nodeB, withoutGrid}) {
            try {
                if (node != null) {
                    node.stop();
                }
            } catch (RuntimeException e) {
                System.err.println("could not stop " + node.dir + ": " + e);
            }
        }
        if (mailbox != null) {
            mailbox.stop();
        }
    }
}
