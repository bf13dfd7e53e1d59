package io.github.email2fa.passkey;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the options the page hands to {@code navigator.credentials.create()} and {@code get()}
 * (WebAuthn sections 5.4 and 5.5), in their JSON form (binary members base64url, as
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON()} and {@code parseRequestOptionsFromJSON()}
 * take them), through webauthn4j's own data classes and Jackson.
 */
final class OptionsJson {

    /** ES256 first (every authenticator has it), then RS256 (Windows Hello and some older keys). */
    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final JsonMapper json;
    private final PasskeySettings settings;

    OptionsJson(JsonMapper json, PasskeySettings settings) {
        this.json = json;
        this.settings = settings;
    }

    /** {@code PublicKeyCredentialCreationOptionsJSON}; see {@link PasskeyVerifier#creationOptions}. */
    String creation(PasskeyChallenge challenge, byte[] userHandle, String userName, String displayName,
            Collection<PasskeyCredential> existing) {
        AuthenticatorSelectionCriteria selection = new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.PREFERRED,
                userVerification());
        PublicKeyCredentialCreationOptions options = new PublicKeyCredentialCreationOptions(
                new PublicKeyCredentialRpEntity(settings.rpId(), settings.rpName()),
                new PublicKeyCredentialUserEntity(userHandle, userName, displayName),
                new DefaultChallenge(challenge.value()),
                ALGORITHMS,
                challenge.lifetime().toMillis(),
                descriptors(existing),
                selection,
                AttestationConveyancePreference.create(settings.attestation().value()),
                null);
        return scriptSafe(json.writeValueAsString(options));
    }

    /** {@code PublicKeyCredentialRequestOptionsJSON}; see {@link PasskeyVerifier#requestOptions}. */
    String request(PasskeyChallenge challenge, Collection<PasskeyCredential> credentials) {
        PublicKeyCredentialRequestOptions options = new PublicKeyCredentialRequestOptions(
                new DefaultChallenge(challenge.value()),
                challenge.lifetime().toMillis(),
                settings.rpId(),
                descriptors(credentials),
                userVerification(),
                null);
        return scriptSafe(json.writeValueAsString(options));
    }

    private UserVerificationRequirement userVerification() {
        return settings.userVerificationRequired() ? UserVerificationRequirement.REQUIRED : UserVerificationRequirement.PREFERRED;
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(Collection<PasskeyCredential> credentials) {
        return credentials.stream().map(OptionsJson::descriptor).toList();
    }

    private static PublicKeyCredentialDescriptor descriptor(PasskeyCredential credential) {
        Set<AuthenticatorTransport> transports = credential.transports().stream()
                .sorted()
                .map(AuthenticatorTransport::create)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY, credential.credentialId(),
                transports.isEmpty() ? null : transports);
    }

    /**
     * The JSON with {@code <}, {@code >}, {@code &}, U+2028 and U+2029 written as JSON's six-character
     * unicode escapes: the same JSON, and safe inside an HTML {@code <script>} element. These characters
     * occur only inside JSON strings, where the escapes mean the same.
     */
    static String scriptSafe(String json) {
        StringBuilder safe = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<', '>', '&', '\u2028', '\u2029' -> safe.append(String.format("\\u%04x", (int) c));
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }
}
