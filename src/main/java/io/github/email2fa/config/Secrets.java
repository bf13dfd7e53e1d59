package io.github.email2fa.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Function;

/**
 * Reads secret keys from where a setting says they are: {@code env:<variable>},
 * {@code file:<path>} or {@code jndi:<name>}, each holding the key in Base64. The key itself is
 * never in a setting, a log line or an exception message; the reference to it may be.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * The key a setting points at.
     *
     * @param setting the setting's name, for the message
     * @param reference its value, such as {@code env:EMAIL2FA_CODE_KEY}
     * @param minimumBytes how long the key must be
     * @param environment reads an environment variable ({@code System::getenv} in production)
     * @param jndi looks a name up in JNDI; a {@code String} or {@code byte[]} result is the Base64 text
     * @return the key's bytes
     * @throws IllegalStateException if the secret cannot be read, is not Base64, or is too short:
     *         the message names the setting, the reference and the fix, never the secret
     */
    public static byte[] key(String setting, String reference, int minimumBytes, Function<String, String> environment,
            Function<String, Object> jndi) {
        String text = read(setting, reference, environment, jndi);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(setting + "=" + reference + " does not hold Base64 text. Fix: put a key of at least "
                    + minimumBytes + " random bytes there in Base64, for example the output of 'openssl rand -base64 "
                    + minimumBytes + "'.");
        }
        if (key.length < minimumBytes) {
            throw new IllegalStateException(setting + "=" + reference + " holds " + key.length + " bytes; at least " + minimumBytes
                    + " are needed. Fix: 'openssl rand -base64 " + minimumBytes + "'.");
        }
        return key;
    }

    private static String read(String setting, String reference, Function<String, String> environment, Function<String, Object> jndi) {
        int colon = reference.indexOf(':');
        String where = reference.substring(colon + 1);
        switch (reference.substring(0, colon)) {
            case "env" -> {
                String value = environment.apply(where);
                if (value == null || value.isBlank()) {
                    throw new IllegalStateException(setting + "=" + reference + ": the environment variable " + where
                            + " is not set for this server. Fix: set it in the server's environment, or point " + setting
                            + " at a file: or jndi: secret.");
                }
                return value;
            }
            case "file" -> {
                try {
                    return Files.readString(Path.of(where), StandardCharsets.US_ASCII);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException(setting + "=" + reference + ": the file cannot be read (" + e.getClass().getSimpleName()
                            + "). Fix: create it, readable by the server's user only, with the key in Base64.");
                }
            }
            case "jndi" -> {
                Object value;
                try {
                    value = jndi.apply(where);
                } catch (RuntimeException e) {
                    value = null;
                }
                if (value instanceof byte[] bytes) {
                    return new String(bytes, StandardCharsets.US_ASCII);
                }
                if (value instanceof String text) {
                    return text;
                }
                throw new IllegalStateException(setting + "=" + reference + ": nothing is bound under " + where
                        + ", or it is not a String. Fix: bind the key in Base64 as a String there (for example a <env-entry>).");
            }
            default -> throw new IllegalStateException(setting + "=" + reference + " is neither env:, file: nor jndi:");
        }
    }
}
