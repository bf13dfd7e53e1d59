package io.github.email2fa.device;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.device.RememberedDevices.Recognized;
import io.github.email2fa.device.RememberedDevices.Remembered;
import io.github.email2fa.testing.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link RememberedDevices}: remembering, recognising with rotation, expiry, epochs and forgetting. */
class RememberedDevicesTest {

    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final Duration LIFETIME = Duration.ofDays(30);

    private final List<String> storeCalls = new CopyOnWriteArrayList<>();
    private final AccountStore store = recording(new InMemoryAccountStore(), storeCalls);
    private final MutableClock clock = new MutableClock(T0);
    private final RememberedDevices devices = new RememberedDevices(store, new SecureRandom(), clock, LIFETIME);

    @Test
    void rememberWhenCalledThenDeviceStoredWithSummaryTimesAndEpoch() {
        store.bumpEpoch(ALICE);

        RememberedDevice device = devices.remember(ALICE, FIREFOX, 1).device();

        assertAll(
                () -> assertEquals(List.of(device), store.devices(ALICE)),
                () -> assertEquals(ALICE, device.subject()),
                () -> assertEquals("Firefox on Linux", device.userAgentSummary()),
                () -> assertEquals(T0, device.createdAt()),
                () -> assertEquals(T0, device.lastUsedAt()),
                () -> assertEquals(T0.plus(LIFETIME), device.expiresAt()),
                () -> assertEquals(1, device.epoch()));
    }

    @Test
    void rememberWhenCalledThenIdIs16UrlSafeCharactersAndNewEachTime() {
        String first = devices.remember(ALICE, FIREFOX, 0).device().id();
        String second = devices.remember(ALICE, FIREFOX, 0).device().id();

        assertTrue(first.matches("[A-Za-z0-9_-]{16}"), first);
        assertNotEquals(first, second);
    }

    @Test
    void rememberWhenCalledThenOnlyTheTokensHashIsStored() {
        Remembered remembered = devices.remember(ALICE, FIREFOX, 0);
        String token = remembered.token();

        RememberedDevice stored = store.findDevice(DeviceToken.hash(token).orElseThrow());
        assertEquals(remembered.device(), stored);
        assertNotEquals(token, stored.tokenHash());
        assertFalse(List.of(stored.id(), stored.subject(), stored.tokenHash(), stored.userAgentSummary())
                .stream().anyMatch(field -> field.contains(token)), "a stored field holds the token");
    }

    @Test
    void rememberedToStringWhenPrintedThenTokenLeftOut() {
        Remembered remembered = devices.remember(ALICE, FIREFOX, 0);

        assertFalse(remembered.toString().contains(remembered.token()), remembered.toString());
    }

    @Test
    void rememberedCookieMaxAgeWhenRememberedThenWholeLifetime() {
        assertEquals(LIFETIME, devices.remember(ALICE, FIREFOX, 0).cookieMaxAge());
    }

    @Test
    void recognizeWhenFreshTokenThenRecognizedWithNewToken() {
        Remembered remembered = devices.remember(ALICE, FIREFOX, 0);

        Recognized recognized = devices.recognize(ALICE, remembered.token()).orElseThrow();

        assertEquals(ALICE, recognized.subject());
        assertEquals(remembered.device().id(), recognized.device().id());
        assertNotEquals(remembered.token(), recognized.newToken());
        assertTrue(DeviceToken.isWellFormed(recognized.newToken()), recognized.newToken());
        assertEquals(recognized.device(), store.findDevice(DeviceToken.hash(recognized.newToken()).orElseThrow()));
    }

    @Test
    void recognizeWhenOldTokenAfterRotationThenEmpty() {
        String token = devices.remember(ALICE, FIREFOX, 0).token();
        devices.recognize(ALICE, token).orElseThrow();

        assertEquals(Optional.empty(), devices.recognize(ALICE, token));
    }

    @Test
    void recognizeWhenRotatedTokenThenRecognizedAgain() {
        String token = devices.remember(ALICE, FIREFOX, 0).token();
        String rotated = devices.recognize(ALICE, token).orElseThrow().newToken();

        assertTrue(devices.recognize(ALICE, rotated).isPresent());
    }

