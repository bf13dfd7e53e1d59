package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.config.AccountSettings;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.device.DeviceCookie;
import io.github.email2fa.device.RememberedDevices;
import io.github.email2fa.mail.NoticeTemplate;
import io.github.email2fa.signin.Attempt;
import io.github.email2fa.signin.SendResult;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts flows, sends codes and renders the challenge page.
 *
 * <p>The page is a JSP (by default the one in the JAR). It gets one request attribute,
 * {@code email2fa}: a map of values that are already HTML-escaped, so the JSP needs no tag library.
 */
final class ChallengePages {

    static final String CHALLENGE_PATH = "/email2fa/challenge";
    private static final Logger LOG = Logger.getLogger(ChallengePages.class.getName());
    static final String VIEW_ATTRIBUTE = "email2fa";

    /** Marks the module's own forward to its JSP, so the filter lets exactly that dispatch through. */
    private static final String OWN_DISPATCH = ChallengePages.class.getName() + ".dispatch";
    private static final Object OWN_DISPATCH_TOKEN = new Object();

    /** What the page says above the form, besides the delivery status. */
    enum Notice { NONE, INVALID_CODE, EXHAUSTED, COOLDOWN, RATE_LIMITED, LOCKED, LOCKED_UNTIL_SUPPORT, BACKUP_ONLY }

    private ChallengePages() {
    }

    static boolean isOwnDispatch(HttpServletRequest request) {
        return request.getAttribute(OWN_DISPATCH) == OWN_DISPATCH_TOKEN;
    }

    /**
     * Starts a flow for this session and user, remembering where to go afterwards, unless one with
     * the same purpose is running (then its target stands).
     */
    static SignInFlow beginFlow(Email2fa module, HttpServletRequest request, String subject, SignInFlow.Purpose purpose,
            String target) {
        HttpSession session = request.getSession(true);
        SignInFlow flow = SessionState.flow(session, subject);
        if (flow == null || flow.purpose() != purpose) {
            flow = new SignInFlow(flow == null ? module.challenges().newId() : flow.id(), subject, target,
                    flow != null && flow.codeRequested(), purpose);
            SessionState.saveFlow(session, flow);
        }
        return flow;
    }

    /** Issues a code and queues its email, behind the lock, cooldown and quotas. */
    static SendResult send(Email2fa module, HttpServletRequest request, SignInFlow flow, String email) {
        return module.signIn().send(attempt(module, request, flow, email));
    }

