package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.challenge.Challenge;
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

/**
 * Starts flows, sends codes and renders the challenge page.
 *
 * <p>The page is a JSP (by default the one in the JAR). It gets one request attribute,
 * {@code email2fa}: a map of values that are already HTML-escaped, so the JSP needs no tag library.
 */
final class ChallengePages {

    static final String CHALLENGE_PATH = "/email2fa/challenge";
    static final String VIEW_ATTRIBUTE = "email2fa";

    /** Marks the module's own forward to its JSP, so the filter lets exactly that dispatch through. */
    private static final String OWN_DISPATCH = ChallengePages.class.getName() + ".dispatch";
    private static final Object OWN_DISPATCH_TOKEN = new Object();

    /** What the page says above the form, besides the delivery status. */
    enum Notice { NONE, INVALID_CODE, EXHAUSTED, COOLDOWN, RATE_LIMITED, LOCKED, LOCKED_UNTIL_SUPPORT }

    private ChallengePages() {
    }

    static boolean isOwnDispatch(HttpServletRequest request) {
        return request.getAttribute(OWN_DISPATCH) == OWN_DISPATCH_TOKEN;
    }

    /** Starts a flow for this session and user, remembering the requested page, unless one is running. */
    static SignInFlow beginFlow(Email2fa module, HttpServletRequest request, String subject) {
        HttpSession session = request.getSession(true);
        SignInFlow flow = SessionState.flow(session, subject);
        if (flow == null) {
            flow = new SignInFlow(module.challenges().newId(), subject, SafeTarget.of(request), false);
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
            case LOCKED -> result.lock().untilSupport() ? Notice.LOCKED_UNTIL_SUPPORT : Notice.LOCKED;
        };
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

        Responses.noStore(response);
        response.setStatus(status);
        request.setAttribute(VIEW_ATTRIBUTE, Map.copyOf(view));
        request.setAttribute(OWN_DISPATCH, OWN_DISPATCH_TOKEN);
        try {
            request.getRequestDispatcher(module.settings().challengePage()).forward(request, response);
        } finally {
            request.removeAttribute(OWN_DISPATCH);
        }
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
            case COOLDOWN -> messages.get("challenge.wait", Math.max(1, (wait.toMillis() + 999) / 1000));
            case RATE_LIMITED -> messages.get("challenge.rateLimited", clockTime(wait, locale));
            case LOCKED -> messages.get("challenge.locked", clockTime(wait, locale));
            case LOCKED_UNTIL_SUPPORT -> messages.get("challenge.lockedUntilSupport");
        };
    }

    /** The wall-clock time after {@code wait}, rounded up to the next minute, e.g. "10:17 AM". */
    private static String clockTime(Duration wait, Locale locale) {
        Instant at = Instant.now().plus(wait == null ? Duration.ZERO : wait).plusSeconds(59);
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(ZoneId.systemDefault()).format(at);
    }
}
