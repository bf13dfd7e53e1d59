package io.github.email2fa;

import io.github.email2fa.config.ContextParams;
import io.github.email2fa.config.StoreSettings;
import io.github.email2fa.store.JCacheSharedStore;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.cache.CacheManager;

/**
 * Opens the JCache store {@code email2fa.store=jcache} asks for. Besides the store itself, the
 * only class that touches {@code javax.cache}, and it is loaded only then, so an application
 * without JCache never needs the API.
 *
 * <p>The {@code CacheManager} comes from {@code email2fa.store.cacheManager} ({@code jndi:<name>}
 * or a supplier class), else a CDI bean, else Payara's JNDI name {@value #PAYARA_JNDI}. It never
 * calls {@code Caching.getCachingProvider()}: on Payara that starts a grid client that retries forever.
 */
final class JCacheStores {

    /** Where Payara Server and Payara Micro bind the data grid's {@code CacheManager}. */
    static final String PAYARA_JNDI = "payara/CacheManager";

    private static final Logger LOG = Logger.getLogger(JCacheStores.class.getName());

    private JCacheStores() {
    }

    /**
     * The shared store on the grid, checked with one write and read before it is used.
     *
     * @param settings the store settings
     * @param prefix what every cache name starts with: the application's own, so two applications never share state
     * @param loader the application's class loader, for a supplier class
     * @param jndi looks a name up in JNDI; {@code null} when unbound
     * @param cdi finds the single CDI bean of a type; {@code null} when none or no CDI
     * @throws IllegalStateException if no {@code CacheManager} is found or the grid does not answer:
     *         the message names the setting, what was tried and the fix; the module never falls back
     *         to a store of its own node
     */
    static SharedStore open(StoreSettings settings, String prefix, ClassLoader loader, Function<String, Object> jndi,
            Function<Class<?>, Object> cdi) {
        CacheManager manager = manager(settings.cacheManager(), loader, jndi, cdi);
        SharedStore store;
        try {
            store = new JCacheSharedStore(manager, prefix);
            SharedMap<String> probe = store.map("startupCheck", Duration.ofMinutes(1));
            String key = "probe";
            probe.putIfAbsent(key, "ok");
            if (probe.get(key) == null) {
                throw new IllegalStateException("a value written to the grid could not be read back");
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(ContextParams.STORE + "=jcache, but the data grid behind " + manager.getURI()
                    + " does not answer (" + e + "). Fix: start the grid (on Payara, keep Hazelcast on: no --nohazelcast), check "
                    + ContextParams.STORE_CACHE_MANAGER + ", or set " + ContextParams.STORE + "=memory for a single server.", e);
        }
        LOG.info("email2fa keeps its short-lived state in " + store.description());
        return store;
    }

    private static CacheManager manager(String configured, ClassLoader loader, Function<String, Object> jndi,
            Function<Class<?>, Object> cdi) {
        if (configured != null && configured.startsWith("jndi:")) {
            String name = configured.substring("jndi:".length());
            if (jndi.apply(name) instanceof CacheManager manager) {
                return manager;
            }
            throw new IllegalStateException(ContextParams.STORE_CACHE_MANAGER + "=" + configured + ": no javax.cache.CacheManager is bound"
                    + " under " + name + ". Fix: bind one there, or leave the setting out to use a CDI bean or " + PAYARA_JNDI + ".");
        }
        if (configured != null) {
            return supplied(configured, loader);
        }
        if (cdi.apply(CacheManager.class) instanceof CacheManager manager) {
            return manager;
        }
        if (jndi.apply(PAYARA_JNDI) instanceof CacheManager manager) {
            return manager;
        }
        throw new IllegalStateException(ContextParams.STORE + "=jcache, but no javax.cache.CacheManager was found: no CDI bean of"
                + " that type and nothing under the JNDI name " + PAYARA_JNDI + ". Fix: on Payara, keep Hazelcast on (Payara Micro"
                + " without --nohazelcast; --nocluster keeps it, as a grid of one node); elsewhere set "
                + ContextParams.STORE_CACHE_MANAGER + " to jndi:<name> or to a class that implements"
                + " java.util.function.Supplier<javax.cache.CacheManager>.");
    }

    private static CacheManager supplied(String className, ClassLoader loader) {
        Object supplier;
        try {
            supplier = Class.forName(className, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(ContextParams.STORE_CACHE_MANAGER + "=" + className + " cannot be created (" + e
                    + "). Fix: give it a public no-argument constructor, and put it in WEB-INF/classes or WEB-INF/lib.", e);
        }
        if (supplier instanceof Supplier<?> source && source.get() instanceof CacheManager manager) {
            return manager;
        }
        throw new IllegalStateException(ContextParams.STORE_CACHE_MANAGER + "=" + className + " is not a"
                + " java.util.function.Supplier<javax.cache.CacheManager>, or gave no CacheManager. Fix: implement that interface.");
    }
}
