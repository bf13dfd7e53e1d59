package io.github.email2fa.device;

import static io.github.email2fa.device.RememberedDevicesTest.ALICE;
import static io.github.email2fa.device.RememberedDevicesTest.FIREFOX;
import static io.github.email2fa.device.RememberedDevicesTest.LIFETIME;
import static io.github.email2fa.device.RememberedDevicesTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.email2fa.account.JdbcAccountStore;
import io.github.email2fa.device.RememberedDevices.Recognized;
import io.github.email2fa.device.RememberedDevices.Remembered;
import io.github.email2fa.testing.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs {@link RememberedDevices} on {@link JdbcAccountStore} over an in-memory H2, as on Payara. */
class JdbcRememberedDevicesTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final MutableClock clock = new MutableClock(T0);
    private final JdbcAccountStore store;
    private final RememberedDevices devices;

    JdbcRememberedDevicesTest() {
        dataSource.setURL("jdbc:h2:mem:email2fa-device-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new JdbcAccountStore(dataSource, true);
        devices = new RememberedDevices(store, new SecureRandom(), clock, LIFETIME);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void recognizeWhenRememberedInDatabaseThenRecognizedRotatedAndOldTokenRefused() {
        long epoch = store.bumpEpoch(ALICE);
        Remembered remembered = devices.remember(ALICE, FIREFOX, epoch);
        clock.advance(Duration.ofHours(1));

        Recognized recognized = devices.recognize(ALICE, remembered.token()).orElseThrow();

        assertEquals(List.of(recognized.device()), store.devices(ALICE));
        assertEquals(T0.plus(Duration.ofHours(1)), store.devices(ALICE).get(0).lastUsedAt());
        assertEquals(Optional.empty(), devices.recognize(ALICE, remembered.token()));
        assertEquals(ALICE, devices.recognize(ALICE, recognized.newToken()).orElseThrow().subject());
    }
}
