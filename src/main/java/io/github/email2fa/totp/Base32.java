package io.github.email2fa.totp;

/**
 * The text form of a TOTP secret (Base32, RFC 4648 section 6): what the {@code secret} parameter of
 * an {@code otpauth://} link holds and what people type into an app that cannot scan the QR code.
 * Upper case, without the {@code =} padding, which the Key Uri Format leaves out. Encoded by Apache
 * Commons Codec.
 */
public final class Base32 {

    /** Characters per block when a secret is shown for typing. */
    public static final int GROUP = 4;
    /** Thread-safe: an encoder keeps its state per call. */
    private static final org.apache.commons.codec.binary.Base32 CODEC = new org.apache.commons.codec.binary.Base32();

    private Base32() {
    }

    /**
     * A secret in Base32, upper case, without padding: {@code JBSWY3DPEHPK3PXP}.
     *
     * @param secret the secret's bytes
     */
    public static String encode(byte[] secret) {
        String text = CODEC.encodeToString(secret);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * A secret in Base32 in blocks of {@value #GROUP} separated by spaces, for people typing it:
     * {@code JBSW Y3DP EHPK 3PXP}. Apps ignore the spaces.
     *
     * @param secret the secret's bytes
     */
    public static String grouped(byte[] secret) {
        String text = encode(secret);
        StringBuilder grouped = new StringBuilder(text.length() + text.length() / GROUP);
        for (int i = 0; i < text.length(); i += GROUP) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(text, i, Math.min(text.length(), i + GROUP));
        }
        return grouped.toString();
    }
}
