package io.github.email2fa.passkey;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.StoredPasskey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Users' passkeys on the account store: the options a page passes to the browser, registration,
 * sign-in with the counter updated by compare-and-set, renaming and removal. It applies no limit and
 * raises no event: the sign-in and account services around it count every failure toward the
 * account's limit and record each change.
 *
 * <p>Each call takes the {@link PasskeyVerifier} of the request's relying party, because the
 * relying party id may default to the host the request came to. A user's handle (WebAuthn section
 * 14.6.1) is drawn when they first ask to register a passkey and kept by the store, the same for
 * all of their passkeys; it holds nothing about the user.
 *
 * <pre>{@code
 * String json = passkeys.creationOptions(verifier, challenge, "alice", "alice@example.com");   // for navigator.credentials.create()
 * passkeys.register(verifier, "alice", posted, challenge, "Work laptop");
 * String request = passkeys.requestOptions(verifier, challenge, "alice");                      // for navigator.credentials.get()
 * passkeys.authenticate(verifier, "alice", posted, challenge);
 * }</pre>
 */
public final class Passkeys {

    /**
     * Why a name cannot label a passkey, or {@code null} if it can: 1 to 64 characters, not blank,
     * no control characters.
     */
    public static String nameProblem(String name) {
        return PasskeyCredential.nameProblem(name);
    }

    /** Whether users can use passkeys here, and if not, why. */
    public enum Availability {
        /** On, and the account store keeps passkeys. */
        AVAILABLE,
        /** {@code email2fa.passkey.enabled} is {@code false}. */
        OFF,
        /** The account store is one that does not keep passkeys. */
        STORE_LACKS_PASSKEYS
    }

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final AccountStore store;
    private final Availability availability;
    private final Clock clock;

    /**
     * @param store where handles and passkeys are kept
     * @param enabled {@code email2fa.passkey.enabled}
     * @param clock the time of registrations and uses
     */
    public Passkeys(AccountStore store, boolean enabled, Clock clock) {
        this.store = store;
        this.availability = !enabled ? Availability.OFF : store.keepsPasskeys() ? Availability.AVAILABLE : Availability.STORE_LACKS_PASSKEYS;
        this.clock = clock;
    }

    /** Whether passkeys can be registered and used here. */
    public Availability availability() {
        return availability;
    }

    /** Whether the subject has a passkey that can be used now; {@code false} whenever passkeys are not available. */
    public boolean hasPasskey(String subject) {
        return availability == Availability.AVAILABLE && !store.passkeys(subject).isEmpty();
    }

    /** The subject's passkeys, oldest first; none when passkeys are not available. */
    public List<StoredPasskey> list(String subject) {
        return availability == Availability.AVAILABLE ? store.passkeys(subject) : List.of();
    }

    /**
     * The options for {@code navigator.credentials.create()}, with the subject's handle (drawn and
     * stored now if they have none) and their passkeys, so an authenticator does not make a second one.
     *
     * @param userName what the authenticator lists the account as, such as the user's masked address
     * @throws IllegalStateException if passkeys are not available
     */
    public String creationOptions(PasskeyVerifier verifier, PasskeyChallenge challenge, String subject, String userName) {
        requireAvailable();
        byte[] handle = handleOf(verifier, subject);
        return verifier.creationOptions(challenge, handle, userName, userName, credentials(subject, handle));
    }

    /**
     * The options for {@code navigator.credentials.get()}, listing the subject's passkeys.
     *
     * @throws IllegalStateException if passkeys are not available or the subject has none
     */
    public String requestOptions(PasskeyVerifier verifier, PasskeyChallenge challenge, String subject) {
        requireAvailable();
        List<PasskeyCredential> credentials = credentials(subject, handleOf(verifier, subject));
        if (credentials.isEmpty()) {
            throw new IllegalStateException("no passkey to ask for");
        }
        return verifier.requestOptions(challenge, credentials);
    }

    /**
     * Checks a registration (WebAuthn section 7.1) and stores the new passkey.
     *
     * @param challenge the registration challenge taken out of the session, or {@code null} if none was there
     * @param name the user's label for it (see {@link PasskeyCredential#nameProblem})
     * @return the passkey as stored
     * @throws PasskeyVerifier.Refused if the response is not accepted, or a passkey with its id is
     *         already registered ({@link PasskeyVerifier.Refused.Reason#ALREADY_REGISTERED})
     * @throws IllegalArgumentException if the name is not accepted
     * @throws IllegalStateException if passkeys are not available
     */
    public StoredPasskey register(PasskeyVerifier verifier, String subject, String responseJson, PasskeyChallenge challenge, String name)
            throws PasskeyVerifier.Refused {
        requireAvailable();
        PasskeyCredential credential = verifier.register(responseJson, challenge, handleOf(verifier, subject), name);
        String key = BASE64URL.encodeToString(credential.attestedCredentialData());
        if (key.length() > StoredPasskey.MAX_CREDENTIAL_CHARS) {
            throw new PasskeyVerifier.Refused(PasskeyVerifier.Refused.Reason.MALFORMED, "the credential's data has " + key.length()
                    + " characters in base64url, more than the " + StoredPasskey.MAX_CREDENTIAL_CHARS + " a store keeps");
        }
        StoredPasskey stored = new StoredPasskey(subject, credential.credentialIdBase64Url(), key, credential.signCount(),
                credential.transports(), credential.name(), credential.createdAt(), null);
        if (!store.savePasskey(stored)) {
            // WebAuthn section 7.1 step 26: a credential id registered before, to anyone, is not registered again.
            throw new PasskeyVerifier.Refused(PasskeyVerifier.Refused.Reason.ALREADY_REGISTERED, "the credential id is registered");
        }
        return stored;
    }

