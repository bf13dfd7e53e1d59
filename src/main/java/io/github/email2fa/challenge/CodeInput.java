package io.github.email2fa.challenge;

import java.util.Optional;

/**
 * Normalises what a user typed into the code field.
 *
 * <p>Spaces and dashes are dropped (people copy "123 456" or "123-456"); everything else must be
 * an ASCII digit, and the length must match exactly. {@code Character.isDigit} is not used on
 * purpose: it accepts Arabic-Indic and other non-ASCII digits.
 */
final class CodeInput {

    /** Far longer than any real input; longer input is refused before it is scanned. */
    static final int MAX_RAW_LENGTH = 64;

    private CodeInput() {
    }

    /**
     * @param raw the submitted value, possibly {@code null}
     * @param length the expected number of digits
     * @return the bare digits, or empty if the input cannot be a code
     */
    public static Optional<String> normalize(String raw, int length) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_RAW_LENGTH) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c < '0' || c > '9' || digits.length() == length) {
                return Optional.empty();
            }
            digits.append(c);
        }
        return digits.length() == length ? Optional.of(digits.toString()) : Optional.empty();
    }
}
