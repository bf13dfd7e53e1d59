package io.github.email2fa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.email2fa.totp.TotpSettings.Algorithm;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link OtpAuthUri}: the Key Uri Format, with issuer and account percent-encoded as RFC 3986 asks. */
class OtpAuthUriTest {

    /** The secret of the Key Uri Format's example, JBSWY3DPEHPK3PXP. */
    private static final byte[] SECRET = HexFormat.of().parseHex("48656c6c6f21deadbeef");

    @Test
    void ofWhenPlainNamesThenTheKeyUriFormatsExample() {
        assertEquals("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30",
                OtpAuthUri.of(TotpSettings.defaults("Example"), "alice@google.com", SECRET));
    }

    @Test
    void ofWhenSpacesThenPercent20NeverPlus() {
        assertEquals("otpauth://totp/ACME%20Co:john%20doe?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
                OtpAuthUri.of(TotpSettings.defaults("ACME Co"), "john doe", SECRET));
    }

    @Test
    void ofWhenColonsInIssuerAndAccountThenEncodedAndOnlyTheSeparatorIsLiteral() {
        String uri = OtpAuthUri.of(TotpSettings.defaults("Shop: Main"), "x:y@example.com", SECRET);

        assertEquals("otpauth://totp/Shop%3A%20Main:x%3Ay@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Shop%3A%20Main"
                + "&algorithm=SHA1&digits=6&period=30", uri);
        String label = URI.create(uri).getRawPath().substring(1);
        assertEquals(1, label.chars().filter(c -> c == ':').count());
        assertEquals("Shop: Main", decode(label.substring(0, label.indexOf(':'))));
        assertEquals("x:y@example.com", decode(label.substring(label.indexOf(':') + 1)));
    }

    @Test
    void ofWhenNonAsciiThenUtf8PercentEncoded() {
        String uri = OtpAuthUri.of(TotpSettings.defaults("Zoë Ltd"), "zoë@exämple.org", SECRET);

        assertEquals("otpauth://totp/Zo%C3%AB%20Ltd:zo%C3%AB@ex%C3%A4mple.org?secret=JBSWY3DPEHPK3PXP&issuer=Zo%C3%AB%20Ltd"
                + "&algorithm=SHA1&digits=6&period=30", uri);
        assertEquals("/Zoë Ltd:zoë@exämple.org", URI.create(uri).getPath());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "a&b=c|a%26b%3Dc",
            "a?b#c|a%3Fb%23c",
            "a/b+c|a%2Fb%2Bc",
            "100%|100%25",
            "\"<>\"|%22%3C%3E%22",
            "-._~|-._~",
            "a\tb|a%09b"})
    void encodeWhenReservedOrUnsafeCharactersThenEncodedAndUnreservedKept(String text, String expected) {
        assertEquals(expected, OtpAuthUri.encode(text));
    }

    @Test
    void encodeWhenApostropheThenEncoded() {
        assertEquals("O%27Brien", OtpAuthUri.encode("O'Brien"));
    }

    @Test
    void ofWhenIssuerHasQueryCharactersThenTheQueryParsesToItsParameters() {
        String uri = OtpAuthUri.of(TotpSettings.defaults("R&D = fun?"), "bob", SECRET);

        Map<String, String> query = query(URI.create(uri).getRawQuery());

        assertEquals(Map.of("secret", "JBSWY3DPEHPK3PXP", "issuer", "R&D = fun?", "algorithm", "SHA1", "digits", "6", "period", "30"),
                query);
    }

    @ParameterizedTest
    @CsvSource({"SHA256, 7, 60", "SHA512, 8, 15"})
    void ofWhenOtherSettingsThenTheirParameters(Algorithm algorithm, int digits, long period) {
        String uri = OtpAuthUri.of(new TotpSettings(algorithm, digits, Duration.ofSeconds(period), 1, "Example"), "bob", SECRET);

        assertEquals("otpauth://totp/Example:bob?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=" + algorithm.name() + "&digits="
                + digits + "&period=" + period, uri);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void ofWhenAccountIsBlankThenIllegalArgument(String account) {
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of(TotpSettings.defaults("Example"), account, SECRET));
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
