package io.github.email2fa.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.support.LogCapture;
import io.github.email2fa.testing.Race;
import io.github.email2fa.testing.TwoMemberGrid;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.CacheManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the store contract against {@link JCacheSharedStore} on two Hazelcast members, in real
 * time: the store under test talks to the member that does not own the contract's key, so each
 * call crosses the network. Further tests use both members at once.
 */
class JCacheSharedStoreTest extends SharedStoreContractTest {

    private static final String PREFIX = "email2fa.contract";
    private static final Logger PROCESSOR_LOG = Logger.getLogger("com.hazelcast.cache.impl.operation.CacheEntryProcessorOperation");
    private static TwoMemberGrid grid;

    @BeforeAll
    static void startGrid() {
        grid = TwoMemberGrid.shared();
    }

    @RegisterExtension
    final LogCapture log = new LogCapture(JCacheSharedStore.class.getName());

    @Override
    SharedStore newStore() {
        return new JCacheSharedStore(grid.notOwning("a"), PREFIX);
    }

    @Override
    void pass(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis());
    }

    @Test
    void invokeWhenWrittenThroughOneMemberThenReadUpdatedAndConsumedThroughTheOther() {
        String name = "pair-" + UUID.randomUUID();
        SharedMap<Counter> onA = new JCacheSharedStore(grid.a(), PREFIX).map(name, LIFETIME);
        SharedMap<Counter> onB = new JCacheSharedStore(grid.b(), PREFIX).map(name, LIFETIME);

        assertTrue(onA.putIfAbsent("k", new Counter("k", 1)));
        assertEquals(new Counter("k", 1), onB.get("k"));
        assertEquals(2, onB.<Integer>invoke("k", increment()));
        assertEquals(new Counter("k", 2), onA.get("k"));
        assertTrue(onB.invoke("k", consume()));

        assertNull(onA.get("k"));
        assertFalse(onA.invoke("k", consume()));
    }

    @Test
    void mapWhenPrefixesDifferThenEntriesApart() {
        String name = "apps-" + UUID.randomUUID();
        SharedMap<Counter> shop = new JCacheSharedStore(grid.a(), "email2fa.shop").map(name, LIFETIME);
        SharedMap<Counter> admin = new JCacheSharedStore(grid.b(), "email2fa.admin").map(name, LIFETIME);

        shop.putIfAbsent("k", new Counter("shop", 1));

        assertNull(admin.get("k"));
        assertTrue(admin.putIfAbsent("k", new Counter("admin", 1)));
        assertEquals(new Counter("shop", 1), shop.get("k"));
        assertEquals(1, admin.size());
    }

    @Test
    void invokeWhenEightThreadsOnEachMemberIncrementThenNoUpdateLost() throws Exception {
        String name = "race-" + UUID.randomUUID();
        List<SharedMap<Counter>> maps = List.of(new JCacheSharedStore(grid.a(), PREFIX).map(name, LIFETIME),
                new JCacheSharedStore(grid.b(), PREFIX).map(name, LIFETIME));
        maps.get(0).putIfAbsent("k", new Counter("k", 0));
        AtomicInteger thread = new AtomicInteger();

        Race.of(16, caller -> {
            SharedMap<Counter> mine = maps.get(thread.getAndIncrement() % 2);
            for (int i = 0; i < 50; i++) {
                mine.invoke("k", increment());
            }
            return null;
        });

        assertEquals(800, maps.get(1).get("k").count());
    }

    @Test
    void mapWhenStoresOnBothMembersOpenOneNewMapAtOnceThenAllShareOneCache() throws Exception {
        String name = "open-" + UUID.randomUUID();
        AtomicInteger thread = new AtomicInteger();

        List<SharedMap<Counter>> maps = Race.of(8, caller -> new JCacheSharedStore(thread.getAndIncrement() % 2 == 0 ? grid.a() : grid.b(),
                PREFIX).<Counter>map(name, LIFETIME));

        maps.get(0).putIfAbsent("k", new Counter("k", 1));
        for (SharedMap<Counter> each : maps) {
            assertEquals(new Counter("k", 1), each.get("k"));
        }
    }

    @Test
    void invokeWhenUpdateThrowsThenItsOwnExceptionReachesTheCallerAndNothingChanged() {
        Level usual = PROCESSOR_LOG.getLevel();
        // Hazelcast logs every exception of an entry processor as SEVERE; here they are expected.
        PROCESSOR_LOG.setLevel(Level.OFF);
        try {
            for (CacheManager manager : List.of(grid.owning("k"), grid.notOwning("k"))) {
                SharedMap<Counter> on = new JCacheSharedStore(manager, PREFIX).map("throws-" + UUID.randomUUID(), LIFETIME);
                on.putIfAbsent("k", new Counter("k", 1));

                IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> on.invoke("k", entry -> {
                    entry.remove();
                    throw new IllegalStateException("the update's own");
                }));

                assertEquals("the update's own", thrown.getMessage());
                assertEquals(new Counter("k", 1), on.get("k"));
            }
        } finally {
            PROCESSOR_LOG.setLevel(usual);
        }
    }

    @Test
    void mapWhenCacheExistsWithAnotherLifetimeThenWarnsAndUsesIt() {
        String name = "lifetimes-" + UUID.randomUUID();
        SharedMap<Counter> first = new JCacheSharedStore(grid.a(), PREFIX).map(name, LIFETIME);
        first.putIfAbsent("k", new Counter("k", 1));

        SharedMap<Counter> second = new JCacheSharedStore(grid.b(), PREFIX).map(name, Duration.ofMinutes(5));

        assertEquals(new Counter("k", 1), second.get("k"));
        assertEquals(1, log.records().size(), log.records().toString());
        String warning = log.records().get(0).getMessage();
        assertTrue(warning.contains(PREFIX + "." + name) && warning.contains("PT2S") && warning.contains("PT5M"), warning);
    }

    @Test
    void invokeWhenUpdateCarriesSomethingNotSerialisableThenSharedStoreExceptionOnEitherMember() {
        Object notSerialisable = new Object();
        for (CacheManager manager : List.of(grid.owning("k"), grid.notOwning("k"))) {
            SharedMap<Counter> on = new JCacheSharedStore(manager, PREFIX).map("unserialisable-" + UUID.randomUUID(), LIFETIME);

            SharedStoreException thrown = assertThrows(SharedStoreException.class, () -> on.invoke("k", entry -> {
                entry.set(new Counter("k", notSerialisable.hashCode()));
                return null;
            }));

            assertTrue(thrown.getMessage().contains("java.lang.Object"), thrown.getMessage());
            assertNull(on.get("k"));
        }
    }

    @Test
    void updateAllWhenFilterCarriesSomethingNotSerialisableThenSharedStoreException() {
        Object notSerialisable = new Object();
        map.putIfAbsent("a", new Counter("a", 1));

        assertThrows(SharedStoreException.class, () -> map.updateAll(counter -> notSerialisable != null, consume()));
        assertEquals(new Counter("a", 1), map.get("a"));
    }

    @Test
    void putIfAbsentWhenValueNotSerialisableThenSharedStoreException() {
        SharedMap<Holder> on = new JCacheSharedStore(grid.owning("k"), PREFIX).map("holder-" + UUID.randomUUID(), LIFETIME);

        SharedStoreException thrown = assertThrows(SharedStoreException.class, () -> on.putIfAbsent("k", new Holder(new Object())));

        assertTrue(thrown.getMessage().contains("putIfAbsent"), thrown.getMessage());
        assertNull(on.get("k"));
    }

    @Test
    void getWhenCacheManagerClosedThenSharedStoreExceptionNamingMapAndOperationOnly() {
        CacheManager own = grid.newManagerOfA();
        SharedMap<Counter> on = new JCacheSharedStore(own, "email2fa.closing").map("closed", LIFETIME);
        on.putIfAbsent("secret-key", new Counter("secret-value", 1));

        own.close();

        SharedStoreException thrown = assertThrows(SharedStoreException.class, () -> on.get("secret-key"));
        assertTrue(thrown.getMessage().contains("get on the shared map email2fa.closing.closed"), thrown.getMessage());
        assertFalse(thrown.getMessage().contains("secret"), thrown.getMessage());
    }

    @Test
    void sizeAndCountWhenLifetimePassedThenExpiredEntriesLeftOut() throws Exception {
        map.putIfAbsent("a", new Counter("a", 1));
        pass(LIFETIME.dividedBy(2));
        map.putIfAbsent("b", new Counter("b", 1));

        pass(LIFETIME.dividedBy(2).plusMillis(300));

        assertEquals(1, map.size());
        assertEquals(1, map.count(counter -> true));
        assertEquals(0, map.updateAll(counter -> counter.owner().equals("a"), entry -> null));
    }

    @Test
    void mapWhenAskedTwiceThenSameMap() {
        assertSame(store.map("twice", LIFETIME), store.map("twice", LIFETIME));
    }

    @Test
    void descriptionWhenAskedThenNamesProviderManagerAndPrefix() {
        String description = store.description();

        assertTrue(description.startsWith("JCache com.hazelcast."), description);
        assertTrue(description.contains(" at " + grid.notOwning("a").getURI() + ","), description);
        assertTrue(description.contains(PREFIX), description);
    }

    @Test
    void constructorWhenPrefixBlankThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JCacheSharedStore(grid.a(), " "));
    }

    /** Adds one to the count; answers the new count. */
    private static EntryUpdate<Counter, Integer> increment() {
        return entry -> {
            Counter next = new Counter(entry.value().owner(), entry.value().count() + 1);
            entry.set(next);
            return next.count();
        };
    }

    /** Removes the entry; answers whether there was one. */
    private static EntryUpdate<Counter, Boolean> consume() {
        return entry -> {
            if (entry.value() == null) {
                return false;
            }
            entry.remove();
            return true;
        };
    }

    /** A value declared serialisable that holds something that is not. */
    record Holder(Object inside) implements Serializable {
    }
}
