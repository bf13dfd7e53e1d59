package io.github.email2fa.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.Race;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SharedStore} must do, run against each implementation: entries that live
 * their map's lifetime from creation whatever updates come, atomic updates and creations under
 * parallel calls, and values that arrive as they were stored.
 */
abstract class SharedStoreContractTest {

    /** Short, so a store that counts real time can be tested too. */
    static final Duration LIFETIME = Duration.ofSeconds(2);

    SharedStore store;
    SharedMap<Counter> map;

    /** A fresh store of the implementation under test. */
    abstract SharedStore newStore();

    /** Lets {@code time} pass for the store's expiry. */
    abstract void pass(Duration time) throws InterruptedException;

    /** A small value, as the module's values are. */
    record Counter(String owner, int count) implements Serializable {
    }

    @BeforeEach
    void openMap() {
        store = newStore();
        map = store.map("contract-" + UUID.randomUUID(), LIFETIME);
    }

    @Test
    void getWhenAbsentThenNull() {
        assertNull(map.get("a"));
    }

    @Test
    void putIfAbsentWhenFirstThenStoredAndWhenSecondThenRefusedAndFirstKept() {
        assertTrue(map.putIfAbsent("a", new Counter("first", 1)));

        assertFalse(map.putIfAbsent("a", new Counter("second", 2)));
        assertEquals(new Counter("first", 1), map.get("a"));
    }

    @Test
    void invokeWhenAbsentThenSeesNullAndCreatesWhatItSets() {
        String answer = map.invoke("a", entry -> {
            String seen = String.valueOf(entry.value());
            entry.set(new Counter("a", 1));
            return seen;
        });

        assertEquals("null", answer);
        assertEquals(new Counter("a", 1), map.get("a"));
    }

    @Test
    void invokeWhenItRemovesThenGone() {
        map.putIfAbsent("a", new Counter("a", 1));

        boolean answer = map.invoke("a", entry -> {
            entry.remove();
            return true;
        });

        assertTrue(answer);
        assertNull(map.get("a"));
    }

    @Test
    void invokeWhenItOnlyReadsThenNothingChanges() {
        map.putIfAbsent("a", new Counter("a", 1));

        Integer count = map.invoke("a", entry -> entry.value().count());

        assertEquals(1, count);
        assertEquals(new Counter("a", 1), map.get("a"));
    }

    @Test
    void removeWhenPresentThenGone() {
        map.putIfAbsent("a", new Counter("a", 1));

        map.remove("a");

        assertNull(map.get("a"));
    }

    @Test
    void getWhenHalfTheLifetimePassedThenPresentAndWhenLifetimePassedThenGone() throws Exception {
        map.putIfAbsent("a", new Counter("a", 1));

        pass(LIFETIME.dividedBy(2));
        assertEquals(new Counter("a", 1), map.get("a"));
        pass(LIFETIME.dividedBy(2).plusMillis(300));
        assertNull(map.get("a"));
    }

    @Test
    void invokeWhenUpdatedLateThenLifetimeStillCountsFromCreation() throws Exception {
        map.putIfAbsent("a", new Counter("a", 0));
        pass(LIFETIME.multipliedBy(6).dividedBy(10));

        map.invoke("a", entry -> {
            entry.set(new Counter("a", entry.value().count() + 1));
            return null;
        });
        pass(LIFETIME.multipliedBy(6).dividedBy(10));

        assertNull(map.get("a"), "an update must not keep an entry alive");
    }

    @Test
    void mapRenewedOnWriteWhenUpdatedLateThenLivesALifetimeFromThatWrite() throws Exception {
        SharedMap<Counter> renewed = store.mapRenewedOnWrite("renewed-" + UUID.randomUUID(), LIFETIME);
        renewed.putIfAbsent("a", new Counter("a", 0));
        pass(LIFETIME.multipliedBy(6).dividedBy(10));

        renewed.invoke("a", entry -> {
            entry.set(new Counter("a", entry.value().count() + 1));
            return null;
        });
        pass(LIFETIME.multipliedBy(6).dividedBy(10));
        assertEquals(new Counter("a", 1), renewed.get("a"), "the write started its lifetime again");
        pass(LIFETIME.multipliedBy(6).dividedBy(10));
        assertNull(renewed.get("a"), "a read does not");
    }

    @Test
    void invokeWhenItCreatesThenEntryLivesItsLifetimeAndThenUpdatesSeeNothing() throws Exception {
        map.invoke("a", entry -> {
            entry.set(new Counter("a", 1));
            return null;
        });

        pass(LIFETIME.dividedBy(2));
        assertEquals(new Counter("a", 1), map.get("a"));
        pass(LIFETIME.dividedBy(2).plusMillis(300));
        assertEquals("null", map.invoke("a", entry -> String.valueOf(entry.value())));
    }

