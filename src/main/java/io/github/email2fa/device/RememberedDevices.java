package io.github.email2fa.device;

import io.github.email2fa.account.AccountRecord;
import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.crypto.RandomIds;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Browsers that may skip the second factor for a while after passing it.
 *
 * <pre>{@code
 * // after the code was verified, if the user ticked "remember this device"
 * // (epoch: the account's security epoch read when the sign-in began; 0 if it had no account yet):
 * Remembered r = devices.remember(subject, request.getHeader("User-Agent"), epoch);
 * response.addCookie(DeviceCookie.create(r.token(), r.cookieMaxAge(), request.isSecure()));
 *
 * // at the next sign-in, once the password named the subject:
 * Optional<Recognized> known = DeviceCookie.read(request).flatMap(token -> devices.recognize(subject, token));
 * // present: skip the code, and give the browser the rotated token:
 * known.ifPresent(k -> response.addCookie(DeviceCookie.create(k.newToken(), k.cookieMaxAge(), request.isSecure())));
 * }</pre>
 *
 * <p>A device is recognised only for its own subject, before its expiry, and while it was
 * remembered under the account's current security epoch, which this service reads from the store
 * itself: the store is the one authority on the epoch, and a caller cannot pass a stale one. A device
 * of an older epoch, or an expired one, can never be recognised again, so it is deleted when its
 * cookie comes back. Every recognition replaces the token with a new one by a compare-and-set in the
 * store, so a copied cookie works at most once, and of parallel requests with the same token exactly
 * one succeeds. Expiry is fixed when the device is remembered; using it does not extend it.
 *
 * <p>What revokes devices: {@link #forget} and {@link #forgetAll}, which the app's settings page,
 * disabling 2FA, a lockout and a password change or reset should call; and
 * {@link AccountStore#bumpEpoch}, which voids all the subject's devices at once.
 *
 * <p>Tokens never reach the store, a log or an exception message; only their SHA-256 does.
 */
public final class RememberedDevices {

    /** The longest lifetime: browsers cap a cookie's Max-Age at 400 days. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(400);

    /** Random bytes of a public device id: 16 base64url characters. */
    private static final int ID_BYTES = 12;

    private final AccountStore store;
    private final SecureRandom random;
    private final RandomIds deviceIds;
    private final Clock clock;
    private final Duration lifetime;

    /**
     * @param store where devices and epochs are kept
     * @param random source of tokens and device ids
     * @param clock the time devices are created, used and expire by
     * @param lifetime how long a device is remembered, more than zero and at most {@link #MAX_LIFETIME};
     *        when the app sets 0 days, remembering is off and no service should be built
     * @throws IllegalArgumentException if the lifetime is out of range
     */
    public RememberedDevices(AccountStore store, SecureRandom random, Clock clock, Duration lifetime) {
        this.store = Objects.requireNonNull(store, "store");
        this.random = Objects.requireNonNull(random, "random");
        this.deviceIds = new RandomIds(random, ID_BYTES);
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime must be more than 0 and at most " + MAX_LIFETIME.toDays()
                    + " days; got " + lifetime + " (0 days turns remembering off: build no RememberedDevices)");
        }
        this.lifetime = lifetime;
    }

    /** How long a device is remembered; the Max-Age of its first cookie. */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Remembers the browser the subject is using, from now until now plus the lifetime.
     *
     * @param userAgent the browser's {@code User-Agent} header, may be {@code null}; only a
     *        {@link UserAgentSummary summary} is kept
     * @param epoch the subject's security epoch when they passed the second factor; if it has moved
     *        on since, the device is void from the start, which is the safe way round
     * @return the new device and the token for its cookie
     * @throws IllegalArgumentException if the subject is blank or too long, or the epoch negative
     * @throws io.github.email2fa.account.AccountStoreException if the store fails
     */
    public Remembered remember(String subject, String userAgent, long epoch) {
        Instant now = clock.instant();
        String token = DeviceToken.generate(random);
        String tokenHash = DeviceToken.hash(token).orElseThrow();
        RememberedDevice device = new RememberedDevice(deviceIds.next(), subject, tokenHash, UserAgentSummary.of(userAgent),
                now, now, now.plus(lifetime), epoch);
        store.saveDevice(device);
        // Expired devices are swept here, when a device is added, so the table never only grows.
        store.forgetExpiredDevices(now);
        return new Remembered(token, device);
    }

    /**
     * Recognises the subject's browser by its cookie's token, and rotates the token.
     *
     * <p>Empty, with no store call, if the token is malformed; empty if no device has it, the device
     * is another subject's (left untouched), has expired or belongs to an older epoch (both deleted),
     * or a parallel request with the same token rotated it first.
     *
     * @param subject the user signing in, as the password step named them
     * @param token the cookie's value; attacker input, may be anything or {@code null}
     * @return the device, and the new token the browser must be given in place of the old one
     * @throws NullPointerException if the subject is {@code null}
     * @throws io.github.email2fa.account.AccountStoreException if the store fails
     */
    public Optional<Recognized> recognize(String subject, String token) {
        Objects.requireNonNull(subject, "subject");
        Optional<String> tokenHash = DeviceToken.hash(token);
        if (tokenHash.isEmpty()) {
            return Optional.empty();
        }
        RememberedDevice device = store.findDevice(tokenHash.get());
        if (device == null || !device.subject().equals(subject)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (device.expiredAt(now) || device.epoch() != epochOf(subject)) {
            store.forgetDevice(subject, device.id());
            return Optional.empty();
        }
        String newToken = DeviceToken.generate(random);
        String newHash = DeviceToken.hash(newToken).orElseThrow();
        if (!store.rotateDevice(tokenHash.get(), newHash, now)) {
            return Optional.empty();
        }
        return Optional.of(new Recognized(subject, newToken, device.withToken(newHash, now)));
    }

    /** The subject's devices that would still be recognised, oldest first. */
    public List<RememberedDevice> devicesOf(String subject) {
        Instant now = clock.instant();
        long epoch = epochOf(subject);
        return store.devices(subject).stream()
                .filter(device -> !device.expiredAt(now) && device.epoch() == epoch)
                .toList();
    }

    /**
     * Forgets one of the subject's devices; another subject's device is left alone.
     *
     * @return whether the subject had a device with this id
     */
    public boolean forget(String subject, String deviceId) {
        return store.forgetDevice(subject, deviceId);
    }

    /** Forgets all the subject's devices, listed or not; returns how many there were. */
    public int forgetAll(String subject) {
        return store.forgetAllDevices(subject);
    }

    /** The subject's current epoch; 0 for an account not stored yet, as a new account starts there. */
    private long epochOf(String subject) {
        AccountRecord account = store.find(subject);
        return account == null ? 0 : account.epoch();
    }

    /**
     * A newly remembered device and the token for its cookie.
     *
     * @param token the secret for the browser's cookie; never stored
     * @param device what the store now holds
     */
    public record Remembered(String token, RememberedDevice device) {

        public Remembered {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(device, "device");
        }

        /** The Max-Age for the device's cookie: its whole lifetime. */
        public Duration cookieMaxAge() {
            return Duration.between(device.createdAt(), device.expiresAt());
        }

        @Override
        public String toString() {
            return "Remembered[device=" + device + "]";
        }
    }

    /**
     * A browser recognised by its cookie.
     *
     * @param subject whose device it is
     * @param newToken the token that replaced the presented one; the browser's cookie must get it
     * @param device the device as the store now holds it, with its new last use
     */
    public record Recognized(String subject, String newToken, RememberedDevice device) {

        public Recognized {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(newToken, "newToken");
            Objects.requireNonNull(device, "device");
        }

        /** The Max-Age for the rotated cookie: the time the device has left, from this use on. */
        public Duration cookieMaxAge() {
            return Duration.between(device.lastUsedAt(), device.expiresAt());
        }

        @Override
        public String toString() {
            return "Recognized[subject=" + subject + ", device=" + device + "]";
        }
    }
}
