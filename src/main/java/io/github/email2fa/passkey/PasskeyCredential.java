package io.github.email2fa.passkey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One passkey of one user, as the account store keeps it: everything {@link PasskeyVerifier} needs
 * to check a later sign-in, and what a settings page shows.
 *
 * <p>Nothing in it is secret: the private key never leaves the authenticator. It still belongs to
 * one user, and its signature counter must only grow, so the store changes it atomically (see
 * {@link PasskeyVerifier#authenticate}). Byte arrays are copied in and out; equality compares
 * contents.
 *
 * @param credentialId the authenticator's id of the credential (WebAuthn section 4, "Credential ID"),
 *        1 to {@value #MAX_CREDENTIAL_ID_BYTES} bytes; unique across all users, so the store keeps a
 *        unique index on it
 * @param attestedCredentialData the credential's public key as the authenticator gave it: WebAuthn's
 *        attested credential data (AAGUID, credential id, COSE public key) in its binary form, as
 *        webauthn4j's {@code AttestedCredentialDataConverter} writes and reads it; about 110 bytes for
 *        an ES256 key with a 16-byte id, about 310 for RS256, at most about 1,600; never empty
 * @param signCount the authenticator's signature counter at its last use (WebAuthn section 6.1.1),
 *        0 to 2<sup>32</sup> - 1; 0 for authenticators without a counter, such as synced passkeys
 * @param userHandle the user's handle (WebAuthn section 14.6.1): random bytes, the same for all of the
 *        user's passkeys, 1 to {@value #MAX_USER_HANDLE_BYTES} bytes
 * @param transports how the browser reached the authenticator ({@code usb}, {@code nfc}, {@code ble},
 *        {@code hybrid}, {@code internal}, ...), as it reported them; possibly empty; handed back to
 *        the browser as a hint
 * @param name the user's label for it, such as "Work laptop"; not blank, at most
 *        {@value #MAX_NAME_LENGTH} characters
 * @param createdAt when it was registered
 * @param lastUsedAt when it last signed the user in; {@code null} if never
 */
public record PasskeyCredential(
        byte[] credentialId,
        byte[] attestedCredentialData,
        long signCount,
        byte[] userHandle,
        Set<String> transports,
        String name,
        Instant createdAt,
        Instant lastUsedAt) {

    /** WebAuthn Level 3 ("Credential ID"): a credential id has at most 1023 bytes. */
    public static final int MAX_CREDENTIAL_ID_BYTES = 1023;
    /** WebAuthn section 5.4.3: a user handle has at most 64 bytes. */
    public static final int MAX_USER_HANDLE_BYTES = 64;
    public static final int MAX_NAME_LENGTH = 64;
    /** The counter is 32 bits, unsigned (WebAuthn section 6.1). */
    public static final long MAX_SIGN_COUNT = 0xFFFF_FFFFL;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /**
     * Checks every value at once and copies the arrays and the transports.
     *
     * @throws IllegalArgumentException naming every bad value
     */
    public PasskeyCredential {
        List<String> problems = new ArrayList<>();
        if (credentialId == null || credentialId.length == 0 || credentialId.length > MAX_CREDENTIAL_ID_BYTES) {
            problems.add("credentialId has " + length(credentialId) + " (accepted: 1 to " + MAX_CREDENTIAL_ID_BYTES + " bytes)");
        }
        if (attestedCredentialData == null || attestedCredentialData.length == 0) {
            problems.add("attestedCredentialData is empty");
        }
        if (signCount < 0 || signCount > MAX_SIGN_COUNT) {
            problems.add("signCount=" + signCount + " (accepted: 0 to " + MAX_SIGN_COUNT + ")");
        }
        if (userHandle == null || userHandle.length == 0 || userHandle.length > MAX_USER_HANDLE_BYTES) {
            problems.add("userHandle has " + length(userHandle) + " (accepted: 1 to " + MAX_USER_HANDLE_BYTES + " bytes)");
        }
        if (transports == null || transports.stream().anyMatch(Objects::isNull)) {
            problems.add("transports=" + transports + " (accepted: a set of names, possibly empty)");
        }
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            problems.add(nameProblem);
        }
        if (createdAt == null) {
            problems.add("createdAt is missing");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("passkey not accepted: " + String.join("; ", problems));
        }
        credentialId = credentialId.clone();
        attestedCredentialData = attestedCredentialData.clone();
        userHandle = userHandle.clone();
        transports = Set.copyOf(transports);
    }

    /** A copy of the credential id. */
    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    /** A copy of the attested credential data. */
    @Override
    public byte[] attestedCredentialData() {
        return attestedCredentialData.clone();
    }

    /** A copy of the user handle. */
    @Override
    public byte[] userHandle() {
        return userHandle.clone();
    }

    /** The credential id in base64url without padding, as the browser's {@code id} gives it: a key for the store. */
    public String credentialIdBase64Url() {
        return BASE64URL.encodeToString(credentialId);
    }

    /** The user handle in base64url without padding. */
    public String userHandleBase64Url() {
        return BASE64URL.encodeToString(userHandle);
    }

    /** Whether this is the credential with this id. */
    boolean hasId(byte[] id) {
        return Arrays.equals(credentialId, id);
    }

    /** Whether the credential belongs to the user with this handle. */
    boolean belongsTo(byte[] handle) {
        return Arrays.equals(userHandle, handle);
    }

    /**
     * The same credential after a sign-in.
     *
     * @param newSignCount the counter the authenticator just sent
     * @param at when it signed the user in
     * @throws IllegalArgumentException if the counter is out of range
     */
    public PasskeyCredential used(long newSignCount, Instant at) {
        return new PasskeyCredential(credentialId, attestedCredentialData, newSignCount, userHandle, transports, name, createdAt,
                Objects.requireNonNull(at, "at"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasskeyCredential that
                && Arrays.equals(credentialId, that.credentialId)
                && Arrays.equals(attestedCredentialData, that.attestedCredentialData)
                && signCount == that.signCount
                && Arrays.equals(userHandle, that.userHandle)
                && transports.equals(that.transports)
                && name.equals(that.name)
                && createdAt.equals(that.createdAt)
                && Objects.equals(lastUsedAt, that.lastUsedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(credentialId), signCount, name, createdAt, lastUsedAt);
    }

    /** The id's first characters, the name, the counter and the times; not the key or the user handle. */
    @Override
    public String toString() {
        String id = credentialIdBase64Url();
        return "PasskeyCredential[" + (id.length() > 8 ? id.substring(0, 8) + "..." : id) + " '" + name + "', signCount " + signCount
                + ", created " + createdAt + ", last used " + lastUsedAt + "]";
    }

    /** What is wrong with a label, or {@code null}. */
    static String nameProblem(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            return "name=" + (name == null ? "null" : "'" + name.replaceAll("\\p{Cntrl}", "?") + "'") + " (accepted: not blank, at most "
                    + MAX_NAME_LENGTH + " characters, no control characters)";
        }
        return null;
    }

    private static String length(byte[] bytes) {
        return bytes == null ? "no bytes" : bytes.length + " bytes";
    }
}
