package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.signin.SendResult;
import io.github.email2fa.signin.VerifyOutcome;
import io.github.email2fa.text.Messages;
import io.github.email2fa.web.ChallengePages.Notice;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;

/**
 * The module's pages under {@code /email2fa/*}: the challenge page (GET) and its three form
 * actions, verify, resend and cancel (POST, each with a CSRF token). Registered automatically
 * by {@link Email2faInitializer}.
 */
public final class Email2faServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int TOO_MANY_REQUESTS = 429;

    /** A failure of the server's side (the database, a broken page) gets a "try again" page, never a 500. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try {
            super.service(request, response);
        } catch (RuntimeException | ServletException e) {
            Responses.tryAgain(request, response, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String page = request.getPathInfo();
        if (!"/challenge".equals(page) && !"/recommend".equals(page) && !"/settings".equals(page)) {
            Responses.plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found.");
            return;
        }
        Email2fa module = Email2fa.from(getServletContext());
        if (HttpsRule.isViolated(module, request)) {
            String query = request.getQueryString();
            Responses.movedTo(response, HttpsRule.httpsUrl(request, request.getRequestURI() + (query == null ? "" : "?" + query)));
            return;
        }
        String subject = module.subjects().subjectOf(request);
        if (subject == null) {
            Responses.seeOther(response, request.getContextPath() + module.settings().loginPage());
            return;
        }
        if ("/recommend".equals(page)) {
            SettingsPages.showRecommendation(module, request, response, subject);
            return;
        }
        if ("/settings".equals(page)) {
            if (SettingsPages.admit(module, request, response, subject)) {
                String email = emailOrRefuse(module, request, response, subject);
                if (email == null) {
                    return;
                }
                SettingsPages.show(module, request, response, subject, email, java.util.List.of(), false);
            }
            return;
        }
        SignInFlow flow = SessionState.flow(request.getSession(), subject);
        if (flow == null) {
            if (SessionState.isVerified(request, subject)) {
                Responses.seeOther(response, SafeTarget.root(request));
                return;
            }
            flow = ChallengePages.beginFlow(module, request, subject, SignInFlow.Purpose.SIGN_IN, SafeTarget.root(request));
        }
        String email = emailOrRefuse(module, request, response, subject);
        if (email == null) {
            return;
        }
        Notice notice = Notice.NONE;
        Duration wait = null;
        if (ChallengePages.backupOnly(module, flow)) {
            notice = Notice.BACKUP_ONLY;
        } else if (!flow.codeRequested()) {
            SendResult sent = ChallengePages.send(module, request, flow, email);
            if (sent.status() == SendResult.Status.QUEUED) {
                flow = flow.withCodeRequested();
                SessionState.saveFlow(request.getSession(), flow);
            } else {
                notice = ChallengePages.noticeFor(sent);
                wait = sent.retryAfter();
            }
        } else {
            AccountLock lock = module.signIn().lockOf(subject);
            if (lock.locked()) {
                notice = ChallengePages.noticeFor(lock);
                wait = lock.remaining();
            }
        }
        ChallengePages.render(module, request, response, flow, email, notice, wait, HttpServletResponse.SC_OK);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String action = request.getPathInfo();
        if (!"/verify".equals(action) && !"/resend".equals(action) && !"/cancel".equals(action) && !"/backup".equals(action)
                && !"/recommend".equals(action) && !"/settings".equals(action)) {
            Responses.plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found.");
            return;
        }
        Email2fa module = Email2fa.from(getServletContext());
        if (HttpsRule.isViolated(module, request)) {
            HttpsRule.refuse(response);
            return;
        }
        if (!Csrf.isValid(request)) {
            Responses.plain(response, HttpServletResponse.SC_FORBIDDEN,
                    "The form has expired or did not come from this site. Reload the page and try again.");
            return;
        }
        String subject = module.subjects().subjectOf(request);
        HttpSession session = request.getSession();
        SignInFlow flow = subject == null ? null : SessionState.flow(session, subject);
        if ("/cancel".equals(action)) {
            cancel(module, request, response, flow);
            return;
        }
        if (subject != null && "/recommend".equals(action)) {
            SettingsPages.skipRecommendation(module, request, response, subject);
            return;
        }
        if (subject != null && "/settings".equals(action)) {
            if (SettingsPages.admit(module, request, response, subject)) {
                String email = emailOrRefuse(module, request, response, subject);
                if (email == null) {
                    return;
                }
                SettingsPages.change(module, request, response, subject, email);
            }
            return;
        }
        if (flow == null) {
            Responses.seeOther(response, request.getContextPath() + (subject == null ? module.settings().loginPage() : ChallengePages.CHALLENGE_PATH));
            return;
        }
        String email = emailOrRefuse(module, request, response, subject);
        if (email == null) {
            return;
        }
        if ("/verify".equals(action)) {
            if (ChallengePages.backupOnly(module, flow)) {
                Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, "This operation accepts a backup code only.");
                return;
            }
            verify(module, request, response, flow, email);
        } else if ("/backup".equals(action)) {
            VerifyOutcome outcome = module.signIn().verifyBackup(ChallengePages.attempt(module, request, flow, email),
                    request.getParameter("backupCode"), module.backupCodes());
            answer(module, request, response, flow, email, outcome);
        } else {
            resend(module, request, response, flow, email);
        }
    }

    private void verify(Email2fa module, HttpServletRequest request, HttpServletResponse response, SignInFlow flow,
            String email) throws ServletException, IOException {
        VerifyOutcome outcome = module.signIn().verify(ChallengePages.attempt(module, request, flow, email), request.getParameter("code"));
        answer(module, request, response, flow, email, outcome);
    }

    /** Shows the outcome of an emailed or backup code. */
    private void answer(Email2fa module, HttpServletRequest request, HttpServletResponse response, SignInFlow flow, String email,
            VerifyOutcome outcome) throws ServletException, IOException {
        switch (outcome.status()) {
            case VERIFIED -> ChallengePages.complete(module, request, response, flow, email, outcome.backupCodesLeft());
            case LOCKED -> {
                AccountLock lock = outcome.lock();
                limited(response, lock.remaining());
                ChallengePages.render(module, request, response, flow, email, ChallengePages.noticeFor(lock), lock.remaining(),
                        TOO_MANY_REQUESTS);
            }
            case EXHAUSTED -> ChallengePages.render(module, request, response, flow, email, Notice.EXHAUSTED, null,
                    HttpServletResponse.SC_OK);
            default -> ChallengePages.render(module, request, response, flow, email, Notice.INVALID_CODE, null,
                    HttpServletResponse.SC_OK);
        }
    }

    private void resend(Email2fa module, HttpServletRequest request, HttpServletResponse response, SignInFlow flow,
            String email) throws ServletException, IOException {
        SendResult sent = ChallengePages.send(module, request, flow, email);
        if (sent.status() == SendResult.Status.QUEUED) {
            if (!flow.codeRequested()) {
                SessionState.saveFlow(request.getSession(), flow.withCodeRequested());
            }
            Responses.seeOther(response, request.getContextPath() + ChallengePages.CHALLENGE_PATH);
            return;
        }
        limited(response, sent.retryAfter());
        ChallengePages.render(module, request, response, flow, email, ChallengePages.noticeFor(sent), sent.retryAfter(),
                TOO_MANY_REQUESTS);
    }

    /** The user's address, or {@code null} after answering 403: without an address there is nothing to send. */
    private static String emailOrRefuse(Email2fa module, HttpServletRequest request, HttpServletResponse response, String subject)
            throws IOException {
        String email = module.emails().emailOf(subject, request);
        if (email == null) {
            Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, Messages.forLocale(request.getLocale()).get("challenge.noEmail"));
        }
        return email;
    }

    /** Tells clients how long to wait; a lock that only support can lift gets no {@code Retry-After}. */
    private static void limited(HttpServletResponse response, Duration wait) {
        if (wait != null) {
            response.setHeader("Retry-After", String.valueOf(ChallengePages.seconds(wait)));
        }
    }

    private void cancel(Email2fa module, HttpServletRequest request, HttpServletResponse response, SignInFlow flow)
            throws IOException, ServletException {
        if (flow != null) {
            module.challenges().cancel(flow.id());
        }
        // A container login (FORM) must end too, or the user would still be signed in.
        if (request.getUserPrincipal() != null) {
            request.logout();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Responses.seeOther(response, request.getContextPath() + module.settings().loginPage());
    }
}
