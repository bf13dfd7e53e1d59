package io.github.email2fa.passkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.email2fa.passkey.PasskeyVerifier.Refused;
import io.github.email2fa.passkey.PasskeyVerifier.Refused.Reason;
import io.github.email2fa.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Covers what a page, or someone posing as one, may post instead of a response: each is refused as
 * {@link Reason#MALFORMED}, never with another exception.
 */
class PasskeyVerifierMalformedTest {

    private static final String RP_ID = "shop.example";
    private static final String ORIGIN = "https://shop.example";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PasskeyVerifier verifier = new PasskeyVerifier(PasskeySettings.defaults(RP_ID, "Shop", Set.of(ORIGIN)),
            new SecureRandom(), new MutableClock(Instant.parse("2025-06-02T09:00:00Z")));
    private final byte[] alice = verifier.newUserHandle();
    private final FakeAuthenticator authenticator = FakeAuthenticator.es256(RP_ID, ORIGIN);

    @ParameterizedTest(name = "{0}")
    @MethodSource({"eitherResponse", "registrationResponse"})
    void registerWhenResponseMalformedThenMalformed(String description, UnaryOperator<String> breakIt) {
        PasskeyChallenge challenge = verifier.newChallenge();
        String broken = breakIt.apply(authenticator.create(challenge));

        Refused refused = assertThrows(Refused.class, () -> verifier.register(broken, challenge, alice, "Laptop"));

        assertEquals(Reason.MALFORMED, refused.reason(), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"eitherResponse", "assertionResponse"})
    void authenticateWhenResponseMalformedThenMalformed(String description, UnaryOperator<String> breakIt) throws Refused {
        PasskeyChallenge registration = verifier.newChallenge();
        PasskeyCredential registered = verifier.register(authenticator.create(registration), registration, alice, "Laptop");
        PasskeyChallenge challenge = verifier.newChallenge();
        String broken = breakIt.apply(authenticator.get(challenge, alice));

        Refused refused = assertThrows(Refused.class, () -> verifier.authenticate(broken, challenge, alice, List.of(registered)));

        assertEquals(Reason.MALFORMED, refused.reason(), refused.getMessage());
    }

    static Stream<Arguments> eitherResponse() {
        return Stream.of(
                broken("nothing", json -> ""),
                broken("not JSON", json -> "{nonsense"),
                broken("JSON null", json -> "null"),
                broken("a JSON array", json -> "[]"),
                broken("an empty object", json -> "{}"),
                broken("cut off", json -> json.substring(0, json.length() / 2)),
                broken("more than 64 KiB", json -> json.replace("\"type\"", "\"padding\":\"" + "x".repeat(70_000) + "\",\"type\"")),
                broken("no rawId", edit(credential -> credential.remove("rawId"))),
                broken("rawId in standard base64", edit(credential -> credential.put("rawId", "ab+/cd=="))),
                broken("id differs from rawId", edit(credential -> credential.put("id", "AAAA"))),
                broken("no response", edit(credential -> credential.remove("response"))),
                broken("response is a string", edit(credential -> credential.put("response", "yes"))),
                broken("no clientDataJSON", editResponse(response -> response.remove("clientDataJSON"))),
                broken("clientDataJSON not base64url", editResponse(response -> response.put("clientDataJSON", "!!!"))),
                broken("clientDataJSON not JSON", editResponse(response -> response.put("clientDataJSON", base64Url("hello")))),
                broken("clientDataJSON without a type", editResponse(response -> response.put("clientDataJSON",
                        base64Url("{\"challenge\":\"AAAA\",\"origin\":\"" + ORIGIN + "\"}")))));
    }

    static Stream<Arguments> registrationResponse() {
        return Stream.of(
                broken("no attestationObject", editResponse(response -> response.remove("attestationObject"))),
                broken("attestationObject empty", editResponse(response -> response.put("attestationObject", ""))),
                broken("attestationObject not CBOR", editResponse(response -> response.put("attestationObject", base64Url("hello")))),
                broken("attestationObject a CBOR number", editResponse(response -> response.put("attestationObject", "AQ"))),
                broken("transports not a list", editResponse(response -> response.put("transports", 5))),
                broken("rawId of another credential", edit(credential -> {
                    credential.put("rawId", "AAAAAAAAAAAAAAAAAAAAAA");
                    credential.put("id", "AAAAAAAAAAAAAAAAAAAAAA");
                })));
    }

    static Stream<Arguments> assertionResponse() {
        return Stream.of(
                broken("no signature", editResponse(response -> response.remove("signature"))),
                broken("signature not base64url", editResponse(response -> response.put("signature", "%%"))),
                broken("no authenticatorData", editResponse(response -> response.remove("authenticatorData"))),
                broken("authenticatorData cut short", editResponse(response -> response.put("authenticatorData", "AAEC"))),
                broken("userHandle not base64url", editResponse(response -> response.put("userHandle", "*"))));
    }

    private static Arguments broken(String description, UnaryOperator<String> breakIt) {
        return Arguments.of(description, breakIt);
    }

    /** Changes the credential object, the posted JSON's top level. */
    @SuppressWarnings("unchecked")
    private static UnaryOperator<String> edit(Consumer<Map<String, Object>> change) {
        return json -> {
            Map<String, Object> credential = JSON.readValue(json, LinkedHashMap.class);
            change.accept(credential);
            return JSON.writeValueAsString(credential);
        };
    }

    /** Changes the credential's {@code response} object. */
    @SuppressWarnings("unchecked")
    private static UnaryOperator<String> editResponse(Consumer<Map<String, Object>> change) {
        return edit(credential -> change.accept((Map<String, Object>) credential.get("response")));
    }

    private static String base64Url(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // Input built to exhaust the parsers (deep JSON and CBOR nesting, huge numbers and lengths): refused as
    // MALFORMED, never with a StackOverflowError or another exception that would reach the container as a 500.

    @Test
    void registerWhenNestingOrSizesAreHostileThenMalformed() {
        PasskeyChallenge challenge = verifier.newChallenge();
        String good = authenticator.create(challenge);
        List<String> hostile = List.of(
                good.replace("\"type\"", "\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + ",\"type\""),
                good.replace("\"type\"", "\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + ",\"type\""),
                good.replace("\"type\"", "\"x\":1" + "0".repeat(60_000) + ",\"type\""),
                response(good, "clientDataJSON", BASE64URL.encodeToString(("{\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
                        .getBytes(StandardCharsets.UTF_8))),
                response(good, "attestationObject", BASE64URL.encodeToString(nestedArrays(45_000))),
                response(good, "attestationObject", BASE64URL.encodeToString(nestedMaps(15_000))),
                response(good, "attestationObject", BASE64URL.encodeToString(new byte[] {(byte) 0x9f, (byte) 0x9f, (byte) 0x9f})),
                response(good, "attestationObject", BASE64URL.encodeToString(new byte[] {0x5b, 0x7f, -1, -1, -1, -1, -1, -1, -1})));
        for (String posted : hostile) {
            Refused refused = assertThrows(Refused.class, () -> verifier.register(posted, challenge, alice, "Laptop"));
            assertEquals(Reason.MALFORMED, refused.reason(), refused.getMessage());
        }
    }

    @Test
    void authenticateWhenNestingIsHostileThenMalformed() throws Refused {
        PasskeyChallenge registration = verifier.newChallenge();
        PasskeyCredential registered = verifier.register(authenticator.create(registration), registration, alice, "Laptop");
        PasskeyChallenge challenge = verifier.newChallenge();
        String good = authenticator.get(challenge, alice);
        byte[] extensions = new byte[37 + 45_001];
        extensions[32] = (byte) 0x81; // user present, extensions follow
        System.arraycopy(nestedArrays(45_000), 0, extensions, 37, 45_001);
        List<String> hostile = List.of(
                good.replace("\"type\"", "\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + ",\"type\""),
                response(good, "clientDataJSON", BASE64URL.encodeToString(("{\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
                        .getBytes(StandardCharsets.UTF_8))),
                response(good, "authenticatorData", BASE64URL.encodeToString(extensions)));
        for (String posted : hostile) {
            Refused refused = assertThrows(Refused.class, () -> verifier.authenticate(posted, challenge, alice, List.of(registered)));
            assertEquals(Reason.MALFORMED, refused.reason(), refused.getMessage());
        }
        assertNull(PasskeyVerifier.postedCredentialId("{\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}"));
    }

    @Test
    void authenticateWhenForgedWithALowerCounterThenBadSignatureNotACloneAlarm() throws Refused {
        authenticator.signCount = 5;
        PasskeyChallenge registration = verifier.newChallenge();
        PasskeyCredential registered = verifier.register(authenticator.create(registration), registration, alice, "Laptop");
        authenticator.signCount = 1;
        PasskeyChallenge challenge = verifier.newChallenge();
        String forged = FakeAuthenticator.withResponseMember(authenticator.get(challenge, alice), "signature", FakeAuthenticator.flipByte(10));

        Refused refused = assertThrows(Refused.class, () -> verifier.authenticate(forged, challenge, alice, List.of(registered)));

        assertEquals(Reason.BAD_SIGNATURE, refused.reason(), "someone without the key cannot raise a false 'copied' alarm");
    }

    @SuppressWarnings("unchecked")
    private static String response(String json, String member, Object value) {
        Map<String, Object> credential = JSON.readValue(json, LinkedHashMap.class);
        ((Map<String, Object>) credential.get("response")).put(member, value);
        return JSON.writeValueAsString(credential);
    }

    private static byte[] nestedArrays(int depth) {
        byte[] cbor = new byte[depth + 1];
        java.util.Arrays.fill(cbor, 0, depth, (byte) 0x81);
        return cbor;
    }

    private static byte[] nestedMaps(int depth) {
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            cbor.write(0xa1);
            cbor.write(0x61);
            cbor.write('a');
        }
        cbor.write(0);
        return cbor.toByteArray();
    }
}
