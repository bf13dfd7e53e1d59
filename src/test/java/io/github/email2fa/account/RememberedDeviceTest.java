package io.github.email2fa.account;

import static io.github.email2fa.account.AccountStoreContractTest.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks and conveniences of the {@link RememberedDevice} record. */
class RememberedDeviceTest {

    private static final Instant T = Instant.parse("2025-03-01T10:15:30.123456789Z");

    @Test
    void constructorWhenInstantsFinerThanMillisecondsThenCutToMilliseconds() {
        RememberedDevice device = device("dev-1", null);

        assertEquals(Instant.parse("2025-03-01T10:15:30.123Z"), device.createdAt());
        assertEquals(Instant.parse("2025-03-01T10:15:30.123Z"), device.lastUsedAt());
    }

    @Test
    void toStringWhenPrintedThenTokenHashLeftOut() {
        RememberedDevice device = device("dev-1", "Firefox on Linux");

        assertFalse(device.toString().contains(device.tokenHash()), device.toString());
        assertTrue(device.toString().contains("dev-1"), device.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dev 1", "dev/1", "dév"})
    void constructorWhenIdNotUrlSafeThenIllegalArgument(String id) {
        assertThrows(IllegalArgumentException.class, () -> device(id, null));
    }

    @Test
    void constructorWhenIdLongerThan64ThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> device("d".repeat(65), null));
    }

    @Test
    void constructorWhenUserAgentSummaryLongerThan255ThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> device("dev-1", "x".repeat(256)));
    }

    @Test
    void constructorWhenInstantBeyondMillisecondRangeThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> new RememberedDevice("dev-1", "alice", hash("t"), null,
                T, T, Instant.MAX, 0));
    }

    @Test
    void expiredAtWhenExactlyAtExpiryThenExpired() {
        RememberedDevice device = device("dev-1", null);

        assertFalse(device.expiredAt(device.expiresAt().minusMillis(1)));
        assertTrue(device.expiredAt(device.expiresAt()));
    }

    @Test
    void withTokenWhenRotatedThenOnlyHashAndLastUseChange() {
        RememberedDevice device = device("dev-1", "Safari on iOS");

        RememberedDevice rotated = device.withToken(hash("next"), T.plusSeconds(5));

        assertEquals(new RememberedDevice("dev-1", "alice", hash("next"), "Safari on iOS", device.createdAt(),
                T.plusSeconds(5), device.expiresAt(), 3), rotated);
    }

    private static RememberedDevice device(String id, String userAgent) {
        return new RememberedDevice(id, "alice", hash("token"), userAgent, T, T, T.plusSeconds(3600), 3);
    }
}