    @Test
    void recognizeWhenUsedThenLastUsedAtUpdatedAndExpiryKept() {
        String token = devices.remember(ALICE, FIREFOX, 0).token();
        clock.advance(Duration.ofDays(10));

        Recognized recognized = devices.recognize(ALICE, token).orElseThrow();

        RememberedDevice stored = store.devices(ALICE).get(0);
        assertAll(
                () -> assertEquals(T0.plus(Duration.ofDays(10)), recognized.device().lastUsedAt()),
                () -> assertEquals(T0.plus(Duration.ofDays(10)), stored.lastUsedAt()),
                () -> assertEquals(T0, stored.createdAt()),
                () -> assertEquals(T0.plus(LIFETIME), stored.expiresAt()),
                () -> assertEquals(Duration.ofDays(20), recognized.cookieMaxAge()));
    }

    @Test
    void recognizedToStringWhenPrintedThenNewTokenLeftOut() {
        String token = devices.remember(ALICE, FIREFOX, 0).token();

        Recognized recognized = devices.recognize(ALICE, token).orElseThrow();

        assertFalse(recognized.toString().contains(recognized.newToken()), recognized.toString());
    }

    @Test
    void recognizeWhenOneMillisecondBeforeLifetimeThenRecognized() {
        String token = devices.remember(ALICE, FIREFOX, 0).token();
        clock.advance(LIFETIME.minusMillis(1));

        assertTrue(devices.recognize(ALICE, token).isPresent());
    }

    @Test
    void recognizeWhenExactlyAtLifetimeThenEmptyAndDeviceDeleted() {
        String token = devices.remember(ALICE, FIREFOX, 0).token();
        clock.advance(LIFETIME);

        assertEquals(Optional.empty(), devices.recognize(ALICE, token));
        assertEquals(List.of(), store.devices(ALICE));
    }

    @Test
    void recognizeWhenEpochBumpedThenEmptyAndDeviceDeleted() {
        String token = devices.remember(ALICE, FIREFOX, 0).token();
        store.bumpEpoch(ALICE);

        assertEquals(Optional.empty(), devices.recognize(ALICE, token));
        assertEquals(List.of(), store.devices(ALICE));
    }

    @Test
    void recognizeWhenRememberedUnderStaleEpochThenEmpty() {
        store.bumpEpoch(ALICE);
        String token = devices.remember(ALICE, FIREFOX, 0).token();

        assertEquals(Optional.empty(), devices.recognize(ALICE, token));
    }

    @Test
    void recognizeWhenCurrentEpochAfterBumpsThenRecognized() {
        store.bumpEpoch(ALICE);
        long epoch = store.bumpEpoch(ALICE);
        String token = devices.remember(ALICE, FIREFOX, epoch).token();

        assertTrue(devices.recognize(ALICE, token).isPresent());
    }

    @Test
    void recognizeWhenAnotherSubjectsDeviceThenEmptyAndDeviceUntouched() {
        Remembered bobs = devices.remember(BOB, FIREFOX, 0);

        assertEquals(Optional.empty(), devices.recognize(ALICE, bobs.token()));
        assertEquals(List.of(bobs.device()), store.devices(BOB));
        assertTrue(devices.recognize(BOB, bobs.token()).isPresent());
    }

    @Test
    void recognizeWhenUnknownTokenThenEmpty() {
        devices.remember(ALICE, FIREFOX, 0);

        assertEquals(Optional.empty(), devices.recognize(ALICE, DeviceToken.generate(new SecureRandom())));
    }

    @ParameterizedTest
    @MethodSource("malformedTokens")
    void recognizeWhenMalformedTokenThenEmptyWithoutTouchingStore(String token) {
        devices.remember(ALICE, FIREFOX, 0);
        storeCalls.clear();

        assertEquals(Optional.empty(), devices.recognize(ALICE, token));
        assertEquals(List.of(), storeCalls);
    }

    static Stream<String> malformedTokens() {
        String valid = DeviceToken.generate(new SecureRandom());
        return Stream.of(null, "", "x", "A".repeat(10_000), valid.substring(1) + "+", valid.substring(1) + "/",
                valid.substring(1) + "=", valid.substring(1) + " ", valid.substring(1) + "\n",
                valid.substring(1) + "é", valid + "A", valid.substring(1),
                DeviceToken.generate(new SecureRandom()) + DeviceToken.generate(new SecureRandom()));
    }

