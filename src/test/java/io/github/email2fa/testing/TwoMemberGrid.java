package io.github.email2fa.testing;

import com.hazelcast.cache.HazelcastCacheManager;
import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.CacheManager;

/**
 * A data grid of two Hazelcast members in the test JVM, so a call through one member's
 * {@link CacheManager} for a key the other owns really crosses the network (loopback) and is
 * serialised both ways. Started once per test JVM on first use, since a start takes seconds, and
 * stopped by Hazelcast's shutdown hook: tests share it and keep apart by cache names.
 *
 * <p>The members join by TCP-IP on 127.0.0.1 only, on two free ports, in a cluster of a random
 * name, so no other grid on the machine (a Payara, another build) can join or be joined.
 */
public final class TwoMemberGrid {

    /** Hazelcast logs through JUL; held here so the levels set on them stay. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    /** Warns on every start that the JVM lacks the --add-opens that would make it a little faster. */
    private static final Logger HAZELCAST_START_LOG = Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory");
    private static TwoMemberGrid shared;

    private final List<HazelcastInstance> members;
    private final List<CacheManager> managers;

    private TwoMemberGrid() {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        HAZELCAST_START_LOG.setLevel(Level.SEVERE);
        String cluster = "email2fa-test-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        while (portB == portA) {
            portB = freePort();
        }
        // a knows no other member, so it founds the cluster at once; b then joins a. Started together, each might
        // wait out its search and found a cluster of its own.
        HazelcastInstance a = member(cluster, "a", portA);
        members = List.of(a, member(cluster, "b", portB, portA));
        waitUntilSafe();
        managers = List.of(manager(members.get(0)), manager(members.get(1)));
    }

    /** The grid of this test JVM, started on the first call. */
    public static synchronized TwoMemberGrid shared() {
        if (shared == null) {
            shared = new TwoMemberGrid();
        }
        return shared;
    }

    /**
     * Ends the members of the shared grid, if it was started; the next {@link #shared()} starts a
     * new one. For a JVM that must exit on its own, such as a benchmark's fork: the members' threads
     * would keep it alive until it is killed.
     */
    public static synchronized void shutDownShared() {
        if (shared != null) {
            shared.members.forEach(member -> member.getLifecycleService().terminate());
            shared = null;
        }
    }

    /** The JCache manager of member a. */
    public CacheManager a() {
        return managers.get(0);
    }

    /** The JCache manager of member b. */
    public CacheManager b() {
        return managers.get(1);
    }

    /** A further manager of member a, with its own cache proxies, for a test that closes it. */
    public CacheManager newManagerOfA() {
        return manager(members.get(0));
    }

    /** The manager of the member that does not own {@code key}: every call on that key through it goes to the other member. */
    public CacheManager notOwning(String key) {
        return owns(0, key) ? b() : a();
    }

    /** The manager of the member that owns {@code key}: calls on that key through it stay in its member. */
    public CacheManager owning(String key) {
        return owns(0, key) ? a() : b();
    }

    private boolean owns(int member, String key) {
        HazelcastInstance instance = members.get(member);
        // JCache and IMap place a key alike: by the partition of its serialised form.
        return instance.getPartitionService().getPartition(key).getOwner().getUuid()
                .equals(instance.getCluster().getLocalMember().getUuid());
    }

    /** A grid of one member of its own, for a test that ends it; shut it down when done. */
    public static HazelcastInstance loneMember() {
        int port = freePort();
        return member("email2fa-lone-" + java.util.UUID.randomUUID(), "lone", port);
    }

    /** A member on {@code port} of 127.0.0.1 that looks for the cluster at the given ports of 127.0.0.1. */
    private static HazelcastInstance member(String cluster, String name, int port, int... others) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setInstanceName(cluster + "-" + name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        for (int other : others) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + other);
        }
        return Hazelcast.newHazelcastInstance(config);
    }

    /** Assigns the partitions (Hazelcast does it on first use) and waits until they have settled on both members. */
    private void waitUntilSafe() {
        members.get(0).getMap("email2fa-warm-up").put("k", "v");
        long deadline = System.nanoTime() + 30_000_000_000L;
        PartitionService partitions = members.get(0).getPartitionService();
        while (members.get(0).getCluster().getMembers().size() < 2 || !partitions.isClusterSafe()
                || partitions.getPartitions().stream().anyMatch(partition -> partition.getOwner() == null)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the two test members did not form one safe cluster in 30 s: "
                        + members.get(0).getCluster().getMembers());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Member {@code member}'s manager under the provider's default URI and class loader: Hazelcast
     * puts a manager's URI and class loader, unless they are the defaults, into the names of its
     * caches, and only managers whose caches are named alike share them.
     */
    public static CacheManager manager(HazelcastInstance member) {
        CacheManager manager = new HazelcastMemberCachingProvider().getCacheManager(null, null,
                HazelcastCachingProvider.propertiesByInstanceItself(member));
        if (((HazelcastCacheManager) manager).getHazelcastInstance() != member) {
            throw new IllegalStateException("the cache manager is not member " + member.getName() + "'s");
        }
        return manager;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
