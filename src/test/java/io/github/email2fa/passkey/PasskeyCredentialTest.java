package io.github.email2fa.passkey;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Covers {@link PasskeyCredential}: copies in and out, equality by content, limits, and a short toString. */
class PasskeyCredentialTest {

    private static final Instant CREATED = Instant.parse("2025-06-02T09:00:00Z");
    private static final byte[] ID = {(byte) 0xfb, (byte) 0xff, 1, 2, 3, 4, 5, 6, 7, 8};
    private static final byte[] KEY = {9, 9, 9};
    private static final byte[] USER = {42};

    private final PasskeyCredential credential = new PasskeyCredential(ID, KEY, 7, USER, Set.of("usb"), "Yubikey", CREATED, null);

    @Test
    void constructorWhenArraysChangedAfterwardsThenCredentialUnchanged() {
        byte[] id = ID.clone();
        Set<String> transports = new HashSet<>(Set.of("usb"));
        PasskeyCredential made = new PasskeyCredential(id, KEY, 7, USER, transports, "Yubikey", CREATED, null);

        id[0] = 0;
        transports.add("nfc");
        made.credentialId()[1] = 0;

        assertAll(
                () -> assertArrayEquals(ID, made.credentialId()),
                () -> assertEquals(Set.of("usb"), made.transports()),
                () -> assertEquals(credential, made),
                () -> assertEquals(credential.hashCode(), made.hashCode()));
    }

    @Test
    void base64UrlWhenBytesNeedUrlAlphabetThenNoPaddingAndUrlCharacters() {
        assertEquals("-_8BAgMEBQYHCA", credential.credentialIdBase64Url());
        assertEquals("Kg", credential.userHandleBase64Url());
    }

    @Test
    void usedWhenSignedInThenNewCounterAndTimeOnly() {
        Instant later = CREATED.plusSeconds(60);

        PasskeyCredential used = credential.used(8, later);

        assertAll(
                () -> assertEquals(8, used.signCount()),
                () -> assertEquals(later, used.lastUsedAt()),
                () -> assertNull(credential.lastUsedAt()),
                () -> assertArrayEquals(ID, used.credentialId()),
                () -> assertEquals(CREATED, used.createdAt()),
                () -> assertNotEquals(credential, used));
    }

    @Test
    void constructorWhenEveryValueBadThenAllInOneMessage() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new PasskeyCredential(new byte[0], null, -1, new byte[65], null, " ", null, null)).getMessage();

        assertAll(
                () -> assertTrue(message.startsWith("passkey not accepted: "), message),
                () -> assertTrue(message.contains("credentialId has 0 bytes (accepted: 1 to 1023 bytes)"), message),
                () -> assertTrue(message.contains("attestedCredentialData is empty"), message),
                () -> assertTrue(message.contains("signCount=-1 (accepted: 0 to 4294967295)"), message),
                () -> assertTrue(message.contains("userHandle has 65 bytes (accepted: 1 to 64 bytes)"), message),
                () -> assertTrue(message.contains("transports=null"), message),
                () -> assertTrue(message.contains("name=' ' (accepted: not blank, at most 64 characters, no control characters)"), message),
                () -> assertTrue(message.contains("createdAt is missing"), message));
    }

    @Test
    void constructorWhenLimitsReachedThenAccepted() {
        PasskeyCredential largest = new PasskeyCredential(new byte[1023], KEY, 0xFFFF_FFFFL, new byte[64], Set.of(), "x".repeat(64),
                CREATED, CREATED);

        assertEquals(1023, largest.credentialId().length);
    }

    @Test
    void toStringWhenPrintedThenShortWithoutKeyOrUserHandle() {
        String printed = credential.toString();

        assertEquals("PasskeyCredential[-_8BAgME... 'Yubikey', signCount 7, created 2025-06-02T09:00:00Z, last used null]", printed);
        assertFalse(printed.contains("Kg"));
    }
}
