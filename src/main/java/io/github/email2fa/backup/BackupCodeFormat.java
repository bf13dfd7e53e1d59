package io.github.email2fa.backup;

import java.util.Optional;

/**
 * What a backup code looks like, and how typed input is read back into one.
 *
 * <p>A code is {@value #LENGTH} symbols of {@link #ALPHABET}, Crockford's base 32 in lower case:
 * the digits and the letters except {@code i l o u}. Each symbol carries 5 bits, so a code carries
 * {@value #BITS}. It is shown as two groups of five joined by a dash, like {@code k7m2q-9xw4t}.
 *
 * <p>Reading input ({@link #normalize}) forgives what people do when they copy a code by hand:
 * <ul>
 *   <li>ASCII upper case is lower-cased; nothing else is ({@code Character.toLowerCase} would turn
 *       the Kelvin sign into {@code k}, and a Turkish locale turns {@code I} into a dotless i);
 *   <li>spaces and ASCII dashes are dropped, wherever they are;
 *   <li>{@code o} reads as {@code 0}, and {@code i} and {@code l} as {@code 1}. None of the three
 *       is in the alphabet, so the mapping never turns one valid code into another; it only saves a
 *       user who read a round glyph as a letter a wasted attempt.
 * </ul>
 * Anything else outside the alphabet refuses the whole input, {@code u} included, as do
 * non-ASCII look-alikes (full-width, Cyrillic, Greek letters) and separators other than space and
 * {@code -}. Input longer than {@value #MAX_RAW_LENGTH} characters is refused before it is scanned.
 */
final class BackupCodeFormat {

    /** The symbols of a code, in value order: Crockford's base 32, lower case, without {@code i l o u}. */
    public static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    /** Symbols in a code. */
    public static final int LENGTH = 10;

    /** Symbols in each of the two displayed groups. */
    public static final int GROUP_LENGTH = 5;

    /** The entropy of a code drawn uniformly: {@value #LENGTH} symbols of 5 bits. */
    public static final int BITS = 50;

    /** Far longer than any real input; longer input is refused before it is scanned. */
    static final int MAX_RAW_LENGTH = 64;

    private BackupCodeFormat() {
    }

    /**
     * Reads what a user typed.
     *
     * @param input the submitted value, possibly {@code null}
     * @return the canonical {@value #LENGTH} symbols, or empty if the input cannot be a code
     */
    public static Optional<String> normalize(String input) {
        if (input == null || input.isEmpty() || input.length() > MAX_RAW_LENGTH) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            char symbol = canonical(c);
            if (ALPHABET.indexOf(symbol) < 0 || code.length() == LENGTH) {
                return Optional.empty();
            }
            code.append(symbol);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    /**
     * The form shown to the user: two groups of {@value #GROUP_LENGTH} joined by a dash.
     *
     * @param code a canonical code, as {@link #normalize} returns
     * @return the code with a dash after the first group, like {@code k7m2q-9xw4t}
     * @throws IllegalArgumentException if {@code code} is not canonical; the message does not repeat it
     */
    public static String display(String code) {
        if (!isCanonical(code)) {
            throw new IllegalArgumentException("Not a canonical backup code: expected " + LENGTH
                    + " characters of " + ALPHABET);
        }
        return code.substring(0, GROUP_LENGTH) + '-' + code.substring(GROUP_LENGTH);
    }

    /** Whether {@code code} is exactly {@value #LENGTH} symbols of the alphabet, as stored and hashed. */
    public static boolean isCanonical(String code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case, with the letters people read for 0 and 1 mapped to those digits. */
    private static char canonical(char c) {
        char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        return switch (lower) {
            case 'o' -> '0';
            case 'i', 'l' -> '1';
            default -> lower;
        };
    }
}
