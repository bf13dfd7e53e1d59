package io.github.email2fa.totp;

import java.nio.charset.StandardCharsets;

/**
 * The link that gives an authenticator app a secret, in the Key Uri Format of Google Authenticator,
 * which every app reads:
 * {@code otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30}.
 *
 * <p>The issuer and the account are percent-encoded as UTF-8 (RFC 3986 section 2.1): all but the
 * unreserved characters of section 2.3 and {@code @} (allowed in a path and a query, section 3.3, and
 * kept so an email address reads as one), so a space is {@code %20}, never {@code +}, and a {@code :}
 * inside the issuer or the account is {@code %3A}. Only the {@code :} between them stays literal.
 * The Key Uri Format forbids colons in either part; an app that decodes the label before splitting
 * it may show such an account oddly, but still files it under the {@code issuer} parameter.
 *
 * <p>The link holds the secret: put it in a QR code or a page sent with {@code Cache-Control:
 * no-store}, never in a log or a URL the browser requests.
 */
public final class OtpAuthUri {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpAuthUri() {
    }

    /**
     * The link for one user's secret.
     *
     * @param settings the issuer, algorithm, digits and period the app must use
     * @param account who the secret is for, as the app shows it: the user's email address or name
     * @param secret the secret's bytes
     * @return the {@code otpauth://totp/} link, ASCII
     * @throws IllegalArgumentException if the account is blank
     */
    public static String of(TotpSettings settings, String account, byte[] secret) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("an otpauth:// link needs an account name that is not blank");
        }
        String issuer = encode(settings.issuer());
        return "otpauth://totp/" + issuer + ":" + encode(account)
                + "?secret=" + Base32.encode(secret)
                + "&issuer=" + issuer
                + "&algorithm=" + settings.algorithm().uriName()
                + "&digits=" + settings.digits()
                + "&period=" + settings.periodSeconds();
    }

    /** Percent-encodes UTF-8 text, keeping the unreserved characters and {@code @}. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
                    || c == '@') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}
