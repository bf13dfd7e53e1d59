package io.github.email2fa.passkey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The relying party passkeys are checked for: fixed when the operator names its id (or its origins),
 * else taken from each request's host and origin, which suits a site on one host name.
 *
 * <p>A request's own host is safe as the default: a browser signs for the origin it shows, and an
 * authenticator signs the hash of the id its passkey was made for, so a request that names another
 * host (a proxy that rewrites {@code Host}, a look-alike site) gets refused signatures, never
 * accepted ones. Immutable and thread-safe.
 */
public final class RelyingParty {

    private final String rpName;
    private final String rpId;
    private final List<String> origins;
    private final boolean userVerificationRequired;
    private final Duration timeout;
    private final SecureRandom random;
    private final Clock clock;
    /** The one verifier, when the id is set; {@code null} when each request's host names the party. */
    private final PasskeyVerifier fixed;

    /**
     * @param rpName the application's name, as authenticators show it
     * @param rpId the relying party id, or {@code null} for each request's host
     * @param origins the allowed origins, or {@code null}: then {@code https://rpId} if the id is
     *        set, else each request's origin
     * @param userVerificationRequired whether the authenticator must verify the user on every use
     * @param timeout how long one dialogue and its challenge stay valid
     * @throws IllegalArgumentException if the id, an origin or the timeout is not accepted, naming each
     *         (see {@link PasskeySettings}); an origin given without an id is checked on each request
     */
    public RelyingParty(String rpName, String rpId, List<String> origins, boolean userVerificationRequired, Duration timeout,
            SecureRandom random, Clock clock) {
        this.rpName = rpName;
        this.rpId = rpId;
        this.origins = origins == null ? null : List.copyOf(origins);
        this.userVerificationRequired = userVerificationRequired;
        this.timeout = timeout;
        this.random = random;
        this.clock = clock;
        this.fixed = rpId == null ? null
                : new PasskeyVerifier(settings(rpId, origins == null ? Set.of("https://" + rpId) : new LinkedHashSet<>(origins)), random, clock);
        if (fixed == null && origins != null) {
            // The id follows each request, but the origins do not: at least check their form now.
            for (String origin : origins) {
                String host = origin.replaceFirst("^[a-z]+://", "").replaceFirst(":\\d+$", "");
                settings(host, Set.of(origin));
            }
        }
    }

    /** No relying party: passkeys are off, and no verifier, nor webauthn4j, is ever loaded. */
    public static final RelyingParty NONE = new RelyingParty();

    private RelyingParty() {
        this.rpName = null;
        this.rpId = null;
        this.origins = null;
        this.userVerificationRequired = false;
        this.timeout = Duration.ZERO;
        this.random = null;
        this.clock = null;
        this.fixed = null;
    }

    /**
     * The verifier for a request that came to {@code host} (as the browser sent it) from
     * {@code origin} (scheme, host and port, as the browser shows it).
     *
     * @return empty if the host cannot be a relying party id, such as an IP address, or the
     *         configured origins do not belong to it: then passkeys are not offered on that address
     */
    public Optional<PasskeyVerifier> verifierFor(String host, String origin) {
        if (this == NONE) {
            return Optional.empty();
        }
        if (fixed != null) {
            return Optional.of(fixed);
        }
        if (host == null || origin == null) {
            return Optional.empty();
        }
        String id = host.toLowerCase(Locale.ROOT);
        try {
            return Optional.of(new PasskeyVerifier(settings(id, origins == null ? Set.of(origin) : new LinkedHashSet<>(origins)), random,
                    clock));
        } catch (IllegalArgumentException notARelyingParty) {
            return Optional.empty();
        }
    }

    /** Whether the id is fixed by the settings, rather than taken from each request. */
    public boolean isFixed() {
        return fixed != null;
    }

    /** For the start-up log line: the id and origins, or that they follow each request. */
    @Override
    public String toString() {
        if (this == NONE) {
            return "no passkeys";
        }
        String who = fixed != null ? "rpId " + rpId + ", origins " + fixed.settings().sortedOrigins()
                : "rpId and origin of each request" + (origins == null ? "" : " within origins " + origins);
        return "passkeys for " + who + ", user verification " + (userVerificationRequired ? "required" : "preferred") + ", dialogue "
                + timeout.toSeconds() + " s";
    }

    private PasskeySettings settings(String id, Set<String> allowed) {
        return new PasskeySettings(id, rpName, allowed, userVerificationRequired, timeout, PasskeySettings.DEFAULT_ATTESTATION);
    }
}
