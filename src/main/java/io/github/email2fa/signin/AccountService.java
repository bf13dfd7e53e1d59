package io.github.email2fa.signin;

import io.github.email2fa.account.AccountRecord;
import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.account.StoredPasskey;
import io.github.email2fa.backup.BackupCodes;
import io.github.email2fa.device.RememberedDevices;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.event.AuditEvents;
import io.github.email2fa.mail.MailDispatcher;
import io.github.email2fa.mail.NoticeTemplate;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.passkey.PasskeyChallenge;
import io.github.email2fa.passkey.PasskeyVerifier;
import io.github.email2fa.passkey.Passkeys;
import io.github.email2fa.session.SessionEpochs;
import io.github.email2fa.totp.AuthenticatorApps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every change to a user's second-factor state: turning codes on and off, new backup codes,
 * remembered devices, and the password-change epoch. Each change is one place that makes the
 * store calls, raises the audit event and mails the user a notice, so no page can change an
 * account without a trace. The web layer calls this and only decides what to show.
 *
 * <p>Store failures surface as {@link io.github.email2fa.account.AccountStoreException}; an
 * event or notice is only raised after its change was stored.
 */
public final class AccountService {

    /** Reasons of {@link Type#DEVICES_FORGOTTEN}: one device, or all of them. */
    public static final String ONE_DEVICE = "one";
    /** See {@link #ONE_DEVICE}. */
    public static final String ALL_DEVICES = "all";
    /** Reason of {@link Type#APP_REMOVED}: the user removed the app. */
    public static final String REMOVED = "removed";
    /** See {@link #REMOVED}: the app went with the user's sign-in codes. */
    public static final String TWO_FACTOR_DISABLED = "two_factor_disabled";
    /** Reasons of {@link Type#DEVICES_REVOKED}: the application reported a new password. */
    public static final String PASSWORD_CHANGED = "password_changed";
    /** See {@link #PASSWORD_CHANGED}: the account was locked out after wrong codes. */
    public static final String LOCKED_OUT = "locked_out";
    /** Why other sessions must pass again: the second factor changed (codes, backup codes, devices). */
    public static final String ACCOUNT_CHANGED = "account_changed";
    /** See {@link #ACCOUNT_CHANGED}: the user ended their other sessions. */
    public static final String SESSIONS_ENDED = "sessions_ended";

    private final AccountStore store;
    private final BackupCodes backupCodes;
    private final RememberedDevices devices;
    private final AuthenticatorApps apps;
    private final Passkeys passkeys;
    private final MailDispatcher mail;
    private final AuditEvents events;
    private final SessionEpochs epochs;
    private final Clock clock;
    private final String appName;
    private final NoticeTemplate notices = new NoticeTemplate();

    /**
     * @param store per-user state
     * @param backupCodes makes and checks backup codes on that store
     * @param devices remembers and recognises devices on that store
     * @param apps enrols and checks authenticator apps on that store
     * @param passkeys registers and checks passkeys on that store
     * @param mail sends notices off the request thread
     * @param events where audit events go
     * @param epochs where a change is recorded, so the account's other sessions must pass again
     * @param clock wall-clock time for events and notices
     * @param appName the application's name in notices
     */
    public AccountService(AccountStore store, BackupCodes backupCodes, RememberedDevices devices, AuthenticatorApps apps,
            Passkeys passkeys, MailDispatcher mail, AuditEvents events, SessionEpochs epochs, Clock clock, String appName) {
        this.store = store;
        this.backupCodes = backupCodes;
        this.devices = devices;
        this.apps = apps;
        this.passkeys = passkeys;
        this.mail = mail;
        this.events = events;
        this.epochs = epochs;
        this.clock = clock;
        this.appName = appName;
    }

    /** Whether the user turned sign-in codes on; {@code false} for an account not stored yet. */
    public boolean isEnrolled(String subject) {
        AccountRecord account = store.find(subject);
        return account != null && account.enrolled();
    }

    /** The user's unused backup codes. */
    public int remainingBackupCodes(String subject) {
        return store.remainingBackupCodes(subject);
    }

