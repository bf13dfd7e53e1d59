package io.github.email2fa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.config.StoreSettings;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import io.github.email2fa.testing.TwoMemberGrid;
import java.time.Duration;
import java.util.function.Supplier;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;

/**
 * Covers how {@code email2fa.store=jcache} finds its {@code CacheManager} (setting, CDI, Payara's
 * JNDI name) and refuses to start, naming the setting and the fix, when there is none.
 */
class JCacheStoresTest {

    private static final TwoMemberGrid GRID = TwoMemberGrid.shared();

    /** A supplier an application names in {@code email2fa.store.cacheManager}. */
    public static final class MemberA implements Supplier<CacheManager> {
        @Override
        public CacheManager get() {
            return GRID.a();
        }
    }

    private static StoreSettings jcache(String cacheManager) {
        return new StoreSettings(StoreSettings.Kind.JCACHE, cacheManager, null, null);
    }

    @Test
    void openWhenCdiHasACacheManagerThenStoreOnItsGrid() {
        SharedStore store = JCacheStores.open(jcache(null), "email2fa.cdi", getClass().getClassLoader(), name -> null,
                type -> type == CacheManager.class ? GRID.a() : null);
        SharedMap<String> map = store.map("m", Duration.ofMinutes(1));
        map.putIfAbsent("k", "v");

        assertEquals("v", JCacheStores.open(jcache(null), "email2fa.cdi", getClass().getClassLoader(), name -> null,
                type -> GRID.b()).<String>map("m", Duration.ofMinutes(1)).get("k"), "the other member sees it");
        assertTrue(store.description().contains("email2fa.cdi.*"), store.description());
    }

    @Test
    void openWhenNoCdiBeanThenPayarasJndiName() {
        SharedStore store = JCacheStores.open(jcache(null), "email2fa.payara", getClass().getClassLoader(),
                name -> name.equals(JCacheStores.PAYARA_JNDI) ? GRID.a() : null, type -> null);

        assertTrue(store.description().startsWith("JCache "), store.description());
    }

    @Test
    void openWhenSettingNamesJndiOrASupplierThenThatOne() {
        SharedStore byJndi = JCacheStores.open(jcache("jndi:java:global/grid"), "email2fa.jndi", getClass().getClassLoader(),
                name -> name.equals("java:global/grid") ? GRID.a() : null, type -> null);
        SharedStore bySupplier = JCacheStores.open(jcache(MemberA.class.getName()), "email2fa.supplier",
                getClass().getClassLoader(), name -> null, type -> null);

        byJndi.<String>map("m", Duration.ofMinutes(1)).putIfAbsent("k", "jndi");
        assertSame(null, bySupplier.<String>map("m", Duration.ofMinutes(1)).get("k"), "another prefix, another application");
    }

    @Test
    void openWhenNoCacheManagerAnywhereThenRefusedNamingSettingAndFix() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> JCacheStores.open(jcache(null), "email2fa.none", getClass().getClassLoader(), name -> null, type -> null));

        assertTrue(refused.getMessage().startsWith("email2fa.store=jcache, but no javax.cache.CacheManager was found"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("Fix:") && refused.getMessage().contains("email2fa.store.cacheManager"),
                refused.getMessage());
    }

    @Test
    void openWhenSettingPointsAtNothingThenRefusedNamingIt() {
        IllegalStateException unbound = assertThrows(IllegalStateException.class, () -> JCacheStores.open(jcache("jndi:nothing"),
                "email2fa.x", getClass().getClassLoader(), name -> null, type -> null));
        IllegalStateException noClass = assertThrows(IllegalStateException.class, () -> JCacheStores.open(jcache("com.example.Missing"),
                "email2fa.x", getClass().getClassLoader(), name -> null, type -> null));

        assertTrue(unbound.getMessage().startsWith("email2fa.store.cacheManager=jndi:nothing"), unbound.getMessage());
        assertTrue(noClass.getMessage().startsWith("email2fa.store.cacheManager=com.example.Missing cannot be created"),
                noClass.getMessage());
    }
}
