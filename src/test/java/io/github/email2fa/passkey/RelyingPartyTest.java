package io.github.email2fa.passkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.passkey.PasskeyVerifier.Refused;
import io.github.email2fa.passkey.PasskeyVerifier.Refused.Reason;
import io.github.email2fa.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Covers {@link RelyingParty}: one verifier when the operator names the id, else one per request's
 * host, and a passkey made for one host is refused on any other.
 */
class RelyingPartyTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T09:00:00Z"));
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final Passkeys passkeys = new Passkeys(store, true, clock);

    @Test
    void verifierForWhenIdIsSetThenTheSameVerifierWhateverTheRequestsHost() {
        RelyingParty party = party("shop.example", null);

        PasskeyVerifier verifier = party.verifierFor("shop.example", "https://shop.example").orElseThrow();

        assertTrue(party.isFixed());
        assertSame(verifier, party.verifierFor("10.0.0.7", "http://10.0.0.7:8080").orElseThrow());
        assertEquals("shop.example", verifier.settings().rpId());
        assertEquals(Set.of("https://shop.example"), verifier.settings().origins());
    }

    @Test
    void verifierForWhenIdFollowsTheRequestThenItsHostLowerCasedAndItsOrigin() {
        PasskeyVerifier verifier = party(null, null).verifierFor("Shop.Example", "https://shop.example:8443").orElseThrow();

        assertEquals("shop.example", verifier.settings().rpId());
        assertEquals(Set.of("https://shop.example:8443"), verifier.settings().origins());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "[2001:db8::1]", "shop_example", "-shop.example"})
    void verifierForWhenHostCannotBeARelyingPartyIdThenEmpty(String host) {
        assertTrue(party(null, null).verifierFor(host, "https://" + host).isEmpty(), host);
    }

    @Test
    void verifierForWhenConfiguredOriginsBelongToAnotherHostThenEmpty() {
        RelyingParty party = party(null, List.of("https://shop.example"));

        assertTrue(party.verifierFor("shop.example", "https://shop.example").isPresent());
        assertTrue(party.verifierFor("evil.example", "https://evil.example").isEmpty());
    }

    @Test
    void relyingPartyWhenConfiguredOriginMalformedThenIllegalArgumentNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> party(null, List.of("https://shop.example/path")));

        assertTrue(e.getMessage().contains("https://shop.example/path"), e.getMessage());
    }

    @Test
    void authenticateWhenPasskeyMadeOnOneHostIsAnsweredOnAnotherThenRefusedAndNothingStored() throws Refused {
        RelyingParty party = party(null, null);
        PasskeyVerifier shop = party.verifierFor("shop.example", "https://shop.example").orElseThrow();
        PasskeyVerifier other = party.verifierFor("other.example", "https://other.example").orElseThrow();
        FakeAuthenticator laptop = FakeAuthenticator.es256("shop.example", "https://shop.example");
        PasskeyChallenge registration = shop.newChallenge();
        byte[] handle = FakeAuthenticator.userHandleIn(passkeys.creationOptions(shop, registration, "alice", "alice@example.com"));
        passkeys.register(shop, "alice", laptop.create(registration), registration, "Laptop");
        laptop.signCount = 1;
        PasskeyChallenge signIn = other.newChallenge();

        Refused refused = assertThrows(Refused.class, () -> passkeys.authenticate(other, "alice", laptop.get(signIn, handle), signIn));

        assertEquals(Reason.WRONG_ORIGIN, refused.reason());
        assertEquals(0, store.passkeys("alice").get(0).signCount());
        PasskeyChallenge atHome = shop.newChallenge();
        assertEquals("Laptop", passkeys.authenticate(shop, "alice", laptop.get(atHome, handle), atHome).name(), "still good at home");
    }

    @Test
    void toStringWhenIdFollowsTheRequestThenSaysSo() {
        String text = party(null, null).toString();

        assertTrue(text.contains("each request"), text);
        assertFalse(party("shop.example", null).toString().contains("each request"));
    }

    private RelyingParty party(String rpId, List<String> origins) {
        return new RelyingParty("Shop", rpId, origins, false, LIFETIME, new SecureRandom(), clock);
    }
}
