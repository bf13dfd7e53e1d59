package io.github.email2fa.totp;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.AuthenticatorApp;
import io.github.email2fa.challenge.CodeInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Users' authenticator apps: enrolment, confirmation, sign-in codes and removal, on the account
 * store, with each secret sealed by a {@link SecretBox} and checked by a {@link TotpVerifier}.
 * It applies no limit and raises no event: the sign-in and account services around it count
 * every guess toward the account's failure limit and record each change.
 *
 * <pre>{@code
 * AuthenticatorApps apps = new AuthenticatorApps(store, new SecretBox(key, random), new TotpVerifier(settings, clock), random, clock);
 * AuthenticatorApps.Enrolment shown = apps.start("alice", "alice@example.com").orElseThrow();   // secret and URI for the page
 * apps.confirm("alice", "123456");                                             // the first code from the app
 * apps.check("alice", "654321");                                               // at sign-in
 * }</pre>
 *
 * <p>A secret is 20 to 64 random bytes (the size of the HMAC's output, RFC 4226 section 4),
 * stored only sealed, bound to its user. Each time step is accepted at most once per user, by a
 * compare-and-set in the store (RFC 6238 section 5.2), so parallel requests with one code give
 * one success. A secret sealed with the key a rotation replaces is sealed again with the new key
 * when its app is next used.
 */
public final class AuthenticatorApps {

    /** Whether users can add apps here, and if not, why. */
    public enum Availability {
        /** A sealing key is set and the account store keeps apps. */
        AVAILABLE,
        /** {@code email2fa.app.secretKey} is not set: no secret could be stored, so none is. */
        NO_KEY,
        /** The account store is one that does not keep apps. */
        STORE_LACKS_APPS
    }

    /**
     * What an enrolment shows the user: the secret as Base32 text in groups of four, and its
     * {@code otpauth} URI, for a link and for a QR code ({@link QrCodeSvg}) the page draws with a
     * label in its own language.
     *
     * @param ticket names this enrolment's secret without revealing it (a hash of its sealed form),
     *        for the session that began it to keep: {@link #pending(String, String, String)} and
     *        {@link #confirm(String, String, String)} take it, so another session of the user, which
     *        may be someone else's, neither sees the secret nor confirms it
     */
    public record Enrolment(String groupedSecret, String uri, String ticket) {

        /** An enrolment shown without a ticket. */
        public Enrolment(String groupedSecret, String uri) {
            this(groupedSecret, uri, "");
        }

        /** Leaves out the secret. */
        @Override
        public String toString() {
            return "Enrolment[...]";
        }
    }

    /** How a code from an app fared. */
    public enum Outcome {
        /** The code was right and its time step is now used. */
        ACCEPTED,
        /** Not a code of the app's length: matches nothing, and is no guess. */
        MALFORMED,
        /** No code of the allowed time steps. */
        WRONG,
        /** The right code of a time step already used (RFC 6238 section 5.2); wait for the next one. */
        ALREADY_USED,
        /** The user has no confirmed app (or, for {@link #confirm}, no enrolment waiting). */
        NO_APP,
        /** The app's secret cannot be opened: the sealing key is missing or not the one it was sealed with. */
        UNAVAILABLE
    }

    private static final System.Logger LOG = System.getLogger(AuthenticatorApps.class.getName());

    private final AccountStore store;
    private final SecretBox box;
    private final TotpVerifier verifier;
    private final SecureRandom random;
    private final Clock clock;

    /**
     * @param store where apps are kept
     * @param box seals and opens secrets; {@code null} when no key is set, and then no app can be added or used
     * @param verifier checks codes
     * @param random draws secrets
     * @param clock when enrolments, confirmations and uses happen
     */
    public AuthenticatorApps(AccountStore store, SecretBox box, TotpVerifier verifier, SecureRandom random, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.box = box;
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether users can add apps, and if not, why. */
    public Availability availability() {
        if (box == null) {
            return Availability.NO_KEY;
        }
        return store.keepsAuthenticatorApps() ? Availability.AVAILABLE : Availability.STORE_LACKS_APPS;
    }

    /** The user's confirmed app, or {@code null}: an unconfirmed one is no way in. */
    public AuthenticatorApp confirmedApp(String subject) {
        AuthenticatorApp app = store.authenticator(subject);
        return app != null && app.confirmed() ? app : null;
    }

    /** Whether the user has a confirmed app. */
    public boolean hasApp(String subject) {
        return confirmedApp(subject) != null;
    }

    /**
     * Whether the user has a confirmed app whose codes can be checked now: its secret opens with
     * the keys set. An app that cannot (no {@code email2fa.app.secretKey}, or not the key it was
     * sealed with) is not offered, its codes are not counted as guesses, and a WARNING says why.
     */
    public boolean canCheck(String subject) {
        AuthenticatorApp app = confirmedApp(subject);
        if (app == null) {
            return false;
        }
        if (box == null) {
            LOG.log(System.Logger.Level.WARNING, "email2fa: a user has an authenticator app, but email2fa.app.secretKey is not set, so"
                    + " its codes cannot be checked; set the key it was sealed with");
            return false;
        }
        byte[] secret = open(app);
        if (secret == null) {
            return false;
        }
        Arrays.fill(secret, (byte) 0);
        return true;
    }

    /** Digits of a code. */
    public int digits() {
        return verifier.settings().digits();
    }

    /** Whether the input reads as a code of the app's length, in any script's digits, with spaces and dashes allowed. */
    public boolean isWellFormed(String input) {
        return CodeInput.normalize(input, digits()).isPresent();
    }

    /**
     * Begins enrolment: a new secret, sealed and stored unconfirmed in place of any earlier
     * unconfirmed one.
     *
     * @param account what the app labels the codes with, such as the user's address
     * @return what to show, or empty if the user already has a confirmed app (remove it first)
     * @throws IllegalStateException if apps are not {@link Availability#AVAILABLE}
     */
    public Optional<Enrolment> start(String subject, String account) {
        requireAvailable();
        byte[] secret = verifier.settings().newSecret(random);
        try {
            String sealed = box.seal(subject, secret);
            if (!store.startAuthenticator(subject, sealed, clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(enrolment(account, secret, sealed));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * The enrolment waiting for its first code, whoever began it; a page shows it again only to the
     * session whose {@link Enrolment#ticket} it is (see {@link #pending(String, String, String)}).
     *
     * @return empty if none is waiting, or its secret cannot be opened
     */
    public Optional<Enrolment> pending(String subject, String account) {
        return waiting(subject, account, app -> true);
    }

    /**
     * The enrolment waiting for its first code, shown again (after a wrong code, or a reload) to the
     * session that began it.
     *
     * @param ticket the {@link Enrolment#ticket} that session kept; {@code null} matches none
     * @return empty if none is waiting, it is not the one of {@code ticket}, or its secret cannot be opened
     */
    public Optional<Enrolment> pending(String subject, String account, String ticket) {
        return waiting(subject, account, app -> isTicketOf(ticket, app));
    }

    private Optional<Enrolment> waiting(String subject, String account, Predicate<AuthenticatorApp> wanted) {
        AuthenticatorApp app = store.authenticator(subject);
        if (box == null || app == null || app.confirmed() || !wanted.test(app)) {
            return Optional.empty();
        }
        byte[] secret = open(app);
        if (secret == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(enrolment(account, secret, app.sealedSecret()));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Confirms the waiting enrolment with one current code from the app; only then is the app a
     * way in. Its time step counts as used.
     *
     * @return {@link Outcome#ACCEPTED}, {@code MALFORMED}, {@code WRONG}, {@code NO_APP} (nothing
     *         waiting, or enrolment restarted meanwhile) or {@code UNAVAILABLE}
     */
    public Outcome confirm(String subject, String input) {
        return confirmWaiting(subject, input, app -> true);
    }

    /**
     * Confirms the waiting enrolment, as {@link #confirm(String, String)}, if it is the one of {@code ticket}.
     *
     * @param ticket the {@link Enrolment#ticket} the confirming session kept; {@code null} matches none
     * @return as {@link #confirm(String, String)}; {@code NO_APP} also when the waiting enrolment is not the ticket's
     */
    public Outcome confirm(String subject, String input, String ticket) {
        return confirmWaiting(subject, input, app -> isTicketOf(ticket, app));
    }

    private Outcome confirmWaiting(String subject, String input, Predicate<AuthenticatorApp> wanted) {
        AuthenticatorApp app = store.authenticator(subject);
        return matched(input, app == null || app.confirmed() || !wanted.test(app) ? null : app, (secret, step) ->
                store.confirmAuthenticator(subject, app.sealedSecret(), step, clock.instant()) ? Outcome.ACCEPTED : Outcome.NO_APP);
    }

    /**
     * Checks a sign-in code from the user's confirmed app and, if it is right, uses its time step.
     *
     * @return {@link Outcome#ACCEPTED}, or why not
     */
    public Outcome check(String subject, String input) {
        AuthenticatorApp app = confirmedApp(subject);
        return matched(input, app, (secret, step) -> {
            if (!store.useAuthenticatorStep(subject, step, clock.instant())) {
                return Outcome.ALREADY_USED;
            }
            resealIfRotated(subject, app.sealedSecret(), secret);
            return Outcome.ACCEPTED;
        });
    }

    /** What to do with a right code: its time step and the app's open secret (wiped afterwards) are at hand. */
    @FunctionalInterface
    private interface OnMatch {
        Outcome apply(byte[] secret, long step);
    }

    /**
     * Reads the input as a code, opens the app's secret and finds the code's time step among the
     * allowed ones (used or not, so a replay can be told from a wrong code), then lets
     * {@code onMatch} decide; the secret is wiped whatever happens.
     *
     * @param app the app to check against, or {@code null} when there is none that can be
     */
    private Outcome matched(String input, AuthenticatorApp app, OnMatch onMatch) {
        Optional<String> code = CodeInput.normalize(input, digits());
        if (code.isEmpty()) {
            return Outcome.MALFORMED;
        }
        if (app == null) {
            return Outcome.NO_APP;
        }
        byte[] secret = box == null ? null : open(app);
        if (secret == null) {
            return Outcome.UNAVAILABLE;
        }
        try {
            OptionalLong step = verifier.verify(secret, code.get(), TotpVerifier.NO_STEP_USED);
            return step.isEmpty() ? Outcome.WRONG : onMatch.apply(secret, step.getAsLong());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Removes the user's app, confirmed or waiting.
     *
     * @return whether the user had a confirmed one
     */
    public boolean remove(String subject) {
        if (!store.keepsAuthenticatorApps()) {
            return false;
        }
        boolean confirmed = hasApp(subject);
        store.removeAuthenticator(subject);
        return confirmed;
    }

    private Enrolment enrolment(String account, byte[] secret, String sealed) {
        String uri = OtpAuthUri.of(verifier.settings(), account, secret);
        return new Enrolment(Base32.grouped(secret), uri, ticketOf(sealed));
    }

    /** Whether {@code ticket} names the app's secret; {@code null} names none. */
    private static boolean isTicketOf(String ticket, AuthenticatorApp app) {
        return ticket != null && MessageDigest.isEqual(ticket.getBytes(StandardCharsets.US_ASCII),
                ticketOf(app.sealedSecret()).getBytes(StandardCharsets.US_ASCII));
    }

    /** SHA-256 of the sealed secret, Base64url: names it, and tells nothing of the secret. */
    private static String ticketOf(String sealed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sealed.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
        }
    }

    /** The app's secret, or {@code null} (logged) when it cannot be opened with the keys set. */
    private byte[] open(AuthenticatorApp app) {
        try {
            return box.open(app.subject(), app.sealedSecret());
        } catch (SecretBox.SealBroken e) {
            LOG.log(System.Logger.Level.WARNING, "email2fa: the authenticator app of a user cannot be opened (" + e.getMessage()
                    + "); is email2fa.app.secretKey the key it was sealed with, or is that key now in email2fa.app.secretKey.previous?");
            return null;
        }
    }

    private void resealIfRotated(String subject, String sealed, byte[] secret) {
        if (box.needsResealing(sealed)) {
            store.resealAuthenticator(subject, sealed, box.seal(subject, secret));
        }
    }

    private void requireAvailable() {
        Availability availability = availability();
        if (availability != Availability.AVAILABLE) {
            throw new IllegalStateException("authenticator apps are not available: " + availability);
        }
    }
}
