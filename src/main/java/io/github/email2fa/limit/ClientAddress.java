package io.github.email2fa.limit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the client's IP address. It is {@code getRemoteAddr()}, unless that peer is one of the
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
        return resolve(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For") == null ? null
                : String.join(",", java.util.Collections.list(request.getHeaders("X-Forwarded-For"))));
    }

    /** The client's address, given the direct peer and the combined {@code X-Forwarded-For} value. */
    public String resolve(String remoteAddr, String forwardedFor) {
        if (!isTrusted(remoteAddr) || forwardedFor == null || forwardedFor.isBlank()) {
            return remoteAddr;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isLiteralAddress(hop)) {
                return remoteAddr;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return remoteAddr;
    }

    private boolean isTrusted(String address) {
        if (trustedProxies.isEmpty() || !isLiteralAddress(address)) {
            return false;
        }
        byte[] bytes = Cidr.bytesOf(address);
        for (Cidr block : trustedProxies) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** A dotted IPv4 or a colon-hex IPv6 literal; anything else (a host name) would mean a DNS lookup. */
    private static boolean isLiteralAddress(String text) {
        return text != null && text.length() <= 45
                && (IPV4.matcher(text).matches() || text.contains(":") && IPV6.matcher(text).matches());
    }

    /** One CIDR block. */
    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String block) {
            String text = block.strip();
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            if (!isLiteralAddress(address)) {
                throw new IllegalArgumentException("not an IP address: " + block);
            }
            byte[] bytes = bytesOf(address);
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

        /** The bytes of a literal address; never does a DNS lookup, because only literals reach here. */
        static byte[] bytesOf(String literal) {
            try {
                return InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + literal, e);
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