    @Test
    void recognizeWhenSubjectNullThenNullPointer() {
        assertThrows(NullPointerException.class, () -> devices.recognize(null, DeviceToken.generate(new SecureRandom())));
    }

    @Test
    void devicesOfWhenSeveralThenOwnLiveOnesOldestFirst() {
        RememberedDevice first = devices.remember(ALICE, FIREFOX, 0).device();
        clock.advance(Duration.ofMinutes(1));
        RememberedDevice second = devices.remember(ALICE, "curl/8.5.0", 0).device();
        devices.remember(BOB, FIREFOX, 0);

        assertEquals(List.of(first, second), devices.devicesOf(ALICE));
    }

    @Test
    void devicesOfWhenExpiredThenLeftOut() {
        devices.remember(ALICE, FIREFOX, 0);
        clock.advance(Duration.ofDays(20));
        RememberedDevice later = devices.remember(ALICE, FIREFOX, 0).device();
        clock.advance(Duration.ofDays(10));

        assertEquals(List.of(later), devices.devicesOf(ALICE));
    }

    @Test
    void devicesOfWhenOlderEpochThenLeftOut() {
        devices.remember(ALICE, FIREFOX, 0);
        long epoch = store.bumpEpoch(ALICE);
        RememberedDevice current = devices.remember(ALICE, FIREFOX, epoch).device();

        assertEquals(List.of(current), devices.devicesOf(ALICE));
    }

    @Test
    void forgetWhenAnotherSubjectsDeviceThenFalseAndDeviceKept() {
        Remembered bobs = devices.remember(BOB, FIREFOX, 0);

        assertFalse(devices.forget(ALICE, bobs.device().id()));
        assertTrue(devices.recognize(BOB, bobs.token()).isPresent());
    }

    @Test
    void forgetWhenOwnDeviceThenRemovedAndNoLongerRecognized() {
        Remembered remembered = devices.remember(ALICE, FIREFOX, 0);

        assertTrue(devices.forget(ALICE, remembered.device().id()));
        assertEquals(List.of(), devices.devicesOf(ALICE));
        assertEquals(Optional.empty(), devices.recognize(ALICE, remembered.token()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no such device", "../x"})
    void forgetWhenNotADeviceIdThenFalse(String deviceId) {
        devices.remember(ALICE, FIREFOX, 0);

        assertFalse(devices.forget(ALICE, deviceId));
        assertEquals(1, devices.devicesOf(ALICE).size());
    }

    @Test
    void forgetAllWhenSeveralThenAllOwnRemovedAndCounted() {
        String first = devices.remember(ALICE, FIREFOX, 0).token();
        String second = devices.remember(ALICE, FIREFOX, 0).token();
        Remembered bobs = devices.remember(BOB, FIREFOX, 0);

        assertEquals(2, devices.forgetAll(ALICE));
        assertEquals(Optional.empty(), devices.recognize(ALICE, first));
        assertEquals(Optional.empty(), devices.recognize(ALICE, second));
        assertEquals(List.of(bobs.device()), store.devices(BOB));
    }

    @Test
    void forgetAllWhenNoneThenZero() {
        assertEquals(0, devices.forgetAll(ALICE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "P401D"})
    void constructorWhenLifetimeOutOfRangeThenIllegalArgument(String lifetime) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RememberedDevices(store, new SecureRandom(), clock, Duration.parse(lifetime)));
        assertTrue(e.getMessage().contains(Duration.parse(lifetime).toString()), e.getMessage());
    }

    @Test
    void constructorWhenLifetime400DaysThenAccepted() {
        assertEquals(Duration.ofDays(400),
                new RememberedDevices(store, new SecureRandom(), clock, Duration.ofDays(400)).lifetime());
    }

    /** The store, recording the name of every method called on it. */
    static AccountStore recording(AccountStore store, List<String> calls) {
        return (AccountStore) Proxy.newProxyInstance(AccountStore.class.getClassLoader(),
                new Class<?>[] {AccountStore.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