    /** The user's devices that would still be recognised, oldest first. */
    public List<RememberedDevice> devicesOf(String subject) {
        return devices.devicesOf(subject);
    }

    /** The checks behind {@link SignInService#verifyBackup}. */
    public BackupCodes backupCodes() {
        return backupCodes;
    }

    /** The checks behind {@link SignInService#verifyApp}, and what the settings page shows of apps. */
    public AuthenticatorApps apps() {
        return apps;
    }

    /** The checks behind {@link SignInService#verifyPasskey}, and what the settings page shows of passkeys. */
    public Passkeys passkeys() {
        return passkeys;
    }

    /** Whether the user holds a factor stronger than email that can be used now: a passkey or an authenticator app. */
    public boolean hasStrongFactor(String subject) {
        return passkeys.hasPasskey(subject) || apps.canCheck(subject);
    }

    /**
     * Registers a passkey: a {@code passkey_registered} event and a notice. The caller took the
     * challenge out of the session.
     *
     * @return the passkey stored
     * @throws PasskeyVerifier.Refused if the browser's response is not accepted; nothing is stored or announced
     * @throws IllegalArgumentException if the name is not accepted
     */
    public StoredPasskey registerPasskey(Actor actor, PasskeyVerifier verifier, String responseJson, PasskeyChallenge challenge,
            String name) throws PasskeyVerifier.Refused {
        StoredPasskey added = passkeys.register(verifier, actor.subject(), responseJson, challenge, name);
        epochs.advance(actor.subject(), ACCOUNT_CHANGED);
        publish(Type.PASSKEY_REGISTERED, actor, null);
        notify(actor, at -> notices.passkeyChanged(actor.email(), actor.locale(), appName, at, added.name(), true, false));
        return added;
    }

    /**
     * Renames one of the user's passkeys. No event or notice: a label lets no one in.
     *
     * @return whether it was theirs
     * @throws IllegalArgumentException if the name is not accepted
     */
    public boolean renamePasskey(Actor actor, String credentialId, String name) {
        return passkeys.rename(actor.subject(), credentialId, name);
    }

    /** Reason of {@link Type#PASSKEY_REMOVED} when the user removed the last of their passkeys and apps. */
    public static final String LAST_STRONG_FACTOR = "last_strong_factor";

    /**
     * Removes one of the user's passkeys: a {@code passkey_removed} event and a notice, which says
     * so when no passkey or app is left.
     *
     * @return whether it was theirs and is gone
     */
    public boolean removePasskey(Actor actor, String credentialId) {
        StoredPasskey removed = passkeys.remove(actor.subject(), credentialId);
        if (removed == null) {
            return false;
        }
        boolean noneLeft = !hasStrongFactor(actor.subject());
        epochs.advance(actor.subject(), ACCOUNT_CHANGED);
        publish(Type.PASSKEY_REMOVED, actor, noneLeft ? LAST_STRONG_FACTOR : REMOVED);
        notify(actor, at -> notices.passkeyChanged(actor.email(), actor.locale(), appName, at, removed.name(), false, noneLeft));
        return true;
    }

    /** The way in the user wants offered first ({@code email} or {@code app}), or {@code null} to leave it to the module. */
    public String preferredFactor(String subject) {
        AccountRecord account = store.find(subject);
        return account == null ? null : account.preferredFactor();
    }

    /**
     * Sets the way in the challenge page offers first. No notice: it changes nothing that lets anyone in.
     *
     * @param factor {@code email} or {@code app}
     */
    public void setPreferredFactor(Actor actor, String factor) {
        store.setPreferredFactor(actor.subject(), factor);
    }

    /**
     * Begins adding an authenticator app: a new secret, shown once more until the user confirms it
     * with a code. Nothing is announced before that code, as the app is no way in until then.
     *
     * @param account what the app labels the codes with (the user's address)
     * @return what to show, or empty if the user already has a confirmed app
     * @throws IllegalStateException if apps are not available (see {@link AuthenticatorApps#availability()})
     */
    public Optional<AuthenticatorApps.Enrolment> startApp(Actor actor, String account) {
        return apps.start(actor.subject(), account);
    }

