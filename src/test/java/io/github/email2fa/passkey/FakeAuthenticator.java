package io.github.email2fa.passkey;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * An authenticator and the browser in front of it, for tests: it makes the JSON a page posts after
 * {@code navigator.credentials.create()} and {@code get()} ({@code credential.toJSON()}), from a JDK
 * key pair and webauthn4j-core's own writers for CBOR, COSE keys and client data. webauthn4j-test,
 * the library's emulator, is not published for 0.32.
 *
 * <p>Public fields say what the fake claims; tests change them to make bad responses.
 */
public final class FakeAuthenticator {

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final JsonMapper JSON = CONVERTER.getJsonMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final KeyPair keys;
    private final COSEAlgorithmIdentifier algorithm;
    private final String signatureAlgorithm;
    private final byte[] credentialId = new byte[16];

    /** The origin the browser writes into the client data. */
    public String origin;
    /** The RP id whose hash the authenticator signs. */
    public String rpId;
    public boolean userPresent = true;
    public boolean userVerified;
    /** The counter the next response carries. */
    public long signCount;
    /** {@code none}, or {@code packed} for self attestation. */
    public String attestationFormat = NoneAttestationStatement.FORMAT;
    /** The client data type the browser writes; tests swap them to mix up the ceremonies. */
    ClientDataType createType = ClientDataType.WEBAUTHN_CREATE;

    private FakeAuthenticator(KeyPair keys, COSEAlgorithmIdentifier algorithm, String signatureAlgorithm, String rpId, String origin) {
        this.keys = keys;
        this.algorithm = algorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.rpId = rpId;
        this.origin = origin;
        new SecureRandom().nextBytes(credentialId);
    }

    /** A P-256 key signing with ES256, what nearly every authenticator has. */
    public static FakeAuthenticator es256(String rpId, String origin) {
        return new FakeAuthenticator(ecKeys("secp256r1"), COSEAlgorithmIdentifier.ES256, "SHA256withECDSA", rpId, origin);
    }

    /** A P-384 key signing with ES384, which the verifier does not offer. */
    public static FakeAuthenticator es384(String rpId, String origin) {
        return new FakeAuthenticator(ecKeys("secp384r1"), COSEAlgorithmIdentifier.ES384, "SHA384withECDSA", rpId, origin);
    }

    /** A 2048-bit RSA key signing with RS256, as Windows Hello does. */
    public static FakeAuthenticator rs256(String rpId, String origin) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new FakeAuthenticator(generator.generateKeyPair(), COSEAlgorithmIdentifier.RS256, "SHA256withRSA", rpId, origin);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public byte[] credentialId() {
        return credentialId.clone();
    }

    /** Makes this authenticator use another credential's 16-byte id with its own key, as an attacker may. */
    public FakeAuthenticator withCredentialId(byte[] id) {
        System.arraycopy(id, 0, credentialId, 0, credentialId.length);
        return this;
    }

    /** What the page posts after {@code create()} answered this challenge. */
    public String create(PasskeyChallenge challenge) {
        return create(challenge.value());
    }