    /** Who is acting, from where, in this request. */
    static Attempt attempt(Email2fa module, HttpServletRequest request, SignInFlow flow, String email) {
        return new Attempt(flow.id(), flow.subject(), email, request.getLocale(), module.clientAddress().of(request),
                sessionHash(request));
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

    /** The notice for a send that did not happen, and the wait to show with it. */
    static Notice noticeFor(SendResult result) {
        return switch (result.status()) {
            case QUEUED -> Notice.NONE;
            case COOLDOWN -> Notice.COOLDOWN;
            case RATE_LIMITED -> Notice.RATE_LIMITED;
            case LOCKED -> noticeFor(result.lock());
        };
    }

    /** The notice for a locked account: with a time, or "ask support". */
    static Notice noticeFor(AccountLock lock) {
        return lock.untilSupport() ? Notice.LOCKED_UNTIL_SUPPORT : Notice.LOCKED;
    }

    /** Whole seconds, rounded up and at least one: what a user or a {@code Retry-After} header is told to wait. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** Renders the challenge page for this flow. */
    static void render(Email2fa module, HttpServletRequest request, HttpServletResponse response, SignInFlow flow,
            String email, Notice notice, Duration wait, int status) throws ServletException, IOException {
        Messages messages = Messages.forLocale(request.getLocale());
        Challenge challenge = module.challenges().find(flow.id()).orElse(null);
        HttpSession session = request.getSession();
        String context = request.getContextPath();

        Map<String, String> view = new HashMap<>();
        view.put("lang", Html.escape(messages.language()));
        view.put("title", Html.escape(messages.get("challenge.title")));
        view.put("status", Html.escape(status(messages, challenge, email, request.getLocale())));
        String error = error(messages, notice, wait, request.getLocale());
        view.put("error", Html.escape(error));
        view.put("errorHidden", error.isEmpty() ? "hidden" : "");
        boolean pending = challenge != null && challenge.delivery() == Challenge.Delivery.PENDING;
        view.put("refreshTag", pending ? "<meta http-equiv=\"refresh\" content=\"2\">" : "");
        view.put("codeLabel", Html.escape(messages.get("challenge.codeLabel")));
        view.put("codeLength", String.valueOf(module.challenges().codeLength()));
        view.put("submit", Html.escape(messages.get("challenge.submit")));
        view.put("resend", Html.escape(messages.get("challenge.resend")));
        view.put("cancel", Html.escape(messages.get("challenge.cancel")));
        view.put("csrf", Html.escape(Csrf.token(session)));
        view.put("verifyAction", Html.escape(context + "/email2fa/verify"));
        view.put("resendAction", Html.escape(context + "/email2fa/resend"));
        view.put("cancelAction", Html.escape(context + "/email2fa/cancel"));
        boolean backupOnly = backupOnly(module, flow);
        int rememberDays = module.settings().accounts().rememberDeviceDays();
        view.put("codeFormHidden", backupOnly ? "hidden" : "");
        view.put("rememberHidden", rememberDays == 0 || flow.purpose() != SignInFlow.Purpose.SIGN_IN ? "hidden" : "");
        view.put("rememberLabel", Html.escape(messages.get("challenge.remember", rememberDays)));
        view.put("useBackup", Html.escape(messages.get("challenge.useBackup")));
        view.put("backupOpen", backupOnly ? "open" : "");
        view.put("backupLabel", Html.escape(messages.get("challenge.backupLabel")));
        view.put("backupSubmit", Html.escape(messages.get("challenge.backupSubmit")));
        view.put("backupAction", Html.escape(context + "/email2fa/backup"));

        forward(request, response, module.settings().challengePage(), view, status);
    }

    /** Renders one of the module's JSPs with its view: no-store, and let through the filter as the module's own dispatch. */
    static void forward(HttpServletRequest request, HttpServletResponse response, String page, Map<String, String> view, int status)
            throws ServletException, IOException {
        Responses.noStore(response);
        response.setStatus(status);
        request.setAttribute(VIEW_ATTRIBUTE, Map.copyOf(view));
        request.setAttribute(OWN_DISPATCH, OWN_DISPATCH_TOKEN);
        try {
            request.getRequestDispatcher(page).forward(request, response);
        } finally {
            request.removeAttribute(OWN_DISPATCH);
        }
    }

    /** Whether this flow is a step-up that accepts backup codes only ({@code email2fa.stepUp.factor=backup-code}). */
    static boolean backupOnly(Email2fa module, SignInFlow flow) {
        return flow.purpose() == SignInFlow.Purpose.STEP_UP
                && module.settings().accounts().stepUpFactor() == AccountSettings.StepUpFactor.BACKUP_CODE;
    }

    /**
     * Finishes a successful verification: new session ID, a fresh verified mark, the device
     * remembered if asked for, then back to the saved target (after a backup code, through a page
     * that says how many codes are left).
     */
    static void complete(Email2fa module, HttpServletRequest request, HttpServletResponse response, SignInFlow flow,
            String email, int backupCodesLeft) throws ServletException, IOException {
        HttpSession session = request.getSession();
        session.removeAttribute(SessionState.FLOW);
        request.changeSessionId();
        Csrf.rotate(session);
        SessionState.markVerified(session, flow.subject(), backupCodesLeft >= 0);
        int days = module.settings().accounts().rememberDeviceDays();
        if (days > 0 && flow.purpose() == SignInFlow.Purpose.SIGN_IN && "1".equals(request.getParameter("remember"))) {
            rememberDevice(module, request, response, flow, email, days);
        }
        if (backupCodesLeft < 0) {
            Responses.seeOther(response, flow.target());
            return;
        }
        Messages messages = Messages.forLocale(request.getLocale());
        Map<String, String> view = new HashMap<>();
        view.put("lang", Html.escape(messages.language()));
        view.put("title", Html.escape(messages.get("backupUsed.title")));
        view.put("text", Html.escape(messages.get("backupUsed.text", backupCodesLeft)));
        view.put("continueLabel", Html.escape(messages.get("backupUsed.continue")));
        view.put("continueHref", Html.escape(flow.target()));
        try {
            forward(request, response, "/WEB-INF/email2fa/message.jsp", view, HttpServletResponse.SC_OK);
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
    private static void rememberDevice(Email2fa module, HttpServletRequest request, HttpServletResponse response,
            SignInFlow flow, String email, int days) {
        try {
            RememberedDevices.Remembered remembered = module.devices().remember(flow.subject(), request.getHeader("User-Agent"),
                    epochOf(module, flow.subject()));
            response.addCookie(DeviceCookie.create(remembered.token(), remembered.cookieMaxAge(), module.clientAddress().isHttps(request)));
            module.mail().dispatch(new NoticeTemplate().deviceRemembered(email, request.getLocale(), module.settings().appName(),
                    Instant.now(), remembered.device().userAgentSummary(), days), sent -> { });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "email2fa could not remember the device after a successful sign-in; the user goes on", e);
        }
    }

    static long epochOf(Email2fa module, String subject) {
        var account = module.accounts().find(subject);
        return account == null ? 0 : account.epoch();
    }

    private static String status(Messages messages, Challenge challenge, String email, Locale locale) {
        String masked = EmailMask.mask(email);
        if (challenge == null) {
            return messages.get("challenge.none", masked);
        }
        if (challenge.state() == Challenge.State.EXHAUSTED) {
            return messages.get("challenge.exhausted");
        }
        return switch (challenge.delivery()) {
            case PENDING -> messages.get("challenge.sending", masked);
            case FAILED -> messages.get("challenge.sendFailed");
            case SENT -> messages.get("challenge.sent", masked, DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                    .withLocale(locale).withZone(ZoneId.systemDefault()).format(challenge.sentAt()));
        };
    }

    private static String error(Messages messages, Notice notice, Duration wait, Locale locale) {
        return switch (notice) {
            case NONE -> "";
            case INVALID_CODE -> messages.get("challenge.invalid");
            case EXHAUSTED -> messages.get("challenge.exhausted");
            case COOLDOWN -> messages.get("challenge.wait", seconds(wait));
            case RATE_LIMITED -> messages.get("challenge.rateLimited", clockTime(wait, locale));
            case LOCKED -> messages.get("challenge.locked", clockTime(wait, locale));
            case LOCKED_UNTIL_SUPPORT -> messages.get("challenge.lockedUntilSupport");
            case BACKUP_ONLY -> messages.get("challenge.backupOnly");
        };
    }

    /** The wall-clock time after {@code wait}, rounded up to the next minute, e.g. "10:17 AM". */
    private static String clockTime(Duration wait, Locale locale) {
        Instant at = Instant.now().plus(wait == null ? Duration.ZERO : wait).plusSeconds(59);
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(ZoneId.systemDefault()).format(at);
    }
}
