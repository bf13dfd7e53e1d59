package io.github.email2fa.web;

import io.github.email2fa.device.DeviceCookie;
import io.github.email2fa.device.RememberedDevices;
import io.github.email2fa.signin.AccountService;
import io.github.email2fa.signin.Attempt;
import io.github.email2fa.signin.SignInService;
import io.github.email2fa.text.Messages;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes a successful verification: new session ID, a fresh verified mark, the device
 * remembered if asked for, then back to the saved target (after a backup code, through a page
 * that says how many codes are left).
 */
final class SignInCompletion {

    private static final Logger LOG = Logger.getLogger(SignInCompletion.class.getName());

    private final SignInService signIn;
    private final AccountService accounts;
    private final Actors actors;
    private final HttpsRule https;
    private final VerifiedSessions sessions;
    private final int rememberDays;

    /** @param rememberDays {@code email2fa.rememberDevice.days}; 0 remembers no device */
    SignInCompletion(SignInService signIn, AccountService accounts, Actors actors, HttpsRule https, VerifiedSessions sessions,
            int rememberDays) {
        this.signIn = signIn;
        this.accounts = accounts;
        this.actors = actors;
        this.https = https;
        this.sessions = sessions;
        this.rememberDays = rememberDays;
    }

    /**
     * Completes the flow.
     *
     * @param way how the user got past the challenge
     * @param backupCodesLeft after a backup code, how many are left; else -1
     */
    void complete(HttpServletRequest request, HttpServletResponse response, SignInFlow flow, String email, WayIn way,
            int backupCodesLeft) throws ServletException, IOException {
        // Events of this step name the session as the code's events did, before its ID changes.
        Attempt attempt = actors.attempt(request, flow, email);
        HttpSession session = request.getSession();
        session.removeAttribute(SessionState.FLOW);
        session.removeAttribute(SessionState.DEVICE_NOT_REMEMBERED);
        request.changeSessionId();
        Csrf.rotate(session);
        sessions.markVerified(session, flow.subject(), way);
        session.setAttribute(SessionState.COMPLETED_TARGET, flow.target());
        if (flow.purpose() != SignInFlow.Purpose.SIGN_IN) {
            signIn.stepUpPassed(attempt,
                    flow.purpose() == SignInFlow.Purpose.STEP_UP ? SignInService.CRITICAL_PATH : SignInService.SETTINGS);
        }
        if (rememberDays > 0 && flow.purpose() == SignInFlow.Purpose.SIGN_IN && "1".equals(request.getParameter("remember"))) {
            rememberDevice(request, response, attempt);
        }
        if (backupCodesLeft < 0) {
            Responses.seeOther(response, flow.target());
            return;
        }
        Messages messages = Messages.forLocale(request.getLocale());
        MessageView view = new MessageView(messages, false, "backupUsed.title", messages.get("backupUsed.text", backupCodesLeft),
                "backupUsed.continue", flow.target());
        try {
            PageRenderer.render(request, response, Routes.MESSAGE_JSP, view, HttpServletResponse.SC_OK);
        } catch (ServletException | RuntimeException e) {
            // The backup code is spent and the session verified: never end that in an error page.
            LOG.log(Level.WARNING, "email2fa could not show the backup-code page; the user goes on to the saved page", e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                Responses.seeOther(response, flow.target());
            }
        }
    }

    /**
     * Remembers this browser, as a convenience on top of a sign-in that has already succeeded: if
     * the account store fails here, the user goes on signed in, only not remembered.
     */
    private void rememberDevice(HttpServletRequest request, HttpServletResponse response, Attempt attempt) {
        try {
            RememberedDevices.Remembered remembered = accounts.rememberDevice(attempt.actor(), request.getHeader("User-Agent"),
                    rememberDays);
            response.addCookie(DeviceCookie.create(remembered.token(), remembered.cookieMaxAge(), https.isHttps(request)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "email2fa could not remember the device after a successful sign-in; the user goes on", e);
        }
    }
}