    /**
     * What the page posts after {@code create()} answered the challenge of these bytes, as a test
     * over HTTP reads them from the options' {@code challenge}.
     */
    public String create(byte[] challenge) {
        byte[] clientData = clientData(createType, challenge);
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId, publicKey());
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData =
                new AuthenticatorData<>(rpIdHash(), (byte) (flags() | AuthenticatorData.BIT_AT), signCount, attested);
        AttestationStatement statement = NoneAttestationStatement.FORMAT.equals(attestationFormat)
                ? new NoneAttestationStatement()
                : new PackedAttestationStatement(algorithm, sign(new AuthenticatorDataConverter(CONVERTER).convert(authenticatorData),
                        clientData), null);
        byte[] attestationObject =
                new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(authenticatorData, statement));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", BASE64URL.encodeToString(clientData));
        response.put("attestationObject", BASE64URL.encodeToString(attestationObject));
        response.put("transports", List.of("internal", "hybrid"));
        return credentialJson(response);
    }

    /** What the page posts after {@code get()} answered this challenge; {@code userHandle} may be {@code null}. */
    public String get(PasskeyChallenge challenge, byte[] userHandle) {
        return get(challenge.value(), userHandle);
    }

    /** What the page posts after {@code get()} answered the challenge of these bytes; {@code userHandle} may be {@code null}. */
    public String get(byte[] challenge, byte[] userHandle) {
        byte[] clientData = clientData(ClientDataType.WEBAUTHN_GET, challenge);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER)
                .convert(new AuthenticatorData<AuthenticationExtensionAuthenticatorOutput>(rpIdHash(), flags(), signCount));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", BASE64URL.encodeToString(clientData));
        response.put("authenticatorData", BASE64URL.encodeToString(authenticatorData));
        response.put("signature", BASE64URL.encodeToString(sign(authenticatorData, clientData)));
        response.put("userHandle", userHandle == null ? null : BASE64URL.encodeToString(userHandle));
        return credentialJson(response);
    }

    /** The posted JSON with one binary member of {@code response} changed, such as a flipped byte. */
    @SuppressWarnings("unchecked")
    public static String withResponseMember(String json, String member, UnaryOperator<byte[]> change) {
        Map<String, Object> credential = JSON.readValue(json, LinkedHashMap.class);
        Map<String, Object> response = (Map<String, Object>) credential.get("response");
        byte[] bytes = BASE64URL_DECODER.decode((String) response.get(member));
        response.put(member, BASE64URL.encodeToString(change.apply(bytes)));
        return JSON.writeValueAsString(credential);
    }

    /**
     * The user handle ({@code user.id}) in options for {@code navigator.credentials.create()}, as
     * the browser hands it to the authenticator, which sends it back with each {@link #get}.
     */
    public static byte[] userHandleIn(String creationOptionsJson) {
        return BASE64URL_DECODER.decode(JSON.readTree(creationOptionsJson).get("user").get("id").asString());
    }

    /** A copy with the bits of one byte flipped. */
    public static UnaryOperator<byte[]> flipByte(int index) {
        return bytes -> {
            byte[] changed = bytes.clone();
            int at = index < 0 ? changed.length + index : index;
            changed[at] ^= (byte) 0xFF;
            return changed;
        };
    }

    private String credentialJson(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", BASE64URL.encodeToString(credentialId));
        credential.put("rawId", BASE64URL.encodeToString(credentialId));
        credential.put("type", "public-key");
        credential.put("authenticatorAttachment", "platform");
        credential.put("response", response);
        credential.put("clientExtensionResults", Map.of());
        return JSON.writeValueAsString(credential);
    }

    private byte[] clientData(ClientDataType type, byte[] challenge) {
        CollectedClientData data = new CollectedClientData(type, new DefaultChallenge(challenge), new Origin(origin), false, null);
        return new CollectedClientDataConverter(CONVERTER).convertToBytes(data);
    }

    private byte flags() {
        return (byte) ((userPresent ? AuthenticatorData.BIT_UP : 0) | (userVerified ? AuthenticatorData.BIT_UV : 0));
    }

    private COSEKey publicKey() {
        return keys.getPublic() instanceof ECPublicKey ec
                ? EC2COSEKey.create(ec, algorithm)
                : RSACOSEKey.create((RSAPublicKey) keys.getPublic(), algorithm);
    }

    private byte[] rpIdHash() {
        return sha256(rpId.getBytes(StandardCharsets.UTF_8));
    }

    /** The signature of WebAuthn section 6.3.3: over the authenticator data and the client data's hash. */
    private byte[] sign(byte[] authenticatorData, byte[] clientData) {
        try {
            Signature signature = Signature.getInstance(signatureAlgorithm);
            signature.initSign(keys.getPrivate());
            signature.update(authenticatorData);
            signature.update(sha256(clientData));
            return signature.sign();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static KeyPair ecKeys(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
