package io.github.email2fa.store;

import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * The shared store of a cluster: one JCache cache per map, on the data grid behind a
 * {@link CacheManager} the server provides (on Payara, {@code @Inject CacheManager} or JNDI
 * {@code payara/CacheManager}, both on the cluster's Hazelcast).
 *
 * <p>Map {@code challenges} of an application that passes the prefix {@code email2fa.shop} is the
 * cache {@code email2fa.shop.challenges}, so two applications on one grid never share state. The
 * first node to open a map creates its cache, stored by value and without statistics, with a
 * {@link CreatedExpiryPolicy} of the map's lifetime: neither reads nor updates move an entry's end.
 * Every other node uses that cache as it is. Nodes share a cache only if they get their
 * {@code CacheManager} alike: Hazelcast adds a manager's URI and class loader, unless they are the
 * provider's defaults, to the names of its caches.
 *
 * <p>An {@link EntryUpdate} travels inside a serialisable entry processor to the member that owns
 * the key and runs there atomically; values, updates, filters and answers must all be
 * {@link Serializable}, and an update is checked for it on every call, also when its key is on this
 * member. Any failure of the grid comes out as a {@link SharedStoreException}; an exception an
 * update throws itself reaches the caller as it was thrown.
 *
 * <p>Only this class and {@link JCacheMap} use {@code javax.cache}, so the module loads on servers
 * without JCache as long as nothing creates this store.
 */
public final class JCacheSharedStore implements SharedStore {

    private static final System.Logger LOG = System.getLogger(JCacheSharedStore.class.getName());

    private final CacheManager cacheManager;
    private final String prefix;
    private final Map<String, JCacheMap<?>> maps = new ConcurrentHashMap<>();

    /**
     * @param cacheManager the grid's cache manager, owned by the server: this store never closes it
     * @param prefix the start of every cache name, unique per application, such as {@code email2fa.shop}
     * @throws IllegalArgumentException if the prefix is blank
     */
    public JCacheSharedStore(CacheManager cacheManager, String prefix) {
        this.cacheManager = Objects.requireNonNull(cacheManager, "cacheManager");
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("a JCache store needs a cache name prefix unique to the application, such as"
                    + " email2fa.shop; it was " + (prefix == null ? "missing" : "blank"));
        }
        this.prefix = prefix;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the grid cannot open or create the map's cache
     */
    @Override
    @SuppressWarnings("unchecked")
    public <V extends Serializable> SharedMap<V> map(String name, Duration lifetime) {
        return open(name, lifetime, false);
    }

    /**
     * {@inheritDoc} Its cache has a {@link ModifiedExpiryPolicy}.
     *
     * @throws IllegalStateException if the grid cannot open or create the map's cache
     */
    @Override
    public <V extends Serializable> SharedMap<V> mapRenewedOnWrite(String name, Duration lifetime) {
        return open(name, lifetime, true);
    }

    /**
     * {@inheritDoc} Its cache has a {@link ModifiedExpiryPolicy}. JCache itself has no size bound to
     * turn off; on Hazelcast, whose caches keep 10,000 entries by default and evict beyond that,
     * the cache is created without a bound through Hazelcast's own {@code CacheConfig}. On another
     * provider a WARNING asks the operator to leave the cache unbounded.
     *
     * @throws IllegalStateException if the grid cannot open or create the map's cache
     */
    @Override
    public <V extends Serializable> SharedMap<V> accountMap(String name, Duration lifetime) {
        return open(name, lifetime, true, true);
    }

    private <V extends Serializable> SharedMap<V> open(String name, Duration lifetime, boolean renewedOnWrite) {
        return open(name, lifetime, renewedOnWrite, false);
    }

    @SuppressWarnings("unchecked")
    private <V extends Serializable> SharedMap<V> open(String name, Duration lifetime, boolean renewedOnWrite, boolean unbounded) {
        SharedStore.positive(name, lifetime);
        return (SharedMap<V>) maps.computeIfAbsent(name, key -> {
            String cacheName = prefix + "." + key;
            return new JCacheMap<V>(cacheName, cache(cacheName, lifetime, renewedOnWrite, unbounded));
        });
    }

    /** Such as "JCache com.hazelcast.cache.impl.HazelcastServerCachingProvider at hazelcast, caches email2fa.shop.*". */
    @Override
    public String description() {
        return "JCache " + cacheManager.getCachingProvider().getClass().getName() + " at " + cacheManager.getURI()
                + ", caches " + prefix + ".*";
    }

    /** The grid's cache of this name if a node made it, else a new one; of nodes making it at once, one wins. */
    private Cache<String, Object> cache(String cacheName, Duration lifetime, boolean renewedOnWrite, boolean unbounded) {
        try {
            Cache<String, Object> cache = cacheManager.getCache(cacheName);
            if (cache != null) {
                warnIfPolicyDiffers(cache, lifetime, renewedOnWrite);
                return cache;
            }
            try {
                MutableConfiguration<String, Object> configuration = configuration(lifetime, renewedOnWrite);
                return unbounded ? cacheManager.createCache(cacheName, unboundedOnHazelcast(cacheName, configuration))
                        : cacheManager.createCache(cacheName, configuration);
            } catch (CacheException raced) {
                // Another node created it between the look and the create.
                cache = cacheManager.getCache(cacheName);
                if (cache == null) {
                    throw raced;
                }
                return cache;
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("email2fa could not open the JCache cache " + cacheName + " of "
                    + cacheManager.getURI() + "; is the data grid running?", e);
        }
    }

    /** By value, no statistics, and a lifetime from creation, or from the last write when renewed on write. */
    private static MutableConfiguration<String, Object> configuration(Duration lifetime, boolean renewedOnWrite) {
        javax.cache.expiry.Duration duration = new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, lifetime.toMillis());
        return new MutableConfiguration<String, Object>()
                .setStoreByValue(true)
                .setStatisticsEnabled(false)
                .setManagementEnabled(false)
                .setExpiryPolicyFactory(renewedOnWrite ? ModifiedExpiryPolicy.factoryOf(duration) : CreatedExpiryPolicy.factoryOf(duration));
    }

    /** Hazelcast's configuration classes, reached by name: the module does not depend on Hazelcast. */
    private static final String HAZELCAST_CACHE_CONFIG = "com.hazelcast.config.CacheConfig";
    private static final String HAZELCAST_EVICTION_CONFIG = "com.hazelcast.config.EvictionConfig";
    private static final String HAZELCAST_MAX_SIZE_POLICY = "com.hazelcast.config.MaxSizePolicy";

    /**
     * The configuration as a Hazelcast {@code CacheConfig} whose entry-count bound is
     * {@link Integer#MAX_VALUE}, when the provider is Hazelcast; else the configuration as it is,
     * with a WARNING that the operator must keep the cache unbounded.
     */
    private CompleteConfiguration<String, Object> unboundedOnHazelcast(String cacheName, MutableConfiguration<String, Object> configuration) {
        ClassLoader hazelcast = cacheManager.getCachingProvider().getClass().getClassLoader();
        try {
            Class<?> cacheConfigClass = Class.forName(HAZELCAST_CACHE_CONFIG, true, hazelcast);
            Class<?> evictionClass = Class.forName(HAZELCAST_EVICTION_CONFIG, true, hazelcast);
            Class<?> policyClass = Class.forName(HAZELCAST_MAX_SIZE_POLICY, true, hazelcast);
            Object cacheConfig = cacheConfigClass.getConstructor(CompleteConfiguration.class).newInstance(configuration);
            Object eviction = evictionClass.getConstructor().newInstance();
            evictionClass.getMethod("setSize", int.class).invoke(eviction, Integer.MAX_VALUE);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object entryCount = Enum.valueOf((Class) policyClass, "ENTRY_COUNT");
            evictionClass.getMethod("setMaxSizePolicy", policyClass).invoke(eviction, entryCount);
            cacheConfigClass.getMethod("setEvictionConfig", evictionClass).invoke(cacheConfig, eviction);
            @SuppressWarnings("unchecked")
            CompleteConfiguration<String, Object> unbounded = (CompleteConfiguration<String, Object>) cacheConfig;
            return unbounded;
        } catch (ReflectiveOperationException | LinkageError | ClassCastException notHazelcast) {
            LOG.log(Level.WARNING, "email2fa: the JCache cache " + cacheName + " holds account state (failure counts, locks, send"
                    + " quotas or account changes) and must never evict entries to make room; configure it without a size bound"
                    + " in your JCache provider (" + cacheManager.getCachingProvider().getClass().getName() + ")");
            return configuration;
        }
    }

    /**
     * Warns of a cache made with another lifetime (by a node of another release, or by the grid's
     * own configuration) or whose updates move an entry's end: its entries follow that policy.
     */
    private static void warnIfPolicyDiffers(Cache<String, Object> cache, Duration lifetime, boolean renewedOnWrite) {
        try {
            @SuppressWarnings("unchecked")
            CompleteConfiguration<String, Object> configuration = cache.getConfiguration(CompleteConfiguration.class);
            ExpiryPolicy policy = configuration.getExpiryPolicyFactory().create();
            Duration created = toDuration(policy.getExpiryForCreation());
            boolean moved = policy.getExpiryForUpdate() != null || policy.getExpiryForAccess() != null;
            boolean movedByUpdates = policy.getExpiryForUpdate() != null && policy.getExpiryForAccess() == null;
            if (created == null || created.toMillis() != lifetime.toMillis() || (renewedOnWrite ? !movedByUpdates : moved)) {
                LOG.log(Level.WARNING, "email2fa: the JCache cache " + cache.getName() + " exists with entries living "
                        + (created == null ? "forever" : created) + " after creation" + (moved ? ", moved by reads or updates" : "")
                        + ", where this node asked for " + lifetime + (renewedOnWrite ? " from each write" : " from creation alone")
                        + "; its entries follow the cache's"
                        + " policy until the cache is destroyed on the grid");
            }
        } catch (RuntimeException unreadable) {
            LOG.log(Level.DEBUG, "email2fa could not read the configuration of the JCache cache " + cache.getName(), unreadable);
        }
    }

    /** A JCache duration as a Java one; {@code null} for none or eternal. */
    private static Duration toDuration(javax.cache.expiry.Duration duration) {
        return duration == null || duration.isEternal() ? null
                : Duration.ofMillis(duration.getTimeUnit().toMillis(duration.getDurationAmount()));
    }
}
