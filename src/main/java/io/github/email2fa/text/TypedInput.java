package io.github.email2fa.text;

/**
 * How characters people type into a code field are read, shared by emailed and backup codes.
 *
 * <p>A <em>digit</em> is any Unicode decimal digit (general category Nd): ASCII, Arabic-Indic,
 * Persian, Devanagari, full-width and every other script the JDK knows, supplementary planes
 * included. Each reads as its value 0 to 9. Other numeric characters (superscripts, circled
 * digits, Roman numerals, CJK numerals) are not digits: they are category No or Nl.
 *
 * <p>A <em>separator</em> is dropped wherever it stands: white space (space, tab, no-break space,
 * ideographic space), dash punctuation (hyphen, en and em dash, non-breaking hyphen, full-width
 * hyphen), the minus sign, and invisible format characters (soft hyphen, zero-width space,
 * left-to-right and right-to-left marks) that ride along when a code is copied from an email or
 * typed on a right-to-left keyboard. Dropping a separator can never turn one code into another,
 * because only the digits count and their number must be exact.
 */
public final class TypedInput {

    private TypedInput() {
    }

    /**
     * @param codePoint one code point of the input
     * @return its value 0 to 9 if it is a decimal digit of any script, else -1
     */
    public static int digit(int codePoint) {
        return Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(codePoint, 10) : -1;
    }

    /** Whether the code point is dropped as a separator (see the class comment). */
    public static boolean isSeparator(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == '\u2212') {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DASH_PUNCTUATION || type == Character.FORMAT;
    }
}
