package io.github.email2fa.web;

import io.github.email2fa.device.DeviceCookie;
import io.github.email2fa.device.RememberedDevices;
import io.github.email2fa.signin.SignInService;
import io.github.email2fa.subject.EmailResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * Lets a remembered device skip the challenge. Runs only for a session that owes the second
 * factor, once per session: the device's cookie token is checked and rotated in one atomic store
 * operation, and the session then counts as verified, though never freshly enough for a step-up.
 */
final class RememberedDeviceCheck {

    private final boolean enabled;
    private final RememberedDevices devices;
    private final SignInService signIn;
    private final EmailResolver emails;
    private final HttpsRule https;
    private final Actors actors;
    private final VerifiedSessions sessions;

    /** @param enabled whether devices may be remembered at all ({@code email2fa.rememberDevice.days} above 0) */
    RememberedDeviceCheck(boolean enabled, RememberedDevices devices, SignInService signIn, EmailResolver emails, HttpsRule https,
            Actors actors, VerifiedSessions sessions) {
        this.enabled = enabled;
        this.devices = devices;
        this.signIn = signIn;
        this.emails = emails;
        this.https = https;
        this.actors = actors;
        this.sessions = sessions;
    }

    /** Whether a valid device cookie admitted this session; a stale cookie is cleared. */
    boolean admits(HttpServletRequest request, HttpServletResponse response, String subject) {
        // Over plain HTTP where HTTPS is required, the token is neither honoured nor rotated: its
        // successor would travel back in clear text.
        if (!enabled || request.getDispatcherType() != DispatcherType.REQUEST || response.isCommitted()
                || https.isViolated(request)) {
            return false;
        }
        Optional<String> token = DeviceCookie.read(request);
        if (token.isEmpty()) {
            return false;
        }
        boolean secure = https.isHttps(request);
        Optional<RememberedDevices.Recognized> known = devices.recognize(subject, token.get());
        if (known.isEmpty()) {
            response.addCookie(DeviceCookie.clear(secure));
            // The user may think this browser is still remembered: the challenge page says it is not.
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.setAttribute(SessionState.DEVICE_NOT_REMEMBERED, Boolean.TRUE);
            }
            return false;
        }
        request.getSession(true).removeAttribute(SessionState.DEVICE_NOT_REMEMBERED);
        request.changeSessionId();
        sessions.markRemembered(request.getSession(), subject);
        response.addCookie(DeviceCookie.create(known.get().newToken(), known.get().cookieMaxAge(), secure));
        signIn.deviceRecognized(actors.actor(request, subject, emails.emailOf(subject, request)));
        return true;
    }

    /**
     * Whether this session came with a device cookie that is no longer good (the device was
     * forgotten, revoked by a password change or lockout, or its time ran out), so the challenge
     * page can say the browser is no longer remembered.
     */
    static boolean wasForgotten(HttpSession session) {
        return session != null && Boolean.TRUE.equals(session.getAttribute(SessionState.DEVICE_NOT_REMEMBERED));
    }
}
