package io.github.email2fa.passkey;

import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorResponse;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.ExtensionClientOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import io.github.email2fa.passkey.PasskeyVerifier.Refused;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the page posts: the JSON form of a {@code PublicKeyCredential} (WebAuthn section
 * 5.1, {@code toJSON()}), binary members in base64url without padding. Unknown members are ignored,
 * so newer browsers' additions do no harm, and so is {@code type}, which is signed nowhere (the
 * signed client data says which ceremony it was); anything missing, unreadable or inconsistent is
 * {@link PasskeyVerifier.Refused.Reason#MALFORMED}, never another exception.
 */
final class ResponseJson {

    /** Far above a real response (an RSA key with an attestation chain stays under 8 KiB). */
    static final int MAX_CHARS = 64 * 1024;
    /** A transport is a short token; anything else is dropped rather than stored. */
    // As the account store keeps them: a letter, then up to 31 of a-z 0-9 -; seven of them fit its 255 characters.
    private static final Pattern TRANSPORT = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_TRANSPORTS = 7;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static final TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput>>
            REGISTRATION = new TypeReference<>() {
            };
    private static final TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput>>
            ASSERTION = new TypeReference<>() {
            };

    private ResponseJson() {
    }

    /** A registration response as webauthn4j takes it, and the credential id the browser reported. */
    record Registration(byte[] rawId, RegistrationRequest request) {
    }

    /**
     * Reads a registration response: {@code rawId}, {@code response.clientDataJSON} and
     * {@code response.attestationObject} are required, {@code response.transports} optional.
     *
     * @throws Refused {@code MALFORMED} if it cannot be read
     */
    static Registration registration(JsonMapper json, String posted) throws Refused {
        PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential =
                read(json, posted, REGISTRATION);
        AuthenticatorAttestationResponse response = credential.getResponse();
        if (response == null || response.getClientDataJSON() == null || response.getAttestationObject() == null) {
            throw Refusals.malformed("response.clientDataJSON or response.attestationObject is missing");
        }
        RegistrationRequest request = new RegistrationRequest(response.getAttestationObject(), response.getClientDataJSON(), null,
                transports(response.getTransports()));
        return new Registration(credential.getRawId(), request);
    }

    /**
     * Reads an assertion: {@code rawId}, {@code response.clientDataJSON},
     * {@code response.authenticatorData} and {@code response.signature} are required,
     * {@code response.userHandle} optional.
     *
     * @throws Refused {@code MALFORMED} if it cannot be read
     */
    static AuthenticationRequest assertion(JsonMapper json, String posted) throws Refused {
        PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential =
                read(json, posted, ASSERTION);
        AuthenticatorAssertionResponse response = credential.getResponse();
        if (response == null || response.getClientDataJSON() == null || response.getAuthenticatorData() == null
                || response.getSignature() == null) {
            throw Refusals.malformed("response.clientDataJSON, response.authenticatorData or response.signature is missing");
        }
        return new AuthenticationRequest(credential.getRawId(), response.getUserHandle(), response.getAuthenticatorData(),
                response.getClientDataJSON(), null, response.getSignature());
    }

    /** Parses the envelope and checks what both kinds share: {@code rawId}, and {@code id} agreeing with it. */
    private static <R extends AuthenticatorResponse, E extends ExtensionClientOutput> PublicKeyCredential<R, E> read(JsonMapper json,
            String posted, TypeReference<PublicKeyCredential<R, E>> type) throws Refused {
        if (posted == null || posted.isBlank()) {
            throw Refusals.malformed("nothing was posted");
        }
        if (posted.length() > MAX_CHARS) {
            throw Refusals.malformed("the response has more than " + MAX_CHARS + " characters");
        }
        PublicKeyCredential<R, E> credential;
        try {
            credential = json.readValue(posted, type);
        } catch (RuntimeException unreadable) {
            // Jackson's and webauthn4j's parse errors, whatever their type: the input is the client's.
            throw Refusals.malformed("the response is not a credential in JSON with base64url members ("
                    + unreadable.getClass().getSimpleName() + ")");
        }
        if (credential == null || credential.getRawId() == null || credential.getRawId().length == 0) {
            throw Refusals.malformed("rawId is missing");
        }
        if (credential.getId() != null && !credential.getId().equals(BASE64URL.encodeToString(credential.getRawId()))) {
            throw Refusals.malformed("id and rawId differ");
        }
        return credential;
    }

    /** The reported transports that look like transports, at most {@value #MAX_TRANSPORTS}. */
    private static Set<String> transports(Set<AuthenticatorTransport> reported) {
        Set<String> kept = new LinkedHashSet<>();
        if (reported != null) {
            for (AuthenticatorTransport transport : reported) {
                if (transport != null && transport.getValue() != null && TRANSPORT.matcher(transport.getValue()).matches()
                        && kept.size() < MAX_TRANSPORTS) {
                    kept.add(transport.getValue());
                }
            }
        }
        return kept;
    }
}
