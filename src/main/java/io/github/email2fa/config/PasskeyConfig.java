package io.github.email2fa.config;

import java.time.Duration;
import java.util.List;

/**
 * Passkeys (WebAuthn), as configured.
 *
 * @param enabled whether users may register and use passkeys
 * @param rpId the relying party id, or {@code null} for the host of each request
 * @param origins the allowed origins, or {@code null} for the default (see {@link ContextParams#PASSKEY_ORIGINS})
 * @param userVerificationRequired whether the authenticator must verify the user on every use
 * @param timeout how long one passkey dialogue and its challenge stay valid
 */
public record PasskeyConfig(boolean enabled, String rpId, List<String> origins, boolean userVerificationRequired, Duration timeout) {

    public PasskeyConfig {
        origins = origins == null || origins.isEmpty() ? null : List.copyOf(origins);
    }
}