    @Test
    void accountMapWhenFarMoreAccountsThanAnyDefaultBoundThenNoneIsEvicted() {
        // A lifetime far longer than the fill takes, so only a size bound could lose an entry.
        SharedMap<Counter> accounts = store.accountMap("accounts-" + UUID.randomUUID(), Duration.ofMinutes(10));
        int many = 20_000;
        for (int i = 0; i < many; i++) {
            accounts.putIfAbsent("account-" + i, new Counter("account-" + i, i));
        }

        assertEquals(new Counter("account-0", 0), accounts.get("account-0"), "the first account's entry is still there");
        assertEquals(many, accounts.count(counter -> true), "no entry was evicted to make room");
    }

    @Test
    void accountMapWhenWrittenLateThenLivesALifetimeFromThatWrite() throws Exception {
        SharedMap<Counter> accounts = store.accountMap("accounts-" + UUID.randomUUID(), LIFETIME);
        accounts.putIfAbsent("a", new Counter("a", 0));
        pass(LIFETIME.multipliedBy(6).dividedBy(10));

        accounts.invoke("a", entry -> {
            entry.set(new Counter("a", 1));
            return null;
        });
        pass(LIFETIME.multipliedBy(6).dividedBy(10));

        assertEquals(new Counter("a", 1), accounts.get("a"), "a write starts its lifetime again");
    }

    @Test
    void putIfAbsentWhenEntryExpiredThenCreatesAgainWithAFreshLifetime() throws Exception {
        map.putIfAbsent("a", new Counter("old", 0));
        pass(LIFETIME.plusMillis(300));

        assertTrue(map.putIfAbsent("a", new Counter("new", 0)));
        pass(LIFETIME.dividedBy(2));
        assertEquals(new Counter("new", 0), map.get("a"));
    }

    @Test
    void invokeWhenEightThreadsIncrementThenNoUpdateLost() throws Exception {
        map.putIfAbsent("a", new Counter("a", 0));

        Race.of(8, caller -> {
            for (int i = 0; i < 100; i++) {
                map.invoke("a", entry -> {
                    entry.set(new Counter("a", entry.value().count() + 1));
                    return null;
                });
            }
            return null;
        });

        assertEquals(800, map.get("a").count());
    }

    @Test
    void putIfAbsentWhenEightThreadsRaceThenExactlyOneWins() throws Exception {
        List<Boolean> wins = Race.of(8, caller -> map.putIfAbsent("a", new Counter(Thread.currentThread().getName(), 0)));

        assertEquals(1, wins.stream().filter(won -> won).count());
    }

    @Test
    void invokeWhenEightThreadsConsumeOneEntryThenExactlyOneGetsIt() throws Exception {
        map.putIfAbsent("a", new Counter("a", 1));

        List<Boolean> consumed = Race.of(8, caller -> map.invoke("a", entry -> {
            if (entry.value() == null) {
                return false;
            }
            entry.remove();
            return true;
        }));

        assertEquals(1, consumed.stream().filter(won -> won).count());
    }

    @Test
    void getWhenValueStoredThenAnEqualValueComesBack() {
        Counter stored = new Counter("ünïcödé ✓", 7);
        map.putIfAbsent("a", stored);

        assertEquals(stored, map.get("a"));
    }

    @Test
    void updateAllWhenSomeMatchThenOnlyTheyChangeAndCountAndSizeAgree() {
        map.putIfAbsent("a", new Counter("alice", 0));
        map.putIfAbsent("b", new Counter("bob", 0));
        map.putIfAbsent("c", new Counter("alice", 5));

        int updated = map.updateAll(counter -> counter.owner().equals("alice"), entry -> {
            entry.set(new Counter("alice", entry.value().count() + 1));
            return null;
        });

        assertEquals(2, updated);
        assertEquals(new Counter("alice", 1), map.get("a"));
        assertEquals(new Counter("bob", 0), map.get("b"));
        assertEquals(new Counter("alice", 6), map.get("c"));
        assertEquals(2, map.count(counter -> counter.owner().equals("alice")));
        assertEquals(3, map.size());
    }

    @Test
    void mapWhenSameNameThenSameEntriesAndOtherNameThenSeparate() {
        String name = "same-" + UUID.randomUUID();
        SharedMap<Counter> first = store.map(name, LIFETIME);
        first.putIfAbsent("a", new Counter("a", 1));

        assertEquals(new Counter("a", 1), store.<Counter>map(name, LIFETIME).get("a"));
        assertNull(map.get("a"));
    }

    @Test
    void mapWhenLifetimeNotPositiveThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.map("bad", Duration.ZERO));
    }

    @Test
    void descriptionWhenAskedThenSaysWhereStateLives() {
        assertFalse(store.description().isBlank());
    }

}