    /**
     * Confirms the app being added with its first code: then an {@code app_enrolled} event and a notice.
     *
     * @return how the code fared; only {@link AuthenticatorApps.Outcome#ACCEPTED} added the app
     */
    public AuthenticatorApps.Outcome confirmApp(Actor actor, String code) {
        return confirmed(actor, apps.confirm(actor.subject(), code));
    }

    /**
     * Confirms the app being added, as {@link #confirmApp(Actor, String)}, if it is the enrolment of
     * {@code ticket} ({@link AuthenticatorApps.Enrolment#ticket}), the one the confirming session began.
     *
     * @param ticket the ticket that session kept; {@code null} matches no enrolment
     */
    public AuthenticatorApps.Outcome confirmApp(Actor actor, String code, String ticket) {
        return confirmed(actor, apps.confirm(actor.subject(), code, ticket));
    }

    /** After an app's first code: if it was right, an {@code app_enrolled} event and a notice. */
    private AuthenticatorApps.Outcome confirmed(Actor actor, AuthenticatorApps.Outcome outcome) {
        if (outcome == AuthenticatorApps.Outcome.ACCEPTED) {
            epochs.advance(actor.subject(), ACCOUNT_CHANGED);
            publish(Type.APP_ENROLLED, actor, null);
            notify(actor, at -> notices.appChanged(actor.email(), actor.locale(), appName, at, true, false));
        }
        return outcome;
    }

    /**
     * Removes the user's authenticator app.
     *
     * @return whether there was a confirmed one; only then is there an {@code app_removed} event
     *         (reason {@code last_strong_factor} when no passkey is left either) and a notice, which then says so
     */
    public boolean removeApp(Actor actor) {
        if (!apps.remove(actor.subject())) {
            return false;
        }
        boolean noneLeft = !hasStrongFactor(actor.subject());
        epochs.advance(actor.subject(), ACCOUNT_CHANGED);
        publish(Type.APP_REMOVED, actor, noneLeft ? LAST_STRONG_FACTOR : REMOVED);
        notify(actor, at -> notices.appChanged(actor.email(), actor.locale(), appName, at, false, noneLeft));
        return true;
    }

    /** Turns sign-in codes on: a {@code two_factor_enabled} event and a notice. */
    public void enable(Actor actor) {
        store.setEnrolled(actor.subject(), true);
        epochs.advance(actor.subject(), ACCOUNT_CHANGED);
        publish(Type.TWO_FACTOR_ENABLED, actor, null);
        notify(actor, at -> notices.twoFactorChanged(actor.email(), actor.locale(), appName, at, true));
    }

    /**
     * Turns sign-in codes off, and with them the backup codes, remembered devices, the
     * authenticator app and the passkeys: a {@code two_factor_disabled} event (and an
     * {@code app_removed} one if there was an app, and a {@code passkey_removed} one per passkey)
     * and a notice.
     */
    public void disable(Actor actor) {
        String subject = actor.subject();
        store.setEnrolled(subject, false);
        store.replaceBackupCodes(subject, null, List.of());
        store.forgetAllDevices(subject);
        boolean hadApp = apps.remove(subject);
        int passkeysRemoved = passkeys.removeAll(subject);
        epochs.advance(subject, ACCOUNT_CHANGED);
        publish(Type.TWO_FACTOR_DISABLED, actor, null);
        if (hadApp) {
            publish(Type.APP_REMOVED, actor, TWO_FACTOR_DISABLED);
        }
        for (int i = 0; i < passkeysRemoved; i++) {
            publish(Type.PASSKEY_REMOVED, actor, TWO_FACTOR_DISABLED);
        }
        notify(actor, at -> notices.twoFactorChanged(actor.email(), actor.locale(), appName, at, false));
    }

