package io.github.email2fa.challenge;

import io.github.email2fa.text.TypedInput;
import java.util.Optional;

/**
 * Normalises what a user typed into the code field.
 *
 * <p>Separators are dropped (people copy "123 456" or "123-456"; see {@link TypedInput}). Every
 * other code point must be a decimal digit of some script, read as its ASCII value, so the right
 * code typed on an Arabic, Persian or full-width keyboard is the right code. The mapping is
 * deliberate, per code point ({@link TypedInput#digit}); {@code Integer.parseInt} is not used, as
 * it would also take signs and drop leading zeros. After mapping, the number of digits must match
 * exactly. Input that is not read as a code is malformed: it cannot match any code, so the caller
 * does not count it as a guess.
 */
public final class CodeInput {

    /** Far longer than any real input; longer input is refused before it is scanned. */
    static final int MAX_RAW_LENGTH = 64;

    private CodeInput() {
    }

    /**
     * @param raw the submitted value, possibly {@code null}
     * @param length the expected number of digits
     * @return the ASCII digits, or empty if the input cannot be a code
     */
    public static Optional<String> normalize(String raw, int length) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_RAW_LENGTH) {
            return Optional.empty();
        }
        if (isAsciiDigits(raw, length)) {
            // What nearly everyone sends: nothing to drop or map, so the input is the code.
            return Optional.of(raw);
        }
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < raw.length(); ) {
            int codePoint = raw.codePointAt(i);
            i += Character.charCount(codePoint);
            if (TypedInput.isSeparator(codePoint)) {
                continue;
            }
            int value = TypedInput.digit(codePoint);
            if (value < 0 || digits.length() == length) {
                return Optional.empty();
            }
            digits.append((char) ('0' + value));
        }
        return digits.length() == length ? Optional.of(digits.toString()) : Optional.empty();
    }

    /** Whether the input is exactly {@code length} ASCII digits. */
    private static boolean isAsciiDigits(String raw, int length) {
        if (raw.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