    /**
     * Checks a sign-in (WebAuthn section 7.2) with one of the subject's passkeys, and records its new
     * counter and time only if the stored counter is still the one checked against, so one assertion
     * sent twice at once signs in once.
     *
     * @param challenge the sign-in challenge taken out of the session, or {@code null} if none was there
     * @return the passkey used, as it was before this use
     * @throws PasskeyVerifier.Refused if the sign-in is not accepted; {@link PasskeyVerifier.Refused.Reason#REPLAYED}
     *         if a parallel request used the same counter first
     * @throws IllegalStateException if passkeys are not available
     */
    public StoredPasskey authenticate(PasskeyVerifier verifier, String subject, String responseJson, PasskeyChallenge challenge)
            throws PasskeyVerifier.Refused {
        requireAvailable();
        List<StoredPasskey> stored = store.passkeys(subject);
        if (stored.isEmpty()) {
            throw new PasskeyVerifier.Refused(PasskeyVerifier.Refused.Reason.UNKNOWN_CREDENTIAL, "the user has no passkey");
        }
        byte[] handle = handleOf(verifier, subject);
        PasskeyCredential used = verifier.authenticate(responseJson, challenge, handle, credentials(stored, handle));
        String id = used.credentialIdBase64Url();
        StoredPasskey before = withId(stored, id)
                .orElseThrow(() -> new PasskeyVerifier.Refused(PasskeyVerifier.Refused.Reason.UNKNOWN_CREDENTIAL, "not a passkey of this user"));
        // Each use must change the stored last use, or two sign-ins that read the same row could both win.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant at = before.lastUsedAt() != null && !now.isAfter(before.lastUsedAt()) ? before.lastUsedAt().plusMillis(1) : now;
        if (!store.usePasskey(subject, id, before.signCount(), before.lastUsedAt(), used.signCount(), at)) {
            throw new PasskeyVerifier.Refused(PasskeyVerifier.Refused.Reason.REPLAYED, "the passkey was used at the same moment");
        }
        return before;
    }

    /**
     * Renames one of the subject's passkeys.
     *
     * @return whether it was theirs and now has the name
     * @throws IllegalArgumentException if the name is not accepted (see {@link PasskeyCredential#nameProblem})
     */
    public boolean rename(String subject, String credentialId, String name) {
        String problem = PasskeyCredential.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("passkey name not accepted: " + problem);
        }
        return availability == Availability.AVAILABLE && isCredentialId(credentialId) && store.renamePasskey(subject, credentialId, name);
    }

    /**
     * Removes one of the subject's passkeys.
     *
     * @return the passkey removed, or {@code null} if it was not theirs or is gone already
     */
    public StoredPasskey remove(String subject, String credentialId) {
        if (availability != Availability.AVAILABLE || !isCredentialId(credentialId)) {
            return null;
        }
        StoredPasskey passkey = withId(store.passkeys(subject), credentialId).orElse(null);
        return passkey != null && store.removePasskey(subject, credentialId) ? passkey : null;
    }

    /**
     * Removes all of the subject's passkeys, as when they turn sign-in codes off; returns how many
     * went. Also while passkeys are switched off, so none comes back when they are switched on again.
     */
    public int removeAll(String subject) {
        if (!store.keepsPasskeys()) {
            return 0;
        }
        int removed = 0;
        for (StoredPasskey passkey : store.passkeys(subject)) {
            if (store.removePasskey(subject, passkey.credentialId())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * The name of the subject's passkey a posted response names, for telling the user which one;
     * {@code null} if the response names none of theirs. Reads only the response's {@code id}.
     */
    public String nameOfPosted(String subject, String responseJson) {
        String id = PasskeyVerifier.postedCredentialId(responseJson);
        return id == null ? null : withId(list(subject), id).map(StoredPasskey::name).orElse(null);
    }

    /** The passkey among {@code passkeys} with this credential id (base64url). */
    private static Optional<StoredPasskey> withId(List<StoredPasskey> passkeys, String credentialId) {
        return passkeys.stream().filter(p -> p.credentialId().equals(credentialId)).findFirst();
    }

    /** Whether {@code value} can be a credential id as the store keeps it: base64url of 1 to 1,023 bytes. */
    private static boolean isCredentialId(String value) {
        if (value == null || value.isEmpty() || value.length() > 1364 || !value.matches("[A-Za-z0-9_-]+")) {
            return false;
        }
        try {
            return BASE64URL_DECODER.decode(value).length > 0;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private byte[] handleOf(PasskeyVerifier verifier, String subject) {
        String proposed = BASE64URL.encodeToString(verifier.newUserHandle());
        return BASE64URL_DECODER.decode(store.passkeyUserHandle(subject, proposed));
    }

    private List<PasskeyCredential> credentials(String subject, byte[] handle) {
        return credentials(store.passkeys(subject), handle);
    }

    private static List<PasskeyCredential> credentials(List<StoredPasskey> stored, byte[] handle) {
        return stored.stream().map(p -> new PasskeyCredential(BASE64URL_DECODER.decode(p.credentialId()),
                BASE64URL_DECODER.decode(p.credential()), p.signCount(), handle, p.transports(), p.name(), p.createdAt(), p.lastUsedAt()))
                .toList();
    }

    private void requireAvailable() {
        if (availability != Availability.AVAILABLE) {
            throw new IllegalStateException("passkeys are not available here: " + availability);
        }
    }
}
