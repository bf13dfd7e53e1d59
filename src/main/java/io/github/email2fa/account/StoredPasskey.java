package io.github.email2fa.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A user's passkey (a WebAuthn credential) as the store keeps it: what a later sign-in needs to
 * check an assertion, and what the settings page lists.
 *
 * @param subject the user
 * @param credentialId the credential id, base64url without padding (at most 1,023 bytes before
 *        encoding, W3C WebAuthn Level 3 section 5.1 {@code rawId}); unique across all users
 * @param credential the attested credential data (AAGUID, credential id and COSE public key, WebAuthn
 *        section 6.5.2), base64url; public, nothing secret
 * @param signCount the authenticator's signature counter at the last use (WebAuthn section 6.1.1); 0
 *        for authenticators that keep none
 * @param transports how the browser can reach the authenticator ({@code usb}, {@code internal},
 *        {@code hybrid}...), as it reported them
 * @param name the user's label for it, at most 64 characters
 * @param createdAt when it was registered
 * @param lastUsedAt when it last signed the user in; {@code null} before that
 */
public record StoredPasskey(String subject, String credentialId, String credential, long signCount, Set<String> transports,
        String name, Instant createdAt, Instant lastUsedAt) {

    /** The longest {@link #credential()} a store must keep, in base64url characters (3,000 bytes of attested data). */
    public static final int MAX_CREDENTIAL_CHARS = 4000;

    public StoredPasskey {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        transports = Set.copyOf(transports);
    }

    /** Leaves out the public key, which is long. */
    @Override
    public String toString() {
        return "StoredPasskey[subject=" + subject + ", name=" + name + ", signCount=" + signCount + ", createdAt=" + createdAt + "]";
    }
}
