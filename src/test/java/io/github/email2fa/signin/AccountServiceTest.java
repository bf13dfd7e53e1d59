package io.github.email2fa.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.backup.BackupCodes;
import io.github.email2fa.device.RememberedDevices;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvents;
import io.github.email2fa.mail.MailDispatcher;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.session.SessionEpochs;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.passkey.Passkeys;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Covers {@link AccountService}: each change to a user's second factor is stored, raises its
 * audit event with the actor's details and no secret, and mails a notice where the user can get one.
 */
class AccountServiceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final Actor ALICE = new Actor("alice", "alice@example.com", Locale.ENGLISH, "198.51.100.7", "0a1b2c3d4e5f");

    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<OutgoingEmail> outbox = new LinkedBlockingQueue<>();
    private final MailDispatcher mail = MailDispatcher.withOwnPool(outbox::add);
    private final RememberedDevices devices = new RememberedDevices(store, new SecureRandom(), clock, Duration.ofDays(30));
    private final SessionEpochs epochs = new SessionEpochs(new CaffeineSharedStore(1000, Ticker.systemTicker()), clock);
    private final TotpVerifier verifier = new TotpVerifier(TotpSettings.defaults("Shop"), clock);
    private final AuthenticatorApps apps = new AuthenticatorApps(store, new SecretBox(new byte[32], new SecureRandom()), verifier,
            new SecureRandom(), clock);
    private final AccountService service = new AccountService(store, new BackupCodes(store, new SecureRandom(), clock), devices, apps,
            new Passkeys(store, true, clock), mail, new AuditEvents(List.of(events::add)), epochs, clock, "Shop");

    @AfterEach
    void stopMail() {
        mail.close();
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

    @Test
    void enableWhenCalledThenEnrolledEventWithActorAndNotice() throws Exception {
        service.enable(ALICE);

        assertTrue(service.isEnrolled("alice"));
        AuditEvent event = only(Type.TWO_FACTOR_ENABLED);
        assertEquals(new AuditEvent(Type.TWO_FACTOR_ENABLED, "alice", "a•••@example.com", "198.51.100.7", "0a1b2c3d4e5f", null, null, NOW),
                event);
        assertEquals("alice@example.com", notice().to());
    }

    @Test
    void disableWhenEnrolledWithCodesAndDevicesThenAllEndAndEventIsRaised() throws Exception {
        service.enable(ALICE);
        service.regenerateBackupCodes(ALICE);
        service.rememberDevice(ALICE, "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", 30);

        service.disable(ALICE);

        assertFalse(service.isEnrolled("alice"));
        assertEquals(0, service.remainingBackupCodes("alice"));
        assertEquals(List.of(), service.devicesOf("alice"));
        only(Type.TWO_FACTOR_DISABLED);
    }

    @Test
    void confirmAppWhenFirstCodeRightThenEnrolledEventAndNoticeWithoutTheSecret() throws Exception {
        AuthenticatorApps.Enrolment shown = service.startApp(ALICE, "alice@example.com").orElseThrow();
        assertEquals(List.of(), events, "nothing to announce before the app is a way in");
        byte[] secret = new org.apache.commons.codec.binary.Base32().decode(shown.groupedSecret().replace(" ", ""));

        assertEquals(AuthenticatorApps.Outcome.ACCEPTED, service.confirmApp(ALICE, verifier.currentCode(secret)));

        assertEquals(new AuditEvent(Type.APP_ENROLLED, "alice", "a•••@example.com", "198.51.100.7", "0a1b2c3d4e5f", null, null, NOW),
                only(Type.APP_ENROLLED));
        OutgoingEmail added = notice();
        assertEquals("An authenticator app was added to your Shop account", added.subject());
        String secretText = shown.groupedSecret().replace(" ", "");
        for (String part : List.of(added.text(), added.html(), only(Type.APP_ENROLLED).toLogLine())) {
            assertFalse(part.contains(secretText) || part.contains(shown.groupedSecret()), "no secret in " + part);
        }
        assertTrue(apps.hasApp("alice"));
    }

    @Test
    void confirmAppWhenWrongCodeThenNoEventAndNoNotice() throws Exception {
        service.startApp(ALICE, "alice@example.com");

        assertEquals(AuthenticatorApps.Outcome.WRONG, service.confirmApp(ALICE, "000000".equals(anyCode()) ? "111111" : "000000"));

        assertEquals(List.of(), events);
        assertNull(outbox.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void removeAppWhenConfirmedThenRemovedEventAndNotice() throws Exception {
        confirmApp();

        assertTrue(service.removeApp(ALICE));

        assertEquals(AccountService.LAST_STRONG_FACTOR, only(Type.APP_REMOVED).reason(), "no passkey is left either");
        assertEquals("The authenticator app was removed from your Shop account", notice().subject());
        assertFalse(apps.hasApp("alice"));
        assertFalse(service.removeApp(ALICE), "nothing left to remove, and nothing announced");
        assertEquals(1, events.stream().filter(e -> e.type() == Type.APP_REMOVED).count());
    }

    @Test
    void disableWhenAppConfirmedThenAppGoesTooWithItsOwnEvent() throws Exception {
        service.enable(ALICE);
        confirmApp();

        service.disable(ALICE);

        assertFalse(apps.hasApp("alice"));
        assertEquals(AccountService.TWO_FACTOR_DISABLED, only(Type.APP_REMOVED).reason());
    }

    @Test
    void setPreferredFactorWhenSetThenReadBackWithoutEvent() {
        service.setPreferredFactor(ALICE, "app");

        assertEquals("app", service.preferredFactor("alice"));
        assertNull(service.preferredFactor("bob"));
        assertEquals(List.of(), events);
    }

    /** Adds a confirmed app for Alice and drains its event and notice. */
    private void confirmApp() throws InterruptedException {
        AuthenticatorApps.Enrolment shown = service.startApp(ALICE, "alice@example.com").orElseThrow();
        byte[] secret = new org.apache.commons.codec.binary.Base32().decode(shown.groupedSecret().replace(" ", ""));
        assertEquals(AuthenticatorApps.Outcome.ACCEPTED, service.confirmApp(ALICE, verifier.currentCode(secret)));
        notice();
        events.clear();
    }

    /** The current code of Alice's waiting app. */
    private String anyCode() {
        AuthenticatorApps.Enrolment shown = apps.pending("alice", "alice@example.com").orElseThrow();
        return verifier.currentCode(new org.apache.commons.codec.binary.Base32().decode(shown.groupedSecret().replace(" ", "")));
    }

    @Test
    void regenerateWhenCalledThenTenCodesEventWithoutCodesAndNoticeWithoutCodes() throws Exception {
        List<String> codes = service.regenerateBackupCodes(ALICE);

        assertEquals(BackupCodes.COUNT, codes.size());
        AuditEvent event = only(Type.BACKUP_CODES_REGENERATED);
        OutgoingEmail regenerated = notice();
        for (String code : codes) {
            assertFalse(event.toLogLine().contains(code));
            assertFalse(regenerated.text().contains(code) || regenerated.html().contains(code));
        }
    }

    @Test
    void rememberDeviceWhenCalledThenDeviceEventWithoutTokenAndNotice() throws Exception {
        RememberedDevices.Remembered remembered = service.rememberDevice(ALICE, "Mozilla/5.0 Firefox/128.0", 30);

        assertEquals(1, service.devicesOf("alice").size());
        assertFalse(only(Type.DEVICE_REMEMBERED).toLogLine().contains(remembered.token()));
        assertFalse(notice().text().contains(remembered.token()));
    }

    @Test
    void forgetDeviceWhenOwnDeviceThenForgottenWithReasonOne() throws Exception {
        String id = service.rememberDevice(ALICE, null, 30).device().id();
        notice();

        assertTrue(service.forgetDevice(ALICE, id));

        assertEquals(AccountService.ONE_DEVICE, only(Type.DEVICES_FORGOTTEN).reason());
        notice();
    }

    @Test
    void forgetDeviceWhenAnotherUsersDeviceThenKeptAndNoEvent() {
        String id = service.rememberDevice(new Actor("bob", "bob@example.com", Locale.ENGLISH, null, null), null, 30).device().id();

        assertFalse(service.forgetDevice(ALICE, id));

        assertEquals(1, service.devicesOf("bob").size());
        assertTrue(events.stream().noneMatch(e -> e.type() == Type.DEVICES_FORGOTTEN));
    }

    @Test
    void forgetAllDevicesWhenNoneThenNoEventAndNoNotice() throws Exception {
        assertEquals(0, service.forgetAllDevices(ALICE));

        assertTrue(events.isEmpty());
        assertNull(outbox.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void forgetAllDevicesWhenTwoThenBothGoneWithReasonAll() {
        service.rememberDevice(ALICE, null, 30);
        service.rememberDevice(ALICE, null, 30);

        assertEquals(2, service.forgetAllDevices(ALICE));

        assertEquals(AccountService.ALL_DEVICES, only(Type.DEVICES_FORGOTTEN).reason());
    }

    @Test
    void passwordChangedWhenDeviceRememberedThenDeviceRevokedAndEventWithoutRequestDetails() {
        RememberedDevices.Remembered remembered = service.rememberDevice(ALICE, null, 30);

        service.passwordChanged("alice");

        assertTrue(devices.recognize("alice", remembered.token()).isEmpty(), "the device no longer skips the code");
        assertEquals(new AuditEvent(Type.DEVICES_REVOKED, "alice", null, null, null, AccountService.PASSWORD_CHANGED, null, NOW),
                only(Type.DEVICES_REVOKED));
    }

    @Test
    void lockedOutWhenDevicesRememberedThenRevokedWithReasonLockedOut() {
        service.rememberDevice(ALICE, null, 30);

        service.lockedOut("alice");

        assertEquals(List.of(), service.devicesOf("alice"));
        assertEquals(AccountService.LOCKED_OUT, only(Type.DEVICES_REVOKED).reason());
    }

    @Test
    void lockedOutWhenNoDevicesThenNoEvent() {
        service.lockedOut("alice");

        assertTrue(events.isEmpty());
    }

    @Test
    void changeWhenActorHasNoAddressThenEventButNoNotice() throws Exception {
        service.enable(Actor.application("alice"));

        only(Type.TWO_FACTOR_ENABLED);
        assertNull(outbox.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void changesWhenMadeThenEachMovesTheAccountsEpochWithItsReason() {
        long before = epochs.version();

        service.enable(ALICE);
        long enabled = epochs.changedAt("alice");
        service.regenerateBackupCodes(ALICE);
        long regenerated = epochs.changedAt("alice");
        service.passwordChanged("alice");

        assertTrue(enabled > 0 && regenerated > enabled && epochs.changedAt("alice") > regenerated, "strictly later each time");
        assertEquals(AccountService.PASSWORD_CHANGED, epochs.lastChange("alice").reason());
        assertEquals(before + 3, epochs.version());
        assertEquals(0, epochs.changedAt("bob"), "another account is untouched");
    }

    @Test
    void endOtherSessionsWhenCalledThenEpochMovesAndEventIsRaised() {
        service.endOtherSessions(ALICE);

        assertEquals(AccountService.SESSIONS_ENDED, epochs.lastChange("alice").reason());
        only(Type.OTHER_SESSIONS_ENDED);
    }

    @Test
    void forgetDeviceWhenNotTheUsersThenEpochStays() {
        assertFalse(service.forgetDevice(ALICE, "no-such-device"));

        assertEquals(0, epochs.changedAt("alice"));
    }
}
