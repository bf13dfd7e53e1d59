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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Input built to exhaust the parsers (deep JSON and CBOR nesting, huge numbers and lengths): each
 * is refused as {@link Reason#MALFORMED}, never with a StackOverflowError or another exception that
 * would reach the container as a 500. Held when reviewed; kept as a regression test.
 */
class PasskeyVerifierHostileInputTest {

    private static final String RP_ID = "shop.example";
    private static final String ORIGIN = "https://shop.example";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PasskeyVerifier verifier = new PasskeyVerifier(PasskeySettings.defaults(RP_ID, "Shop", Set.of(ORIGIN)),
            new SecureRandom(), new MutableClock(Instant.parse("2025-06-02T09:00:00Z")));
    private final byte[] alice = verifier.newUserHandle();
    private final FakeAuthenticator authenticator = FakeAuthenticator.es256(RP_ID, ORIGIN);

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
