package io.github.email2fa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.testing.MutableClock;
import io.github.email2fa.totp.AuthenticatorApps.Enrolment;
import io.github.email2fa.totp.AuthenticatorApps.Outcome;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** An enrolment is shown again and confirmed only with the ticket of the start that made it. */
class AuthenticatorAppsTicketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final SecureRandom random = new SecureRandom();
    private final AccountStore store = new InMemoryAccountStore();
    private final TotpVerifier verifier = new TotpVerifier(TotpSettings.defaults("Example Shop"), clock);
    private final AuthenticatorApps apps = new AuthenticatorApps(store, new SecretBox(filled(32, 7), random), verifier, random, clock);

    @Test
    void pendingWhenTicketOfThisStartThenShownAgainElseNot() {
        Enrolment shown = apps.start("alice", "alice@example.com").orElseThrow();

        assertEquals(shown, apps.pending("alice", "alice@example.com", shown.ticket()).orElseThrow());
        assertTrue(apps.pending("alice", "alice@example.com", null).isEmpty(), "no ticket, no secret");
        assertTrue(apps.pending("alice", "alice@example.com", "x" + shown.ticket()).isEmpty());
    }

    @Test
    void startAgainWhenAnotherStartReplacedItThenTheOldTicketNeitherShowsNorConfirms() {
        Enrolment first = apps.start("alice", "alice@example.com").orElseThrow();
        Enrolment second = apps.start("alice", "alice@example.com").orElseThrow();

        assertNotEquals(first.ticket(), second.ticket());
        assertTrue(apps.pending("alice", "alice@example.com", first.ticket()).isEmpty());
        assertEquals(Outcome.NO_APP, apps.confirm("alice", verifier.currentCode(secretOf(second)), first.ticket()));
        assertEquals(Outcome.NO_APP, apps.confirm("alice", verifier.currentCode(secretOf(second)), null));
        assertFalse(apps.hasApp("alice"));
        assertEquals(Outcome.ACCEPTED, apps.confirm("alice", verifier.currentCode(secretOf(second)), second.ticket()));
    }

    @Test
    void ticketWhenAnotherUsersThenItMatchesNothing() {
        Enrolment alices = apps.start("alice", "alice@example.com").orElseThrow();
        apps.start("bob", "bob@example.com");

        assertTrue(apps.pending("bob", "bob@example.com", alices.ticket()).isEmpty());
        assertEquals(Outcome.NO_APP, apps.confirm("bob", verifier.currentCode(secretOf(alices)), alices.ticket()));
    }

    private static byte[] secretOf(Enrolment enrolment) {
        return new org.apache.commons.codec.binary.Base32().decode(enrolment.groupedSecret().replace(" ", ""));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
