package io.github.email2fa.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.account.StoredPasskey;
import io.github.email2fa.backup.BackupCodes;
import io.github.email2fa.device.RememberedDevices;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.event.AuditEvents;
import io.github.email2fa.mail.MailDispatcher;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.passkey.FakeAuthenticator;
import io.github.email2fa.passkey.PasskeyChallenge;
import io.github.email2fa.passkey.PasskeyVerifier;
import io.github.email2fa.passkey.Passkeys;
import io.github.email2fa.passkey.RelyingParty;
import io.github.email2fa.session.SessionEpochs;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.text.Messages;
import io.github.email2fa.totp.AuthenticatorApps;
import io.github.email2fa.totp.SecretBox;
import io.github.email2fa.totp.TotpSettings;
import io.github.email2fa.totp.TotpVerifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Covers the passkey changes of {@link AccountService}: registration and removal each raise their
 * event and mail a notice, the removal of the last strong factor says so, a rename is silent, and
 * turning sign-in codes off takes the passkeys with it.
 */
class AccountServicePasskeyTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final String RP_ID = "shop.example";
    private static final String ORIGIN = "https://shop.example";
    private static final Actor ALICE = new Actor("alice", "alice@example.com", Locale.ENGLISH, "198.51.100.7", "0a1b2c3d4e5f");
    private static final Actor BOB = new Actor("bob", "bob@example.com", Locale.ENGLISH, "203.0.113.9", "9f8e7d6c5b4a");
    private static final String NO_STRONG_FACTOR_LEFT = Messages.forLocale(Locale.ENGLISH).get("notice.noStrongFactorLeft");

    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<OutgoingEmail> outbox = new LinkedBlockingQueue<>();
    private final MailDispatcher mail = MailDispatcher.withOwnPool(outbox::add);
    private final SessionEpochs epochs = new SessionEpochs(new CaffeineSharedStore(1000, Ticker.systemTicker()), clock);
    private final TotpVerifier totp = new TotpVerifier(TotpSettings.defaults("Shop"), clock);
    private final AuthenticatorApps apps = new AuthenticatorApps(store, new SecretBox(new byte[32], new SecureRandom()), totp,
            new SecureRandom(), clock);
    private final PasskeyVerifier verifier = new RelyingParty("Shop", RP_ID, null, false, Duration.ofMinutes(5), new SecureRandom(), clock)
            .verifierFor(RP_ID, ORIGIN).orElseThrow();
    private final Passkeys passkeys = new Passkeys(store, true, clock);
    private final AccountService service = service(passkeys);

    @AfterEach
    void stopMail() {
        mail.close();
    }

    @Test
    void registerPasskeyWhenAnswerAcceptedThenStoredWithEventAndNoticeNamingIt() throws Exception {
        FakeAuthenticator laptop = FakeAuthenticator.es256(RP_ID, ORIGIN);

        StoredPasskey added = register(ALICE, laptop, "Work laptop");

        assertEquals(List.of(added), store.passkeys("alice"));
        assertEquals(new AuditEvent(Type.PASSKEY_REGISTERED, "alice", "a•••@example.com", "198.51.100.7", "0a1b2c3d4e5f", null, null, NOW),
                only(Type.PASSKEY_REGISTERED));
        OutgoingEmail notice = notice();
        assertEquals("alice@example.com", notice.to());
        assertEquals("A passkey was added to your Shop account", notice.subject());
        assertTrue(notice.text().contains("\"Work laptop\""), notice.text());
        assertFalse(notice.text().contains(added.credentialId()) || notice.text().contains(added.credential()), "no key in the notice");
        assertEquals(AccountService.ACCOUNT_CHANGED, epochs.lastChange("alice").reason());
    }

    @Test
    void registerPasskeyWhenAnswerRefusedThenNothingStoredAnnouncedOrChanged() throws Exception {
        FakeAuthenticator phishing = FakeAuthenticator.es256(RP_ID, "https://shop-example.evil");

        PasskeyVerifier.Refused refused = assertThrows(PasskeyVerifier.Refused.class, () -> register(ALICE, phishing, "Key"));

        assertEquals(PasskeyVerifier.Refused.Reason.WRONG_ORIGIN, refused.reason());
        assertEquals(List.of(), store.passkeys("alice"));
        assertEquals(List.of(), events);
        assertNull(outbox.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, epochs.changedAt("alice"));
    }

    @Test
    void registerPasskeyWhenCredentialIsAnotherUsersThenAlreadyRegisteredAndNothingAnnounced() throws Exception {
        FakeAuthenticator laptop = FakeAuthenticator.es256(RP_ID, ORIGIN);
        register(ALICE, laptop, "Work laptop");
        notice();
        events.clear();

        PasskeyVerifier.Refused refused = assertThrows(PasskeyVerifier.Refused.class, () -> register(BOB, laptop, "Borrowed"));

        assertEquals(PasskeyVerifier.Refused.Reason.ALREADY_REGISTERED, refused.reason());
        assertEquals(List.of(), store.passkeys("bob"));
        assertEquals(List.of(), events);
        assertNull(outbox.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void renamePasskeyWhenOwnThenRenamedWithoutEventOrNotice() throws Exception {
        StoredPasskey added = registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");

        assertTrue(service.renamePasskey(ALICE, added.credentialId(), "Home laptop"));

        assertEquals("Home laptop", store.passkeys("alice").get(0).name());
        assertEquals(List.of(), events);
        assertNull(outbox.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void renamePasskeyWhenAnotherUsersThenFalseAndTheirsKept() throws Exception {
        StoredPasskey bobs = registerQuietly(BOB, FakeAuthenticator.es256(RP_ID, ORIGIN), "Phone");

        assertFalse(service.renamePasskey(ALICE, bobs.credentialId(), "Mine"));

        assertEquals(List.of(bobs), store.passkeys("bob"));
    }

    @Test
    void removePasskeyWhenAnotherPasskeyIsLeftThenReasonRemovedAndNoticeWithoutLastFactorParagraph() throws Exception {
        StoredPasskey laptop = registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");
        StoredPasskey phone = registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Phone");

        assertTrue(service.removePasskey(ALICE, laptop.credentialId()));

        assertEquals(List.of(phone), store.passkeys("alice"));
        assertEquals(new AuditEvent(Type.PASSKEY_REMOVED, "alice", "a•••@example.com", "198.51.100.7", "0a1b2c3d4e5f",
                AccountService.REMOVED, null, NOW), only(Type.PASSKEY_REMOVED));
        OutgoingEmail notice = notice();
        assertEquals("A passkey was removed from your Shop account", notice.subject());
        assertTrue(notice.text().contains("\"Work laptop\""), notice.text());
        assertFalse(notice.text().contains(NO_STRONG_FACTOR_LEFT), notice.text());
        assertEquals(AccountService.ACCOUNT_CHANGED, epochs.lastChange("alice").reason());
    }

    @Test
    void removePasskeyWhenAnAppIsLeftThenReasonRemovedAndNoticeWithoutLastFactorParagraph() throws Exception {
        StoredPasskey laptop = registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");
        confirmApp(ALICE);

        assertTrue(service.removePasskey(ALICE, laptop.credentialId()));

        assertEquals(AccountService.REMOVED, only(Type.PASSKEY_REMOVED).reason());
        assertFalse(notice().text().contains(NO_STRONG_FACTOR_LEFT));
    }

    @Test
    void removePasskeyWhenNoPasskeyAndNoAppLeftThenReasonLastStrongFactorAndNoticeSaysSo() throws Exception {
        StoredPasskey laptop = registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");

        assertTrue(service.removePasskey(ALICE, laptop.credentialId()));

        assertEquals(AccountService.LAST_STRONG_FACTOR, only(Type.PASSKEY_REMOVED).reason());
        OutgoingEmail notice = notice();
        assertTrue(notice.text().contains("\"Work laptop\""), notice.text());
        assertTrue(notice.text().contains(NO_STRONG_FACTOR_LEFT), notice.text());
        assertTrue(notice.html().contains("no passkey and no authenticator app"), notice.html());
        assertFalse(service.hasStrongFactor("alice"));
    }

    @Test
    void removePasskeyWhenAnotherUsersOrUnknownThenFalseAndNothingAnnounced() throws Exception {
        StoredPasskey bobs = registerQuietly(BOB, FakeAuthenticator.es256(RP_ID, ORIGIN), "Phone");

        assertFalse(service.removePasskey(ALICE, bobs.credentialId()));
        assertFalse(service.removePasskey(ALICE, "AAAAAAAAAAAAAAAAAAAAAA"));
        assertFalse(service.removePasskey(ALICE, "not an id"));

        assertEquals(List.of(bobs), store.passkeys("bob"));
        assertEquals(List.of(), events);
        assertNull(outbox.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, epochs.changedAt("alice"));
    }

    @Test
    void removePasskeyWhenRemovedTwiceThenOnlyTheFirstIsAnnounced() throws Exception {
        StoredPasskey laptop = registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");
        assertTrue(service.removePasskey(ALICE, laptop.credentialId()));

        assertFalse(service.removePasskey(ALICE, laptop.credentialId()));

        only(Type.PASSKEY_REMOVED);
    }

    @Test
    void disableWhenTwoPasskeysThenBothRemovedWithOnePasskeyRemovedEventEach() throws Exception {
        service.enable(ALICE);
        registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");
        registerQuietly(ALICE, FakeAuthenticator.rs256(RP_ID, ORIGIN), "Windows Hello");
        StoredPasskey bobs = registerQuietly(BOB, FakeAuthenticator.es256(RP_ID, ORIGIN), "Phone");

        service.disable(ALICE);

        assertEquals(List.of(), store.passkeys("alice"));
        assertEquals(List.of(bobs), store.passkeys("bob"), "another user's passkeys stay");
        List<AuditEvent> removed = events.stream().filter(e -> e.type() == Type.PASSKEY_REMOVED).toList();
        assertEquals(2, removed.size(), "events: " + events);
        assertTrue(removed.stream().allMatch(e -> AccountService.TWO_FACTOR_DISABLED.equals(e.reason()) && "alice".equals(e.subject())),
                removed.toString());
        only(Type.TWO_FACTOR_DISABLED);
        assertFalse(service.hasStrongFactor("alice"));
    }

    @Test
    void disableWhenNoPasskeyThenNoPasskeyRemovedEvent() {
        service.enable(ALICE);

        service.disable(ALICE);

        assertTrue(events.stream().noneMatch(e -> e.type() == Type.PASSKEY_REMOVED), events.toString());
    }

    @Test
    void disableWhenPasskeysAreTurnedOffThenTheStoredPasskeysAreRemovedToo() throws Exception {
        service.enable(ALICE);
        registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");
        AccountService passkeysOff = service(new Passkeys(store, false, clock));

        passkeysOff.disable(ALICE);

        // Sign-in codes off takes every factor with it, as the app goes whatever its key: passkeys kept now
        // would be a way in again, unannounced, as soon as the operator turns passkeys back on.
        assertEquals(List.of(), store.passkeys("alice"), "turning sign-in codes off leaves no passkey behind");
        assertFalse(new Passkeys(store, true, clock).hasPasskey("alice"));
    }

    @Test
    void hasStrongFactorWhenPasskeyOrAppThenTrueElseFalse() throws Exception {
        assertFalse(service.hasStrongFactor("alice"));

        registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");
        confirmApp(BOB);

        assertTrue(service.hasStrongFactor("alice"), "a passkey");
        assertTrue(service.hasStrongFactor("bob"), "an app");
        assertFalse(service.hasStrongFactor("carol"));
    }

    @Test
    void hasStrongFactorWhenPasskeysTurnedOffThenAStoredPasskeyDoesNotCount() throws Exception {
        registerQuietly(ALICE, FakeAuthenticator.es256(RP_ID, ORIGIN), "Work laptop");

        assertFalse(service(new Passkeys(store, false, clock)).hasStrongFactor("alice"));
    }

    private AccountService service(Passkeys with) {
        return new AccountService(store, new BackupCodes(store, new SecureRandom(), clock),
                new RememberedDevices(store, new SecureRandom(), clock, Duration.ofDays(30)), apps, with, mail,
                new AuditEvents(List.of(events::add)), epochs, clock, "Shop");
    }

    /** Registers through the service, answering the creation options' challenge as the browser would. */
    private StoredPasskey register(Actor actor, FakeAuthenticator authenticator, String name) throws PasskeyVerifier.Refused {
        PasskeyChallenge challenge = verifier.newChallenge();
        service.passkeys().creationOptions(verifier, challenge, actor.subject(), actor.email());
        return service.registerPasskey(actor, verifier, authenticator.create(challenge), challenge, name);
    }

    /** {@link #register}, then drains its notice and event. */
    private StoredPasskey registerQuietly(Actor actor, FakeAuthenticator authenticator, String name) throws Exception {
        StoredPasskey added = register(actor, authenticator, name);
        notice();
        events.clear();
        return added;
    }

    /** Adds a confirmed app, and drains its event and notice. */
    private void confirmApp(Actor actor) throws InterruptedException {
        AuthenticatorApps.Enrolment shown = service.startApp(actor, actor.email()).orElseThrow();
        byte[] secret = new Base32().decode(shown.groupedSecret().replace(" ", ""));
        assertEquals(AuthenticatorApps.Outcome.ACCEPTED, service.confirmApp(actor, totp.currentCode(secret)));
        notice();
        events.clear();
    }

    private OutgoingEmail notice() throws InterruptedException {
        OutgoingEmail email = outbox.poll(5, TimeUnit.SECONDS);
        assertNotNull(email, "a notice was mailed");
        return email;
    }

    private AuditEvent only(Type type) {
        List<AuditEvent> matching = events.stream().filter(e -> e.type() == type).toList();
        assertEquals(1, matching.size(), "events: " + events);
        return matching.get(0);
    }
}
