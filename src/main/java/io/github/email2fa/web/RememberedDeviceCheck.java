package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.device.DeviceCookie;
import io.github.email2fa.device.RememberedDevices;
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

    private RememberedDeviceCheck() {
    }

    /** Whether a valid device cookie admitted this session; a stale cookie is cleared. */
    static boolean admits(Email2fa module, HttpServletRequest request, HttpServletResponse response, String subject) {
        if (module.settings().accounts().rememberDeviceDays() == 0 || request.getDispatcherType() != DispatcherType.REQUEST
                || response.isCommitted()) {
            return false;
        }
        Optional<String> token = DeviceCookie.read(request);
        if (token.isEmpty()) {
            return false;
        }
        boolean secure = module.clientAddress().isHttps(request);
        Optional<RememberedDevices.Recognized> known = module.devices().recognize(subject, token.get());
        if (known.isEmpty()) {
            response.addCookie(DeviceCookie.clear(secure));
            return false;
        }
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        // Verified at the epoch's start: enough for normal pages, never fresh enough for a step-up.
        session.setAttribute(SessionState.VERIFIED, new VerifiedMark(subject, 0L, 0L));
        session.removeAttribute(SessionState.FLOW);
        response.addCookie(DeviceCookie.create(known.get().newToken(), known.get().cookieMaxAge(), secure));
        module.signIn().deviceRecognized(subject, module.emails().emailOf(subject, request), module.clientAddress().of(request),
                ChallengePages.sessionHash(request));
        return true;
    }
}
