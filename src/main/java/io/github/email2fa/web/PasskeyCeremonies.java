package io.github.email2fa.web;

import io.github.email2fa.limit.ClientAddress;
import io.github.email2fa.passkey.PasskeyChallenge;
import io.github.email2fa.passkey.PasskeyVerifier;
import io.github.email2fa.passkey.RelyingParty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The passkey ceremonies of a session: the relying party of the request's address, and the one
 * pending challenge of each kind, bound to the session and its user and taken out once (W3C
 * WebAuthn Level 3 section 13.4.3).
 *
 * <p>Taking is atomic within a node: of requests that race with one challenge, one gets it and the
 * rest get none, so a response is checked at most once. A new ceremony replaces the session's
 * pending one of its kind, so only the latest dialogue can finish.
 */
final class PasskeyCeremonies {

    /** A ceremony's kind; each has its own session attribute, so a sign-in answer cannot finish a registration. */
    enum Kind {
        SIGN_IN("io.github.email2fa.passkeySignIn"),
        REGISTRATION("io.github.email2fa.passkeyRegistration");

        private final String attribute;

        Kind(String attribute) {
            this.attribute = attribute;
        }
    }

    /** A challenge waiting in the session for its answer; small (about 400 bytes serialised). */
    private record Pending(String subject, PasskeyChallenge challenge, AtomicBoolean taken) implements Serializable {
    }

    private final RelyingParty party;
    private final ClientAddress clientAddress;

    PasskeyCeremonies(RelyingParty party, ClientAddress clientAddress) {
        this.party = party;
        this.clientAddress = clientAddress;
    }

    /**
     * The verifier for this request's address: the configured relying party, or the request's host
     * and origin. Empty where passkeys cannot work, such as on an IP address.
     */
    Optional<PasskeyVerifier> verifier(HttpServletRequest request) {
        return party.verifierFor(request.getServerName(), originOf(request));
    }

    /** Starts a ceremony for {@code subject}: a new challenge, kept in the session in place of any pending one of its kind. */
    PasskeyChallenge begin(HttpServletRequest request, Kind kind, String subject, PasskeyVerifier verifier) {
        PasskeyChallenge challenge = verifier.newChallenge();
        request.getSession().setAttribute(kind.attribute, new Pending(subject, challenge, new AtomicBoolean()));
        return challenge;
    }

    /**
     * Takes the session's pending challenge of {@code kind} out, if it is {@code subject}'s and no
     * other request took it; {@code null} otherwise, which the verifier refuses as no challenge.
     */
    PasskeyChallenge take(HttpServletRequest request, Kind kind, String subject) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(kind.attribute) instanceof Pending pending)) {
            return null;
        }
        if (!pending.taken().compareAndSet(false, true)) {
            return null;
        }
        session.removeAttribute(kind.attribute);
        return pending.subject().equals(subject) ? pending.challenge() : null;
    }

    /**
     * The origin the browser shows for this request (HTML's serialised origin): scheme, host and a
     * port other than the scheme's default. Behind a trusted proxy that reports HTTPS, the port the
     * container sees is the proxy's back end, so none is given; set {@code email2fa.passkey.origins}
     * where the public port is another.
     */
    String originOf(HttpServletRequest request) {
        boolean https = clientAddress.isHttps(request);
        String scheme = https ? "https" : request.getScheme();
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean proxied = https && !request.isSecure();
        boolean defaultPort = proxied || port <= 0 || https && port == 443 || !https && "http".equals(scheme) && port == 80;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
