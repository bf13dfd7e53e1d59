package io.github.email2fa.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Covers {@link Secrets}: keys read from the environment, a file or JNDI, and refusals that never show the secret. */
class SecretsTest {

    private static final byte[] KEY = new byte[32];
    private static final String BASE64 = Base64.getEncoder().encodeToString(filled(KEY));
    private static final Function<String, Object> NO_JNDI = name -> null;

    @TempDir
    Path dir;

    private static byte[] filled(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return key;
    }

    @Test
    void keyWhenInEnvironmentThenDecoded() {
        byte[] key = Secrets.key("email2fa.codeKey", "env:CODE_KEY", 32, Map.of("CODE_KEY", BASE64 + "\n")::get, NO_JNDI);

        assertArrayEquals(KEY, key);
    }

    @Test
    void keyWhenInFileThenDecoded() throws Exception {
        Path file = Files.writeString(dir.resolve("code.key"), BASE64 + "\n", StandardCharsets.US_ASCII);

        assertArrayEquals(KEY, Secrets.key("email2fa.codeKey", "file:" + file, 32, name -> null, NO_JNDI));
    }

    @Test
    void keyWhenInJndiAsTextThenDecoded() {
        assertArrayEquals(KEY, Secrets.key("email2fa.codeKey", "jndi:java:comp/env/codeKey", 32, name -> null,
                name -> name.equals("java:comp/env/codeKey") ? BASE64 : null));
    }

    @Test
    void keyWhenVariableMissingThenMessageNamesSettingReferenceAndFix() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Secrets.key("email2fa.codeKey", "env:CODE_KEY", 32, name -> null, NO_JNDI));

        assertTrue(refused.getMessage().startsWith("email2fa.codeKey=env:CODE_KEY"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Fix:"), refused.getMessage());
    }

    @Test
    void keyWhenTooShortThenRefusedWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Secrets.key("email2fa.codeKey", "env:K", 32, Map.of("K", shortKey)::get, NO_JNDI));

        assertTrue(refused.getMessage().contains("holds 16 bytes; at least 32"), refused.getMessage());
        assertFalse(refused.getMessage().contains(shortKey), "the secret is never in a message");
    }

    @Test
    void keyWhenNotBase64ThenRefusedWithoutShowingIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Secrets.key("email2fa.codeKey", "env:K", 32, Map.of("K", "not*base64!secret")::get, NO_JNDI));

        assertFalse(refused.getMessage().contains("not*base64!secret"), refused.getMessage());
    }

    @Test
    void keyWhenFileMissingOrJndiUnboundThenRefusedWithFix() {
        IllegalStateException file = assertThrows(IllegalStateException.class,
                () -> Secrets.key("email2fa.codeKey", "file:" + dir.resolve("none"), 32, name -> null, NO_JNDI));
        IllegalStateException jndi = assertThrows(IllegalStateException.class,
                () -> Secrets.key("email2fa.codeKey.previous", "jndi:codeKey", 32, name -> null, NO_JNDI));

        assertTrue(file.getMessage().contains("cannot be read"), file.getMessage());
        assertEquals(true, jndi.getMessage().startsWith("email2fa.codeKey.previous=jndi:codeKey: nothing is bound"), jndi.getMessage());
    }
}
