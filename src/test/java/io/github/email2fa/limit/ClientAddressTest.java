package io.github.email2fa.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link ClientAddress}: which address counts, with and without trusted proxies. */
class ClientAddressTest {

    private static final ClientAddress DIRECT = new ClientAddress(List.of());
    private static final ClientAddress BEHIND_PRIVATE_PROXY = new ClientAddress(List.of("10.0.0.0/8"));
    private static final ClientAddress BEHIND_IPV6_PROXY = new ClientAddress(List.of("::1/128", "fd00::/8"));
    private static final ClientAddress BEHIND_ONE_HOST = new ClientAddress(List.of("192.168.1.10", "2001:db8::5"));

    /** An empty CSV column is a missing header ({@code null}). */
    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9 |                         | 203.0.113.9",
            "203.0.113.9 | 1.2.3.4                 | 203.0.113.9",
            "10.1.2.3    | 198.51.100.7            | 10.1.2.3",
            "::1         | 2001:db8::1             | ::1"})
    void resolveWhenNoTrustedProxiesThenPeer(String peer, String forwardedFor, String expected) {
        assertEquals(expected, DIRECT.resolve(peer, forwardedFor));
    }

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "10.1.2.3    | 198.51.100.7                      | 198.51.100.7",
            "10.1.2.3    | 198.51.100.7, 10.0.0.5            | 198.51.100.7",
            "10.1.2.3    | 6.6.6.6, 198.51.100.7             | 198.51.100.7",
            "10.1.2.3    | 6.6.6.6,198.51.100.7,10.9.9.9     | 198.51.100.7",
            "10.1.2.3    | '  198.51.100.7  '                | 198.51.100.7",
            "10.1.2.3    | 10.0.0.5, 10.0.0.6                | 10.1.2.3",
            "10.1.2.3    |                                   | 10.1.2.3",
            "10.1.2.3    | '   '                             | 10.1.2.3",
            "203.0.113.9 | 1.2.3.4                           | 203.0.113.9",
            "11.0.0.1    | 1.2.3.4                           | 11.0.0.1"})
    void resolveWhenBehindTrustedIpv4ProxyThenRightmostUntrustedHop(String peer, String forwardedFor, String expected) {
        assertEquals(expected, BEHIND_PRIVATE_PROXY.resolve(peer, forwardedFor));
    }

    @ParameterizedTest(name = "X-Forwarded-For ''{0}''")
    @ValueSource(strings = {"evil.example", "1.2.3.4<script>", "198.51.100.7, evil.example", "unknown", "_",
            "1.2.3.4:8080", "fe80::1%eth0", "1.2.3"})
    void resolveWhenForwardedForIsGarbageThenPeer(String forwardedFor) {
        assertEquals("10.1.2.3", BEHIND_PRIVATE_PROXY.resolve("10.1.2.3", forwardedFor));
    }

    /** Hops that pass the literal-address pattern but are not addresses: they must not break the request. */
    @ParameterizedTest(name = "X-Forwarded-For ''{0}''")
    @ValueSource(strings = {":::", "1:2:3:4:5:6:7:8:9", "999.1.1.1", "1.2.3.256"})
    void resolveWhenForwardedForIsMalformedLiteralThenPeer(String forwardedFor) {
        assertEquals("10.1.2.3", BEHIND_PRIVATE_PROXY.resolve("10.1.2.3", forwardedFor));
    }

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "::1                | 2001:db8::1              | 2001:db8::1",
            "fd12:3456::1       | 198.51.100.7             | 198.51.100.7",
            "fd12:3456::1       | 2001:db8::1, fd00::9     | 2001:db8::1",
            "fe80::1            | 2001:db8::1              | fe80::1",
            "0:0:0:0:0:0:0:1    | 2001:db8::1              | 2001:db8::1",
            "10.1.2.3           | 198.51.100.7             | 10.1.2.3"})
    void resolveWhenBehindTrustedIpv6ProxyThenRightmostUntrustedHop(String peer, String forwardedFor, String expected) {
        assertEquals(expected, BEHIND_IPV6_PROXY.resolve(peer, forwardedFor));
    }

    @ParameterizedTest(name = "peer {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "192.168.1.10  | 198.51.100.7",
            "192.168.1.11  | 192.168.1.11",
            "2001:db8::5   | 198.51.100.7",
            "2001:db8::6   | 2001:db8::6"})
    void resolveWhenProxyGivenAsSingleAddressThenOnlyThatAddressTrusted(String peer, String expected) {
        assertEquals(expected, BEHIND_ONE_HOST.resolve(peer, "198.51.100.7"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10.0.0.0/8", "192.168.1.10", "0.0.0.0/0", "10.0.0.0/32", "::1/128", "fd00::/8", "::/0",
            "2001:db8::5", " 10.0.0.0/8 "})
    void isValidCidrWhenWellFormedThenTrue(String block) {
        assertTrue(ClientAddress.isValidCidr(block));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "::1/129", "abc", "10.0.0.0/x", "10.0.0.0/", "", " ",
            "localhost", "example.com", "proxy.internal/8", "10.0.0.0/8/8", "1.2.3", ":::", "999.0.0.0/8"})
    void isValidCidrWhenMalformedThenFalse(String block) {
        assertFalse(ClientAddress.isValidCidr(block));
    }

    @Test
    void constructorWhenBlockMalformedThenMessageNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClientAddress(List.of("10.0.0.0/8", "bogus")));

        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    }
}
