package io.github.email2fa.passkey;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who the passkeys belong to and how they are asked for (WebAuthn Level 3), validated once.
 *
 * <p>A passkey is bound to its relying party id: a browser uses it only on pages whose host is
 * that id or one of its subdomains (WebAuthn section 4, "RP ID"), which makes a passkey useless to a
 * look-alike phishing site. The server checks the same: the origin in what the browser signs, and
 * the hash of the id in what the authenticator signs. Choose the id once: credentials made under one
 * id never work under another, so changing it later means every user registers again.
 *
 * @param rpId the relying party id: a lower-case ASCII host name without
 *        scheme, port or path, such as {@code shop.example} or {@code localhost}; every origin's host
 *        is this name or ends with {@code "." + rpId}; not an IP address, which browsers refuse
 * @param rpName the application's name as authenticators show it next to the account; not blank
 * @param origins the exact origins the pages run on, in the form a browser writes into
 *        {@code clientDataJSON} (HTML's serialised origin): {@code https://host} or
 *        {@code https://host:port} with a port other than 443; {@code http://} only for
 *        {@code localhost} and its subdomains, the one insecure context browsers allow WebAuthn in;
 *        no path, not even a trailing slash; at least one
 * @param userVerificationRequired whether the authenticator must verify the user (PIN, fingerprint,
 *        face) on every use; when {@code false} (the default) it is asked for as {@code preferred}
 *        and not checked, because the password already proved knowledge and some security keys have
 *        no PIN set
 * @param challengeLifetime how long a challenge, and so one run of the browser dialogue, stays valid;
 *        it is also the {@code timeout} given to the browser; from 30 seconds to 10 minutes
 *        (WebAuthn's recommended range for ceremony timeouts is 5 to 10 minutes)
 * @param attestation what the browser is asked to pass on about the authenticator's make
 */
public record PasskeySettings(
        String rpId,
        String rpName,
        Set<String> origins,
        boolean userVerificationRequired,
        Duration challengeLifetime,
        Attestation attestation) {

    /** Preferred, not required: asked for, not checked. */
    public static final boolean DEFAULT_USER_VERIFICATION_REQUIRED = false;
    /** Five minutes, enough to find a security key and type its PIN. */
    public static final Duration DEFAULT_CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    public static final Duration MIN_CHALLENGE_LIFETIME = Duration.ofSeconds(30);
    public static final Duration MAX_CHALLENGE_LIFETIME = Duration.ofMinutes(10);
    /** {@code none}: no extra prompt, and nothing that identifies the user's authenticator. */
    public static final Attestation DEFAULT_ATTESTATION = Attestation.NONE;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final String RP_ID_FORM = "a lower-case ASCII host name (punycode for other scripts) without scheme, port or "
            + "path, such as shop.example or localhost; not an IP address";
    private static final String ORIGIN_FORM = "https://host or https://host:port as a browser writes it, no default port and "
            + "no path or trailing slash; http:// only for localhost";

    /**
     * Checks every value at once, and keeps an unmodifiable copy of the origins.
     *
     * @throws IllegalArgumentException naming every bad value and its accepted form
     */
    public PasskeySettings {
        List<String> problems = new ArrayList<>();
        boolean rpIdOk = isHostName(rpId);
        if (!rpIdOk) {
            problems.add("rpId=" + quoted(rpId) + " (accepted: " + RP_ID_FORM + ")");
        }
        if (rpName == null || rpName.isBlank()) {
            problems.add("rpName=" + quoted(rpName) + " (accepted: a name that is not blank)");
        }
        if (origins == null || origins.isEmpty()) {
            problems.add("origins=" + origins + " (accepted: at least one origin, " + ORIGIN_FORM + ")");
        } else {
            for (String origin : origins) {
                String problem = originProblem(origin, rpIdOk ? rpId : null);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        if (challengeLifetime == null || challengeLifetime.compareTo(MIN_CHALLENGE_LIFETIME) < 0
                || challengeLifetime.compareTo(MAX_CHALLENGE_LIFETIME) > 0) {
            problems.add("challengeLifetime=" + challengeLifetime + " (accepted: " + MIN_CHALLENGE_LIFETIME.toSeconds() + " seconds to "
                    + MAX_CHALLENGE_LIFETIME.toMinutes() + " minutes)");
        }
        if (attestation == null) {
            problems.add("attestation is missing (accepted: " + Attestation.ACCEPTED + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("passkey settings not accepted: " + String.join("; ", problems));
        }
        origins = Set.copyOf(origins);
    }

    /**
     * The recommended settings for one site: user verification preferred, challenges that live
     * five minutes, attestation {@code none}.
     *
     * @throws IllegalArgumentException naming every bad value and its accepted form
     */
    public static PasskeySettings defaults(String rpId, String rpName, Set<String> origins) {
        return new PasskeySettings(rpId, rpName, origins, DEFAULT_USER_VERIFICATION_REQUIRED, DEFAULT_CHALLENGE_LIFETIME,
                DEFAULT_ATTESTATION);
    }

    /** The origins in alphabetical order, for a log line. */
    public List<String> sortedOrigins() {
        return List.copyOf(new TreeSet<>(origins));
    }

    /** Whether a value is a host name as an RP id must be (RFC 1123 labels, lower case, not all digits). */
    private static boolean isHostName(String value) {
        if (value == null || value.isEmpty() || value.length() > 253) {
            return false;
        }
        String[] labels = value.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // An all-digit last label is an IPv4 address (or half of one); no top-level domain is numeric.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** What is wrong with one origin, or {@code null}. */
    private static String originProblem(String origin, String rpId) {
        if (origin == null) {
            return "origins contains null (accepted: " + ORIGIN_FORM + ")";
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException notUri) {
            return "origins contains " + quoted(origin) + " (accepted: " + ORIGIN_FORM + ")";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || !("https".equals(scheme) || "http".equals(scheme))) {
            return "origins contains " + quoted(origin) + " (accepted: " + ORIGIN_FORM + ")";
        }
        int defaultPort = "https".equals(scheme) ? 443 : 80;
        String canonical = scheme + "://" + host + (uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort());
        if (!canonical.equals(origin)) {
            return "origins contains " + quoted(origin) + " (accepted: " + ORIGIN_FORM + "; did you mean " + quoted(canonical) + "?)";
        }
        if ("http".equals(scheme) && !("localhost".equals(host) || host.endsWith(".localhost"))) {
            return "origins contains " + quoted(origin) + " (accepted: https://, since browsers offer passkeys over http only "
                    + "on localhost)";
        }
        if (rpId != null && !(host.equals(rpId) || host.endsWith("." + rpId))) {
            return "origins contains " + quoted(origin) + " (accepted: an origin whose host is rpId " + rpId + " or a subdomain "
                    + "of it, as browsers require)";
        }
        return null;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    /**
     * What the browser is asked to pass on about the authenticator's make ({@code attestation}, WebAuthn
     * section 5.4.7). {@link PasskeyVerifier} accepts every format without checking it
     * against trust anchors, so anything but {@link #NONE} only adds a consent prompt.
     */
    public enum Attestation {
        /** Nothing: the browser may strip what the authenticator says about itself. */
        NONE("none"),
        /** Whatever the browser chooses to pass on, possibly anonymised. */
        INDIRECT("indirect"),
        /** The authenticator's own statement; browsers ask the user first. */
        DIRECT("direct"),
        /** A statement that identifies the single device, for managed devices only. */
        ENTERPRISE("enterprise");

        private static final String ACCEPTED = "none, indirect, direct, enterprise";

        private final String value;

        Attestation(String value) {
            this.value = value;
        }

        /** The value of {@code attestation} in the creation options, such as {@code none}. */
        public String value() {
            return value;
        }

        /**
         * The conveyance a setting names, ignoring case.
         *
         * @param value such as {@code none} or {@code direct}
         * @throws IllegalArgumentException naming the value and the accepted ones
         */
        public static Attestation of(String value) {
            for (Attestation attestation : values()) {
                if (attestation.value.equalsIgnoreCase(value)) {
                    return attestation;
                }
            }
            throw new IllegalArgumentException("attestation=" + quoted(value) + " (accepted: " + ACCEPTED + ")");
        }
    }
}
