package io.github.email2fa.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.Race;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Races on one user's authenticator app with different values at once, on H2, PostgreSQL (READ
 * COMMITTED) and memory: a time step never goes back, so a used code never counts again, and a
 * confirmation and a restart never leave a confirmed app with a secret nobody confirmed.
 */
abstract class AuthenticatorStoreRaceTest {

    static final String ALICE = "alice";
    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    static final String SEALED_1 = "v1.0a1b2c3d.c2VhbGVkLXNlY3JldC1vbmU";
    static final String SEALED_2 = "v1.0a1b2c3d.c2VhbGVkLXNlY3JldC10d28";
    static final int ROUNDS = 10;

    AccountStore store;

    abstract AccountStore newStore() throws Exception;

    @Test
    void useAuthenticatorStepWhenCallersRaceWithDifferentStepsThenTheNewestStaysAndNoneCountsTwice() throws Exception {
        store = newStore();
        assertTrue(store.startAuthenticator(ALICE, SEALED_1, T0));
        assertTrue(store.confirmAuthenticator(ALICE, SEALED_1, 100, T0));

        for (int round = 0; round < ROUNDS; round++) {
            long base = 1_000L * (round + 1);
            Race.of(20, t -> store.useAuthenticatorStep(ALICE, base + (t * 7L) % 20, T0));

            assertEquals(base + 19, store.authenticator(ALICE).lastStep(), "round " + round + ": the newest step stays recorded");
            for (long step = base; step <= base + 19; step++) {
                assertFalse(store.useAuthenticatorStep(ALICE, step, T0), "round " + round + ": step " + step + " again");
            }
        }
    }

    @Test
    void confirmAndRestartWhenTheyRaceThenAConfirmedAppHasTheConfirmedSecret() throws Exception {
        store = newStore();
        for (int round = 0; round < ROUNDS; round++) {
            String subject = ALICE + round;
            assertTrue(store.startAuthenticator(subject, SEALED_1, T0));

            List<Boolean> results = Race.of(2, t -> t == 0 ? store.confirmAuthenticator(subject, SEALED_1, 100, T0)
                    : store.startAuthenticator(subject, SEALED_2, T0));

            AuthenticatorApp app = store.authenticator(subject);
            if (results.get(0)) {
                assertTrue(app.confirmed());
                assertEquals(SEALED_1, app.sealedSecret(), "round " + round);
            } else {
                assertFalse(app.confirmed());
                assertEquals(SEALED_2, app.sealedSecret(), "round " + round);
            }
        }
    }

    @Test
    void removeAndUseWhenTheyRaceThenNoStepIsUsedOnARemovedApp() throws Exception {
        store = newStore();
        for (int round = 0; round < ROUNDS; round++) {
            String subject = ALICE + round;
            assertTrue(store.startAuthenticator(subject, SEALED_1, T0));
            assertTrue(store.confirmAuthenticator(subject, SEALED_1, 100, T0));

            List<Boolean> results = Race.of(2, t -> t == 0 ? store.useAuthenticatorStep(subject, 101, T0)
                    : store.removeAuthenticator(subject));

            assertTrue(results.get(1), "round " + round);
            assertEquals(null, store.authenticator(subject));
        }
    }

    static final class OnH2 extends AuthenticatorStoreRaceTest {
        private DataSource dataSource;

        @Override
        AccountStore newStore() {
            dataSource = H2Databases.fresh();
            return new JdbcAccountStore(dataSource, true);
        }

        @AfterEach
        void drop() throws Exception {
            H2Databases.shutdown(dataSource);
        }
    }

    static final class OnPostgres extends AuthenticatorStoreRaceTest {
        private String schema;

        @Override
        AccountStore newStore() throws Exception {
            PostgresServer.requireReachable();
            schema = PostgresServer.createSchema();
            return new JdbcAccountStore(PostgresServer.dataSource(schema), true);
        }

        @AfterEach
        void drop() throws Exception {
            if (schema != null) {
                PostgresServer.dropSchema(schema);
            }
        }
    }

    static final class InMemory extends AuthenticatorStoreRaceTest {
        @Override
        AccountStore newStore() {
            return new InMemoryAccountStore();
        }
    }
}
