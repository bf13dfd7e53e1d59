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

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"/challenge".equals(request.getPathInfo())) {
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
        if (SessionState.isVerified(request, subject)) {
            Responses.seeOther(response, SafeTarget.root(request));
            return;
        }
        SignInFlow flow = ChallengePages.beginFlow(module, request, subject);
        String email = module.emails().emailOf(subject, request);
        if (email == null) {
            Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, Messages.forLocale(request.getLocale()).get("challenge.noEmail"));
            return;
        }
        Notice notice = Notice.NONE;
        Duration wait = null;
        if (!flow.codeRequested()) {
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
                notice = lock.untilSupport() ? Notice.LOCKED_UNTIL_SUPPORT : Notice.LOCKED;
                wait = lock.remaining();
            }
        }
        ChallengePages.render(module, request, response, flow, email, notice, wait, HttpServletResponse.SC_OK);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String action = request.getPathInfo();
        if (!"/verify".equals(action) && !"/resend".equals(action) && !"/cancel".equals(action)) {
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
        if (flow == null) {
            Responses.seeOther(response, request.getContextPath() + (subject == null ? module.settings().loginPage() : ChallengePages.CHALLENGE_PATH));
            return;
        }
        String email = module.emails().emailOf(subject, request);
        if (email == null) {
            Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, Messages.forLocale(request.getLocale()).get("challenge.noEmail"));
            return;
        }
        if ("/verify".equals(action)) {
            verify(module, request, response, flow, email);
        } else {
            resend(module, request, response, flow, email);
        }
    }

    private void verify(Email2fa module, HttpServletRequest request, HttpServletResponse response, SignInFlow flow,
            String email) throws ServletException, IOException {
        VerifyOutcome outcome = module.signIn().verify(ChallengePages.attempt(module, request, flow, email), request.getParameter("code"));
        switch (outcome.status()) {
            case VERIFIED -> {
                HttpSession session = request.getSession();
                session.removeAttribute(SessionState.FLOW);
                request.changeSessionId();
                Csrf.rotate(session);
                session.setAttribute(SessionState.VERIFIED, new VerifiedMark(flow.subject(), System.currentTimeMillis()));
                Responses.seeOther(response, flow.target());
            }
            case LOCKED -> {
                AccountLock lock = outcome.lock();
                Notice notice = lock.untilSupport() ? Notice.LOCKED_UNTIL_SUPPORT : Notice.LOCKED;
                limited(response, lock.remaining());
                ChallengePages.render(module, request, response, flow, email, notice, lock.remaining(), TOO_MANY_REQUESTS);
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

    /** Tells clients how long to wait; a lock that only support can lift gets no {@code Retry-After}. */
    private static void limited(HttpServletResponse response, Duration wait) {
        if (wait != null) {
            response.setHeader("Retry-After", String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000)));
        }
    }

    private void cancel(Email2fa module, HttpServletRequest request, HttpServletResponse response, SignInFlow flow)
            throws IOException {
        if (flow != null) {
            module.challenges().cancel(flow.id());
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Responses.seeOther(response, request.getContextPath() + module.settings().loginPage());
    }
}
