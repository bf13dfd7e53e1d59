package io.github.email2fa.backup;

import io.github.email2fa.text.TypedInput;
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
 *   <li>a decimal digit of any script (Arabic-Indic, Persian, full-width...) reads as its ASCII
 *       digit, and a full-width Latin letter ({@code U+FF21..FF3A}, {@code U+FF41..FF5A}, what an
 *       East Asian input method types) as its ASCII letter; each maps to exactly one symbol;
 *   <li>separators are dropped wherever they are: white space, dashes and invisible format
 *       characters, as {@link TypedInput#isSeparator} defines them;
 *   <li>{@code o} reads as {@code 0}, and {@code i} and {@code l} as {@code 1}. None of the three
 *       is in the alphabet, so the mapping never turns one valid code into another; it only saves a
 *       user who read a round glyph as a letter a wasted attempt.
 * </ul>
 * Anything else outside the alphabet refuses the whole input, {@code u} included, as do
 * look-alikes from other scripts (Cyrillic, Greek, the Kelvin sign) and other punctuation. Input
 * longer than {@value #MAX_RAW_LENGTH} characters is refused before it is scanned. Refused input
 * cannot match any code; the caller does not count it as a guess.
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
        for (int i = 0; i < input.length(); ) {
            int codePoint = input.codePointAt(i);
            i += Character.charCount(codePoint);
            if (TypedInput.isSeparator(codePoint)) {
                continue;
            }
            char symbol = canonical(codePoint);
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

    /**
     * The code point as one lower-case ASCII character, with the letters people read for 0 and 1
     * mapped to those digits; a character outside the alphabet (such as {@code '?'}) if it has none.
     */
    private static char canonical(int codePoint) {
        int digit = TypedInput.digit(codePoint);
        if (digit >= 0) {
            return (char) ('0' + digit);
        }
        int ascii = codePoint >= '\uff21' && codePoint <= '\uff3a' || codePoint >= '\uff41' && codePoint <= '\uff5a'
                ? codePoint - 0xfee0 : codePoint;
        if (ascii > 0x7f) {
            return '?';
        }
        char lower = ascii >= 'A' && ascii <= 'Z' ? (char) (ascii + ('a' - 'A')) : (char) ascii;
        return switch (lower) {
            case 'o' -> '0';
            case 'i', 'l' -> '1';
            default -> lower;
        };
    }
}