    /**
     * Replaces the user's backup codes with {@value BackupCodes#COUNT} new ones: a
     * {@code backup_codes_regenerated} event and a notice.
     *
     * @return the new codes, to be shown once and never stored in clear
     */
    public List<String> regenerateBackupCodes(Actor actor) {
        List<String> codes = backupCodes.regenerate(actor.subject());
        epochs.advance(actor.subject(), ACCOUNT_CHANGED);
        publish(Type.BACKUP_CODES_REGENERATED, actor, null);
        notify(actor, at -> notices.backupCodesRegenerated(actor.email(), actor.locale(), appName, at));
        return codes;
    }

    /**
     * Remembers the user's browser after a sign-in: a {@code device_remembered} event and a notice.
     *
     * @param userAgent the browser's {@code User-Agent} header, or {@code null}
     * @param days how long the device is remembered, as the notice says
     * @return the device and the token for its cookie
     */
    public RememberedDevices.Remembered rememberDevice(Actor actor, String userAgent, int days) {
        AccountRecord account = store.find(actor.subject());
        RememberedDevices.Remembered remembered = devices.remember(actor.subject(), userAgent, account == null ? 0 : account.epoch());
        publish(Type.DEVICE_REMEMBERED, actor, null);
        notify(actor, at -> notices.deviceRemembered(actor.email(), actor.locale(), appName, at,
                remembered.device().userAgentSummary(), days));
        return remembered;
    }

    /**
     * Forgets one of the user's devices; another user's device is left alone.
     *
     * @return whether the user had it; only then is there a {@code devices_forgotten} event and a notice
     */
    public boolean forgetDevice(Actor actor, String deviceId) {
        if (!devices.forget(actor.subject(), deviceId)) {
            return false;
        }
        forgotten(actor, ONE_DEVICE, 1);
        return true;
    }

    /**
     * Forgets all the user's devices.
     *
     * @return how many there were; if any, there is a {@code devices_forgotten} event and a notice
     */
    public int forgetAllDevices(Actor actor) {
        int count = devices.forgetAll(actor.subject());
        if (count > 0) {
            forgotten(actor, ALL_DEVICES, count);
        }
        return count;
    }

    /**
     * The application reports a new password: every remembered device of the user stops
     * skipping the second factor, and every session of the user, the current one too, must pass
     * it again. Raises a {@code devices_revoked} event with reason {@code password_changed}; the
     * application sends its own notice of the new password.
     */
    public void passwordChanged(String subject) {
        store.bumpEpoch(subject);
        epochs.advance(subject, PASSWORD_CHANGED);
        publish(Type.DEVICES_REVOKED, Actor.application(subject), PASSWORD_CHANGED);
    }

    /**
     * Ends the user's other sessions: each must pass the second factor again on its next request
     * (the caller keeps the current one). Raises an {@code other_sessions_ended} event.
     */
    public void endOtherSessions(Actor actor) {
        epochs.advance(actor.subject(), SESSIONS_ENDED);
        publish(Type.OTHER_SESSIONS_ENDED, actor, null);
    }

    /**
     * A lockout ends the user's remembered devices too, so a stolen device cannot sign in while
     * someone guesses codes: a {@code devices_revoked} event with reason {@code locked_out}, if
     * there were any.
     */
    public void lockedOut(String subject) {
        if (devices.forgetAll(subject) > 0) {
            publish(Type.DEVICES_REVOKED, Actor.application(subject), LOCKED_OUT);
        }
    }

    private void forgotten(Actor actor, String reason, int count) {
        epochs.advance(actor.subject(), ACCOUNT_CHANGED);
        publish(Type.DEVICES_FORGOTTEN, actor, reason);
        notify(actor, at -> notices.devicesForgotten(actor.email(), actor.locale(), appName, at, count));
    }

    /** Mails the user a notice of a change, if their address is known; delivery is best effort. */
    private void notify(Actor actor, Function<Instant, OutgoingEmail> notice) {
        if (actor.email() != null) {
            mail.dispatch(notice.apply(clock.instant()), sent -> { });
        }
    }

    private void publish(Type type, Actor actor, String reason) {
        events.publish(new AuditEvent(type, actor.subject(), actor.maskedEmail(), actor.clientIp(), actor.sessionHash(), reason,
                null, clock.instant()));
    }
}
