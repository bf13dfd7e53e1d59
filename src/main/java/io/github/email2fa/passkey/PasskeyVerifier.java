package io.github.email2fa.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registers passkeys and checks sign-ins with them (WebAuthn Level 3, sections 7.1 and 7.2), through
 * webauthn4j: it parses the authenticators' binary data (CBOR, COSE keys) and checks the signatures.
 *
 * <p>A ceremony, for registration and sign-in alike:
 * <ol>
 * <li>{@link #newChallenge()}, kept in the HTTP session;</li>
 * <li>{@link #creationOptions} or {@link #requestOptions}: JSON for the page, which passes it to
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON()} (or {@code ...RequestOptions...}) and
 * on to {@code navigator.credentials.create()} (or {@code get()}), then posts
 * {@code credential.toJSON()} back;</li>
 * <li>the caller takes the challenge out of the session and passes it with the posted JSON to
 * {@link #register} or {@link #authenticate}, which return the credential to store or throw
 * {@link Refused} with a reason.</li>
 * </ol>
 *
 * <p>Checked on every response: the challenge (issued here, unexpired), the origin (one of
 * {@link PasskeySettings#origins()}, exactly), the hash of the RP id in the authenticator data, user
 * presence, user verification when {@link PasskeySettings#userVerificationRequired()}, the
 * ceremony's type, and the algorithm (ES256 or RS256). On sign-in also: the credential is one of the
 * user's, the user handle (if sent) is the user's, the signature is the stored key's, and the
 * signature counter went up (WebAuthn section 6.1.1).
 *
 * <p>Attestation: every format webauthn4j reads is accepted ({@code none}, {@code packed},
 * {@code fido-u2f}, {@code tpm}, {@code android-key}, {@code android-safetynet}, {@code apple}), and
 * no attestation statement is checked (webauthn4j's "non-strict" verifiers; WebAuthn section 7.1
 * leaves it to the relying party's policy whether untrusted attestation is acceptable). Attestation would only tell which make of
 * authenticator holds the key, and judging that needs trust anchors such as the FIDO Metadata
 * Service, which this module does not have; the factor's strength comes from the key, which every
 * sign-in proves. Refusing formats would lock out users whose browser passes on self attestation
 * ({@code packed} without certificates) even when asked for {@code none}, for no gain.
 *
 * <p>Refusals never carry key material or what the client sent, only a {@link Refused.Reason}
 * and which part was at fault. Immutable and thread-safe.
 */
public final class PasskeyVerifier {

    /** WebAuthn section 14.6.1 recommends 64 random bytes. */
    public static final int USER_HANDLE_BYTES = 64;

    // webauthn4j's parsers and verifiers hold no per-site state and are thread-safe: one set serves every
    // verifier, so a verifier made per request (for the relying party the request's host names) costs little.
    private static final ObjectConverter converter = new ObjectConverter();
    private static final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private static final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(converter);

    private final PasskeySettings settings;
    private final SecureRandom random;
    private final Clock clock;
    private final OptionsJson options;
    private final Set<Origin> origins;

    /**
     * @param settings the relying party, origins and policies
     * @param random draws challenges and user handles
     * @param clock the server's time, for challenge expiry and the times on credentials; tests pass one they move
     */
    public PasskeyVerifier(PasskeySettings settings, SecureRandom random, Clock clock) {
        this.settings = settings;
        this.random = random;
        this.clock = clock;
        this.options = new OptionsJson(converter.getJsonMapper(), settings);
        this.origins = settings.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    /** A new challenge that lives {@link PasskeySettings#challengeLifetime()}, for one ceremony. */
    public PasskeyChallenge newChallenge() {
        return PasskeyChallenge.random(random, clock, settings.challengeLifetime());
    }

    /**
     * A new user handle of {@value #USER_HANDLE_BYTES} random bytes, made once per user when they
     * register their first passkey and kept with the account: it must not hold the user's name or
     * address, since authenticators store it unencrypted (WebAuthn section 14.6.1).
     */
    public byte[] newUserHandle() {
        byte[] handle = new byte[USER_HANDLE_BYTES];
        random.nextBytes(handle);
        return handle;
    }

    /**
     * The options for {@code navigator.credentials.create()}, as JSON (WebAuthn section 5.4):
     * {@code rp}, {@code user}, {@code challenge}, {@code pubKeyCredParams} (ES256, RS256),
     * {@code timeout} (milliseconds), {@code excludeCredentials}, {@code authenticatorSelection}
     * (resident key preferred, user verification as set) and {@code attestation}. Binary members
     * are base64url; {@code <}, {@code >} and {@code &} are escaped, so the JSON may go into a
     * {@code <script>} element as it is.
     *
     * @param challenge the challenge just made for this ceremony
     * @param userHandle the user's handle, 1 to 64 bytes (see {@link #newUserHandle()})
     * @param userName the account's name as the authenticator lists it, such as the sign-in name; not blank
     * @param displayName a friendlier name for the same list; may be empty
     * @param existing the user's passkeys, so an authenticator that holds one already says so instead of making a second
     * @throws IllegalArgumentException if the user handle or a name is not accepted
     */
    public String creationOptions(PasskeyChallenge challenge, byte[] userHandle, String userName, String displayName,
            Collection<PasskeyCredential> existing) {
        checkUserHandle(userHandle);
        if (userName == null || userName.isBlank() || displayName == null) {
            throw new IllegalArgumentException("a passkey needs a user name that is not blank and a display name, got "
                    + (userName == null ? "no user name" : "'" + userName + "'") + (displayName == null ? " and no display name" : ""));
        }
        return options.creation(challenge, userHandle, userName, displayName, existing);
    }

    /**
     * The options for {@code navigator.credentials.get()}, as JSON (WebAuthn section 5.5):
     * {@code challenge}, {@code timeout} (milliseconds), {@code rpId}, {@code allowCredentials} (the
     * user's passkeys with their transports) and {@code userVerification}; escaped as in
     * {@link #creationOptions}.
     *
     * @param challenge the challenge just made for this ceremony
     * @param credentials the user's passkeys
     * @throws IllegalArgumentException if there are none: a second factor asks for one of the user's own passkeys
     */
    public String requestOptions(PasskeyChallenge challenge, Collection<PasskeyCredential> credentials) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("a user without passkeys cannot be asked for one");
        }
        return options.request(challenge, credentials);
    }

    /**
     * Checks a registration response (WebAuthn section 7.1) and makes the credential to store.
     *
     * <p>The caller still checks that no user has a credential with the same id (section 7.1 asks
     * for that), best by a unique index on it, and stores the result.
     *
     * @param responseJson what the page posted: {@code credential.toJSON()} of the new credential,
     *        that is {@code {"id", "rawId", "type": "public-key", "response": {"clientDataJSON",
     *        "attestationObject", "transports": [...]}, ...}}, binary members base64url; other members ignored
     * @param challenge the challenge taken out of the session, or {@code null} if none was there
     * @param userHandle the handle given in {@link #creationOptions}
     * @param name the user's label for the passkey
     * @return the new credential: counter as sent, created now, never used
     * @throws Refused if the response is not accepted; the reason says why
     * @throws IllegalArgumentException if the user handle or name is not accepted
     */
    public PasskeyCredential register(String responseJson, PasskeyChallenge challenge, byte[] userHandle, String name)
            throws Refused {
        checkUserHandle(userHandle);
        String nameProblem = PasskeyCredential.nameProblem(name);
        if (nameProblem != null) {
            throw new IllegalArgumentException("passkey not accepted: " + nameProblem);
        }
        checkChallenge(challenge);
        ResponseJson.Registration posted = ResponseJson.registration(converter.getJsonMapper(), responseJson);
        RegistrationData data;
        try {
            data = webAuthn.parse(posted.request());
        } catch (RuntimeException unreadable) {
            throw Refusals.malformed("clientDataJSON or attestationObject cannot be read (" + unreadable.getClass().getSimpleName() + ")");
        }
        verify(() -> webAuthn.verify(data, new RegistrationParameters(serverProperty(challenge), OptionsJson.ALGORITHMS,
                settings.userVerificationRequired(), true)));
        AttestedCredentialData attested = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        if (attested == null) {
            throw Refusals.malformed("attestationObject holds no credential");
        }
        if (!Arrays.equals(attested.getCredentialId(), posted.rawId())) {
            throw Refusals.malformed("rawId is not the id of the credential in attestationObject");
        }
        return new PasskeyCredential(attested.getCredentialId(), credentialData.convert(attested),
                data.getAttestationObject().getAuthenticatorData().getSignCount(), userHandle, posted.request().getTransports(), name,
                clock.instant(), null);
    }

    /**
     * Checks a sign-in (WebAuthn section 7.2) against the user's passkeys.
     *
     * <p>The caller stores the returned credential's counter and time, atomically and only if the
     * stored counter is still the one checked against (say {@code UPDATE ... SET sign_count = ?,
     * last_used_at = ? WHERE credential_id = ? AND sign_count = ?}), so two requests racing with one
     * assertion cannot both succeed.
     *
     * @param responseJson what the page posted: {@code credential.toJSON()} of the assertion, that is
     *        {@code {"id", "rawId", "type": "public-key", "response": {"clientDataJSON",
     *        "authenticatorData", "signature", "userHandle"}, ...}}, binary members base64url,
     *        {@code userHandle} optional; other members ignored
     * @param challenge the challenge taken out of the session, or {@code null} if none was there
     * @param userHandle the handle of the user signing in
     * @param credentials that user's passkeys, as stored; credentials of other users among them are
     *        not accepted
     * @return the credential used, with the new signature counter and used now
     * @throws Refused if the sign-in is not accepted; the reason says why
     * @throws IllegalArgumentException if the user handle is not accepted
     * @throws IllegalStateException if the stored {@link PasskeyCredential#attestedCredentialData()}
     *         of the credential used cannot be read: the store's fault, not the user's
     */
    public PasskeyCredential authenticate(String responseJson, PasskeyChallenge challenge, byte[] userHandle,
            Collection<PasskeyCredential> credentials) throws Refused {
        checkUserHandle(userHandle);
        checkChallenge(challenge);
        AuthenticationRequest request = ResponseJson.assertion(converter.getJsonMapper(), responseJson);
        PasskeyCredential credential = credentials.stream()
                .filter(candidate -> candidate.belongsTo(userHandle) && candidate.hasId(request.getCredentialId()))
                .findFirst()
                .orElseThrow(() -> new Refused(Refused.Reason.UNKNOWN_CREDENTIAL, "not a passkey of this user"));
        if (request.getUserHandle() != null && !credential.belongsTo(request.getUserHandle())) {
            throw new Refused(Refused.Reason.UNKNOWN_CREDENTIAL, "the authenticator names another user");
        }
        AuthenticationData data;
        try {
            data = webAuthn.parse(request);
        } catch (RuntimeException unreadable) {
            throw Refusals.malformed("clientDataJSON or authenticatorData cannot be read (" + unreadable.getClass().getSimpleName() + ")");
        }
        // Only the key and the counter: the flags webauthn4j could also compare are not stored.
        CredentialRecordImpl record = new CredentialRecordImpl(null, null, null, null, credential.signCount(), storedKey(credential),
                null, null, null, null);
        verify(() -> webAuthn.verify(data, new AuthenticationParameters(serverProperty(challenge), record,
                List.of(credential.credentialId()), settings.userVerificationRequired(), true)));
        return credential.used(data.getAuthenticatorData().getSignCount(), clock.instant());
    }

    /**
     * The {@code id} member of a posted credential (base64url), read without checking anything else;
     * {@code null} if the text is not such JSON.
     */
    static String postedCredentialId(String responseJson) {
        if (responseJson == null || responseJson.length() > ResponseJson.MAX_CHARS) {
            return null;
        }
        try {
            tools.jackson.databind.JsonNode id = converter.getJsonMapper().readTree(responseJson).get("id");
            return id != null && id.isString() ? id.asString() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The settings passkeys are checked with. */
    public PasskeySettings settings() {
        return settings;
    }

    private void checkChallenge(PasskeyChallenge challenge) throws Refused {
        if (challenge == null) {
            throw new Refused(Refused.Reason.WRONG_CHALLENGE, "no challenge is pending");
        }
        if (challenge.expired(clock)) {
            throw new Refused(Refused.Reason.CHALLENGE_EXPIRED, "the challenge expired at " + challenge.expiresAt());
        }
    }

    /** The stored public key, as webauthn4j reads it. */
    private AttestedCredentialData storedKey(PasskeyCredential credential) {
        try {
            return credentialData.convert(credential.attestedCredentialData());
        } catch (RuntimeException unreadable) {
            throw new IllegalStateException("the stored attestedCredentialData of " + credential + " cannot be read", unreadable);
        }
    }

    private ServerProperty serverProperty(PasskeyChallenge challenge) {
        return ServerProperty.builder().origins(origins).rpId(settings.rpId()).challenge(new DefaultChallenge(challenge.value())).build();
    }

    /** Runs webauthn4j's checks, turning their failures into refusals. */
    private static void verify(Runnable check) throws Refused {
        try {
            check.run();
        } catch (VerificationException failure) {
            throw Refusals.of(failure);
        } catch (RuntimeException unreadable) {
            // A key or extension that parsed but cannot be used: still the client's data.
            throw Refusals.malformed("the response cannot be checked (" + unreadable.getClass().getSimpleName() + ")");
        }
    }

    private static void checkUserHandle(byte[] userHandle) {
        if (userHandle == null || userHandle.length == 0 || userHandle.length > PasskeyCredential.MAX_USER_HANDLE_BYTES) {
            throw new IllegalArgumentException("a user handle has 1 to " + PasskeyCredential.MAX_USER_HANDLE_BYTES + " bytes, got "
                    + (userHandle == null ? "none" : userHandle.length));
        }
    }

    @Override
    public String toString() {
        return "PasskeyVerifier[rpId " + settings.rpId() + ", origins " + settings.sortedOrigins() + ", user verification "
                + (settings.userVerificationRequired() ? "required" : "preferred") + ", attestation " + settings.attestation().value()
                + ", challenges live " + settings.challengeLifetime().toSeconds() + " s]";
    }

    /**
     * A registration or sign-in that is not accepted. The message names the reason and the part at
     * fault; it never holds key material, signatures or what the client sent.
     */
    public static final class Refused extends Exception {

        /** Why a response was not accepted. */
        public enum Reason {
            /**
             * Not a readable response of this ceremony: bad JSON or base64url, missing members, unreadable
             * CBOR, client data of the other ceremony.
             */
            MALFORMED,
            /** No challenge was pending, or the response answers another one (a replay, another tab, another ceremony). */
            WRONG_CHALLENGE,
            /** The challenge outlived {@link PasskeySettings#challengeLifetime()}. */
            CHALLENGE_EXPIRED,
            /** The page that asked is not one of the allowed origins (another site, or a cross-origin frame). */
            WRONG_ORIGIN,
            /** The authenticator signed for another relying party id. */
            WRONG_RP_ID,
            /** The authenticator did not report the user's presence (a touch or a click). */
            USER_NOT_PRESENT,
            /** User verification is required and the authenticator did not verify the user. */
            USER_NOT_VERIFIED,
            /** The signature is not the stored key's over this data. */
            BAD_SIGNATURE,
            /** The credential's key uses an algorithm other than ES256 or RS256. */
            UNSUPPORTED_ALGORITHM,
            /** An attestation statement that contradicts itself (only checked where webauthn4j reads one). */
            BAD_ATTESTATION,
            /** The credential is not one of this user's passkeys, or the authenticator names another user. */
            UNKNOWN_CREDENTIAL,
            /** Another request used this passkey with the same counter at the same moment: a replay. */
            REPLAYED,
            /** A credential with this id is already registered, to this user or another. */
            ALREADY_REGISTERED,
            /**
             * The signature counter did not go up (WebAuthn section 6.1.1): the authenticator may have
             * been cloned. Both 0 is accepted, from authenticators without a counter.
             */
            COUNTER_REGRESSION
        }

        private final Reason reason;

        Refused(Reason reason, String detail) {
            super(reason + ": " + detail);
            this.reason = reason;
        }

        /** Why the response was not accepted. */
        public Reason reason() {
            return reason;
        }
    }
}
