package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.config.AccountSettings.Policy;
import io.github.email2fa.mail.NoticeTemplate;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "set up 2FA?" page of the {@code recommended} policy, and the settings page: turn codes
 * on or off, make new backup codes, forget remembered devices.
 *
 * <p>No half-authenticated session gets in: a user who owes the second factor is sent to the
 * challenge first. Every view and every change also needs a code entered within
 * {@code email2fa.stepUp.maxAge}; an older verification starts a step-up first (for a GET) or
 * is refused (for a POST). Turning codes on therefore always follows a code that reached the
 * address, which proves it works.
 */
final class SettingsPages {

    static final String RECOMMEND_PATH = "/email2fa/recommend";
    static final String SETTINGS_PATH = "/email2fa/settings";

    private SettingsPages() {
    }

    /** GET of the recommendation page. */
    static void showRecommendation(Email2fa module, HttpServletRequest request, HttpServletResponse response, String subject)
            throws ServletException, IOException {
        Messages messages = Messages.forLocale(request.getLocale());
        Map<String, String> view = baseView(request, messages, "recommend.title");
        view.put("text", Html.escape(messages.get("recommend.text")));
        view.put("setUp", Html.escape(messages.get("recommend.setUp")));
        view.put("setUpAction", Html.escape(request.getContextPath() + SETTINGS_PATH));
        view.put("skip", Html.escape(messages.get("recommend.skip")));
        view.put("skipAction", Html.escape(request.getContextPath() + RECOMMEND_PATH));
        ChallengePages.forward(request, response, "/WEB-INF/email2fa/recommend.jsp", view, HttpServletResponse.SC_OK);
    }

    /** POST "not now": the recommendation is not shown again in this session. */
    static void skipRecommendation(Email2fa module, HttpServletRequest request, HttpServletResponse response, String subject) {
        HttpSession session = request.getSession();
        session.setAttribute(SessionState.POLICY, PolicyGate.mark(module, request, subject).shown());
        Object target = session.getAttribute(SessionState.RECOMMEND_TARGET);
        session.removeAttribute(SessionState.RECOMMEND_TARGET);
        Responses.seeOther(response, target instanceof String saved && SafeTarget.isSafe(request.getContextPath(), saved)
                ? saved : SafeTarget.root(request));
    }

