package io.github.email2fa.web;

import io.github.email2fa.limit.ClientAddress;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.signin.Attempt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Who is acting in this request, and from where: what the services' audit events and notices need. */
final class Actors {

    private final ClientAddress clientAddress;

    Actors(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** A sign-in step of this flow. */
    Attempt attempt(HttpServletRequest request, SignInFlow flow, String email) {
        return new Attempt(flow.id(), flow.subject(), email, request.getLocale(), clientAddress.of(request), sessionHash(request));
    }

    /** An account change by the signed-in user. */
    Actor actor(HttpServletRequest request, String subject, String email) {
        return new Actor(subject, email, request.getLocale(), clientAddress.of(request), sessionHash(request));
    }

    /** The client's address, behind trusted proxies resolved. */
    String clientIp(HttpServletRequest request) {
        return clientAddress.of(request);
    }

    /** A short, one-way hash of the session ID: it ties audit events together without revealing the ID. */
    static String sessionHash(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(session.getId().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
