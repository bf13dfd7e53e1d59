package io.github.email2fa.limit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the client's IP address, and whether it came over HTTPS. It is {@code getRemoteAddr()}, unless that peer is one of the
 * trusted proxies: only then is {@code X-Forwarded-For} read, from the right, skipping further
 * trusted proxies. A client that sends its own {@code X-Forwarded-For} straight to the server is
 * ignored, so it cannot pick a fresh address for every request.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]+(:\\d{1,3}(\\.\\d{1,3}){3})?");

    private final List<Cidr> trustedProxies;

    /**
     * @param trustedProxies CIDR blocks such as {@code 10.0.0.0/8} or {@code ::1/128}
     * @throws IllegalArgumentException naming the first malformed block
     */
    public ClientAddress(List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String block : trustedProxies) {
            parsed.add(Cidr.parse(block));
        }
        this.trustedProxies = List.copyOf(parsed);
    }

    /** Whether {@code block} is a well-formed CIDR block (or a single address). */
    public static boolean isValidCidr(String block) {
        try {
            Cidr.parse(block);
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The client's address for this request. */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.isEmpty()) {
            return peer;
        }
        var headers = request.getHeaders("X-Forwarded-For");
        return resolve(peer, headers == null ? null : String.join(",", java.util.Collections.list(headers)));
    }

    /**
     * Whether the client reached us over HTTPS: the connection itself is secure, or a trusted
     * proxy says so in {@code X-Forwarded-Proto} (its last value, the one the nearest proxy set).
     */
    public boolean isHttps(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto == null || !isTrusted(request.getRemoteAddr())) {
            return false;
        }
        String[] values = proto.split(",");
        return "https".equalsIgnoreCase(values[values.length - 1].strip());
    }

    /** The client's address, given the direct peer and the combined {@code X-Forwarded-For} value. */
    public String resolve(String remoteAddr, String forwardedFor) {
        if (!isTrusted(remoteAddr) || forwardedFor == null || forwardedFor.isBlank()) {
            return remoteAddr;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            byte[] address = Cidr.parseLiteral(hop);
            if (address == null) {
                // A malformed hop means the chain cannot be trusted past this point.
                return remoteAddr;
            }
            if (!isTrusted(address)) {
                return hop;
            }
        }
        return remoteAddr;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = trustedProxies.isEmpty() ? null : Cidr.parseLiteral(address);
        return bytes != null && isTrusted(bytes);
    }

    private boolean isTrusted(byte[] address) {
        for (Cidr block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** One CIDR block. */
    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String block) {
            String text = block.strip();
            int slash = text.indexOf('/');
            byte[] bytes = parseLiteral(slash < 0 ? text : text.substring(0, slash));
            if (bytes == null) {
                throw new IllegalArgumentException("not an IP address: " + block);
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length: " + block);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + block);
            }
            return new Cidr(bytes, prefix);
        }

        /**
         * The bytes of a dotted IPv4 or a colon-hex IPv6 literal, or {@code null} for anything
         * else. IPv4 is parsed here, because {@code InetAddress} hands a dotted string with an
         * octet over 255 to DNS; strings with a colon are always parsed as IPv6 literals by
         * {@code InetAddress} and never looked up.
         */
        static byte[] parseLiteral(String text) {
            if (text == null || text.isEmpty() || text.length() > 45) {
                return null;
            }
            if (IPV4.matcher(text).matches()) {
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return bytes;
            }
            if (!text.contains(":") || !IPV6.matcher(text).matches()) {
                return null;
            }
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException | RuntimeException malformed) {
                return null;
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