    /**
     * Lets the request through only for a user who is verified recently enough; otherwise
     * answers it (challenge, step-up or 403) and returns {@code false}.
     */
    static boolean admit(Email2fa module, HttpServletRequest request, HttpServletResponse response, String subject)
            throws IOException {
        VerifiedMark mark = SessionState.verifiedMark(request, subject);
        boolean get = "GET".equals(request.getMethod());
        if (mark == null && PolicyGate.requiresChallenge(module, request, subject)) {
            if (get) {
                ChallengePages.beginFlow(module, request, subject, SignInFlow.Purpose.SIGN_IN,
                        request.getContextPath() + SETTINGS_PATH);
                Responses.seeOther(response, request.getContextPath() + ChallengePages.CHALLENGE_PATH);
            } else {
                Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, "Sign in with your code first.");
            }
            return false;
        }
        if (mark == null || mark.olderThan(module.settings().accounts().stepUpMaxAge().toMillis())) {
            if (get) {
                ChallengePages.beginFlow(module, request, subject, SignInFlow.Purpose.CONFIRM,
                        request.getContextPath() + SETTINGS_PATH);
                Responses.seeOther(response, request.getContextPath() + ChallengePages.CHALLENGE_PATH);
            } else {
                Responses.plain(response, HttpServletResponse.SC_FORBIDDEN,
                        "These settings need a code entered in the last few minutes. Open the settings page again.");
            }
            return false;
        }
        return true;
    }

    /** GET of the settings page. */
    static void show(Email2fa module, HttpServletRequest request, HttpServletResponse response, String subject, String email,
            List<String> newBackupCodes, boolean done) throws ServletException, IOException {
        Messages messages = Messages.forLocale(request.getLocale());
        AccountStore accounts = module.accounts();
        var account = accounts.find(subject);
        boolean enrolled = account != null && account.enrolled();
        boolean required = module.settings().accounts().policy() == Policy.REQUIRED;
        Locale locale = request.getLocale();
        String context = request.getContextPath();

        Map<String, String> view = baseView(request, messages, "settings.title");
        view.put("status", Html.escape(enrolled || required ? messages.get("settings.on", EmailMask.mask(email)) : messages.get("settings.off")));
        view.put("done", done ? Html.escape(messages.get("settings.done")) : "");
        view.put("doneHidden", done ? "" : "hidden");
        view.put("action", Html.escape(context + SETTINGS_PATH));
        view.put("toggle", enrolled ? "disable" : "enable");
        view.put("toggleLabel", Html.escape(messages.get(enrolled ? "settings.disable" : "settings.enable")));
        view.put("toggleHidden", required ? "hidden" : "");
        view.put("policyNote", required ? Html.escape(messages.get("settings.requiredByPolicy")) : "");
        view.put("backupTitle", Html.escape(messages.get("settings.backup.title")));
        view.put("backupRemaining", Html.escape(messages.get("settings.backup.remaining", accounts.remainingBackupCodes(subject))));
        view.put("backupRegenerate", Html.escape(messages.get("settings.backup.regenerate")));
        view.put("newCodesHidden", newBackupCodes.isEmpty() ? "hidden" : "");
        view.put("newCodesText", Html.escape(messages.get("settings.backup.shown")));
        StringBuilder codes = new StringBuilder();
        for (String code : newBackupCodes) {
            codes.append("<li><code>").append(Html.escape(code)).append("</code></li>");
        }
        view.put("newCodes", codes.toString());
        view.put("devicesTitle", Html.escape(messages.get("settings.devices.title")));
        view.put("devices", devices(accounts.devices(subject), messages, locale, context, Csrf.token(request.getSession())));
        view.put("forgetAll", Html.escape(messages.get("settings.devices.forgetAll")));
        view.put("back", Html.escape(messages.get("settings.back")));
        view.put("backHref", Html.escape(context + "/"));
        ChallengePages.forward(request, response, "/WEB-INF/email2fa/settings.jsp", view, HttpServletResponse.SC_OK);
    }

    /** POST of a settings change; the caller has checked the CSRF token and {@link #admit}. */
    static void change(Email2fa module, HttpServletRequest request, HttpServletResponse response, String subject, String email)
            throws ServletException, IOException {
        AccountStore accounts = module.accounts();
        Instant now = Instant.now();
        Locale locale = request.getLocale();
        String app = module.settings().appName();
        NoticeTemplate notices = new NoticeTemplate();
        List<String> newCodes = List.of();
        switch (String.valueOf(request.getParameter("action"))) {
            case "enable" -> {
                accounts.setEnrolled(subject, true);
                PolicyGate.enrolmentChanged(request.getSession(), subject, true);
                notify(module, notices.twoFactorChanged(email, locale, app, now, true));
            }
            case "disable" -> {
                if (module.settings().accounts().policy() == Policy.REQUIRED) {
                    Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, Messages.forLocale(locale).get("settings.requiredByPolicy"));
                    return;
                }
                accounts.setEnrolled(subject, false);
                accounts.replaceBackupCodes(subject, null, List.of());
                accounts.forgetAllDevices(subject);
                PolicyGate.enrolmentChanged(request.getSession(), subject, false);
                notify(module, notices.twoFactorChanged(email, locale, app, now, false));
            }
            case "regenerate" -> {
                newCodes = module.backupCodes().regenerate(subject);
                notify(module, notices.backupCodesRegenerated(email, locale, app, now));
            }
            case "forget" -> {
                if (accounts.forgetDevice(subject, String.valueOf(request.getParameter("device")))) {
                    notify(module, notices.devicesForgotten(email, locale, app, now, 1));
                }
            }
            case "forgetAll" -> {
                int forgotten = accounts.forgetAllDevices(subject);
                if (forgotten > 0) {
                    notify(module, notices.devicesForgotten(email, locale, app, now, forgotten));
                }
            }
            default -> {
                Responses.plain(response, HttpServletResponse.SC_BAD_REQUEST, "Unknown action.");
                return;
            }
        }
        show(module, request, response, subject, email, newCodes, true);
    }

    private static void notify(Email2fa module, OutgoingEmail notice) {
        module.mail().dispatch(notice, sent -> { });
    }

    private static String devices(List<RememberedDevice> devices, Messages messages, Locale locale, String context, String csrf) {
        if (devices.isEmpty()) {
            return "<p>" + Html.escape(messages.get("settings.devices.none")) + "</p>";
        }
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(ZoneId.systemDefault());
        StringBuilder html = new StringBuilder("<ul class=\"devices\">");
        for (RememberedDevice device : devices) {
            html.append("<li>").append(Html.escape(messages.get("settings.devices.item", device.userAgentSummary(),
                    when.format(device.createdAt()), when.format(device.lastUsedAt()))))
                    .append(" <form method=\"post\" action=\"").append(Html.escape(context + SETTINGS_PATH)).append("\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.escape(csrf)).append("\">")
                    .append("<input type=\"hidden\" name=\"action\" value=\"forget\">")
                    .append("<input type=\"hidden\" name=\"device\" value=\"").append(Html.escape(device.id())).append("\">")
                    .append("<button type=\"submit\">").append(Html.escape(messages.get("settings.devices.forget"))).append("</button></form></li>");
        }
        return html.append("</ul>").toString();
    }

    private static Map<String, String> baseView(HttpServletRequest request, Messages messages, String titleKey) {
        Map<String, String> view = new HashMap<>();
        view.put("lang", Html.escape(messages.language()));
        view.put("title", Html.escape(messages.get(titleKey)));
        view.put("csrf", Html.escape(Csrf.token(request.getSession())));
        return view;
    }
}
