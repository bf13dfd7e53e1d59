package io.github.email2fa.passkey;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Covers {@link PasskeyChallenge}: 32 fresh random bytes, expiry to the millisecond, and a small session form. */
class PasskeyChallengeTest {

    private static final Instant NOW = Instant.parse("2025-06-02T09:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final SecureRandom random = new SecureRandom();

    @Test
    void randomWhenMadeThenThirtyTwoFreshBytesAndItsTimes() {
        PasskeyChallenge first = PasskeyChallenge.random(random, clock, Duration.ofMinutes(5));
        PasskeyChallenge second = PasskeyChallenge.random(random, clock, Duration.ofMinutes(5));

        assertAll(
                () -> assertEquals(32, first.value().length),
                () -> assertFalse(second.matches(first.value())),
                () -> assertEquals(NOW, first.createdAt()),
                () -> assertEquals(NOW.plusSeconds(300), first.expiresAt()),
                () -> assertEquals(Duration.ofMinutes(5), first.lifetime()),
                () -> assertArrayEquals(first.value(), Base64.getUrlDecoder().decode(first.base64Url())),
                () -> assertEquals(43, first.base64Url().length()));
    }

    @Test
    void valueWhenChangedByCallerThenChallengeUnchanged() {
        PasskeyChallenge challenge = PasskeyChallenge.random(random, clock, Duration.ofMinutes(5));
        byte[] value = challenge.value();

        value[0] ^= 1;

        assertFalse(challenge.matches(value));
    }

    @Test
    void expiredWhenLifetimeReachedThenExpiredFromThatInstantOn() {
        PasskeyChallenge challenge = PasskeyChallenge.random(random, clock, Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertFalse(challenge.expired(clock));

        clock.advance(Duration.ofMillis(1));
        assertTrue(challenge.expired(clock));
    }

    @Test
    void matchesWhenSameOtherOrNoBytesThenOnlySame() {
        PasskeyChallenge challenge = PasskeyChallenge.random(random, clock, Duration.ofMinutes(5));

        assertAll(
                () -> assertTrue(challenge.matches(challenge.value())),
                () -> assertFalse(challenge.matches(new byte[32])),
                () -> assertFalse(challenge.matches(new byte[0])),
                () -> assertFalse(challenge.matches(null)));
    }

    @Test
    void randomWhenLifetimeNotPositiveThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> PasskeyChallenge.random(random, clock, Duration.ZERO));
    }

    @Test
    void serializationWhenRoundTripThenEqualAndSmall() throws IOException, ClassNotFoundException {
        PasskeyChallenge challenge = PasskeyChallenge.random(random, clock, Duration.ofMinutes(5));

        byte[] serialized = serialize(challenge);
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            read = in.readObject();
        }

        assertEquals(challenge, read);
        assertTrue(serialized.length < 300, serialized.length + " bytes");
    }

    @Test
    void toStringWhenPrintedThenTimesWithoutValue() {
        PasskeyChallenge challenge = PasskeyChallenge.random(random, clock, Duration.ofMinutes(5));

        assertEquals("PasskeyChallenge[created 2025-06-02T09:00:00Z, expires 2025-06-02T09:05:00Z]", challenge.toString());
        assertNotEquals(-1, challenge.toString().indexOf("expires"));
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
