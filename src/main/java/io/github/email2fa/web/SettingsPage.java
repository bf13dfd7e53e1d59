package io.github.email2fa.web;

import io.github.email2fa.account.AuthenticatorApp;
import io.github.email2fa.signin.AccountService;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.text.Messages;
import io.github.email2fa.totp.AuthenticatorApps;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The settings page: turn codes on or off, add or remove an authenticator app and choose which way
 * in is offered first, make new backup codes, forget remembered devices.
 * Every change is made by {@link AccountService}, which records it and tells the user.
 *
 * <p>No half-authenticated session gets in: a user who owes the second factor is sent to the
 * challenge first. Every view and every change also needs a code entered within
 * {@code email2fa.stepUp.maxAge}; an older verification starts a step-up first (for a GET) or
 * is refused (for a POST). Once a user holds the factor {@code email2fa.stepUp.factor} asks for
 * (an app, or unused backup codes), only that factor opens their settings, never an emailed code
 * alone (see {@link StepUpRule#settingsTakeStepUpFactor}). Turning codes on always follows a code
 * that reached the address, which proves it works.
 */
final class SettingsPage {

    private final AccountService accounts;
    private final PolicyGate policy;
    private final StepUpRule stepUp;
    private final FlowStarter flows;
    private final EmailLookup emails;
    private final Actors actors;
    private final VerifiedSessions sessions;
    private final Clock clock;

    SettingsPage(AccountService accounts, PolicyGate policy, StepUpRule stepUp, FlowStarter flows, EmailLookup emails, Actors actors,
            VerifiedSessions sessions, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.stepUp = stepUp;
        this.flows = flows;
        this.emails = emails;
        this.actors = actors;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** GET: the page, or first the challenge or a fresh code. */
    void show(Exchange exchange) throws IOException, ServletException {
        if (!admit(exchange)) {
            return;
        }
        String email = emails.emailOrRefuse(exchange);
        if (email != null) {
            render(exchange, email, List.of(), null, null);
        }
    }

    /** POST of a change (field {@code action}); the servlet has checked the CSRF token. */
    void change(Exchange exchange) throws IOException, ServletException {
        if (!admit(exchange)) {
            return;
        }
        String email = emails.emailOrRefuse(exchange);
        if (email == null) {
            return;
        }
        HttpServletRequest request = exchange.request();
        Actor actor = actors.actor(request, exchange.subject(), email);
        List<String> newCodes = List.of();
        String done = "settings.done";
        String appError = null;
        switch (String.valueOf(request.getParameter("action"))) {
            case "enable" -> {
                accounts.enable(actor);
                policy.enrolmentChanged(request.getSession(), actor.subject(), true);
            }
            case "disable" -> {
                if (policy.isRequired()) {
                    ProblemPage.show(request, exchange.response(), HttpServletResponse.SC_FORBIDDEN,
                            Routes.url(request, Routes.SETTINGS), "settings.requiredByPolicy");
                    return;
                }
                accounts.disable(actor);
                policy.enrolmentChanged(request.getSession(), actor.subject(), false);
            }
            case "regenerate" -> newCodes = accounts.regenerateBackupCodes(actor);
            case "forget" -> done = accounts.forgetDevice(actor, String.valueOf(request.getParameter("device")))
                    ? "settings.devices.forgotten" : "settings.devices.alreadyForgotten";
            case "forgetAll" -> done = accounts.forgetAllDevices(actor) > 0 ? "settings.devices.allForgotten" : "settings.devices.none";
            case "endOtherSessions" -> accounts.endOtherSessions(actor);
            case "appStart" -> {
                if (!appsOpenTo(exchange, actor)) {
                    return;
                }
                Optional<AuthenticatorApps.Enrolment> started = accounts.startApp(actor, email);
                started.ifPresent(enrolment -> request.getSession().setAttribute(SessionState.APP_ENROLMENT, enrolment.ticket()));
                done = started.isPresent() ? null : "settings.app.already";
            }
            case "appConfirm" -> {
                if (!appsOpenTo(exchange, actor)) {
                    return;
                }
                switch (accounts.confirmApp(actor, request.getParameter("appCode"), enrolmentTicket(request))) {
                    case ACCEPTED -> {
                        done = "settings.app.added";
                        request.getSession().removeAttribute(SessionState.APP_ENROLMENT);
                        // A current code from the app was just typed here: as fresh a verification as one at sign-in.
                        sessions.markVerified(request.getSession(), actor.subject(), WayIn.APP);
                    }
                    case WRONG, ALREADY_USED -> {
                        done = null;
                        appError = "settings.app.wrongCode";
                    }
                    case MALFORMED -> {
                        done = null;
                        appError = "settings.app.malformedCode";
                    }
                    case NO_APP, UNAVAILABLE -> done = "settings.app.startAgain";
                }
            }
            case "appRemove" -> done = accounts.removeApp(actor) ? "settings.app.removed" : "settings.app.none";
            case "prefer" -> {
                String factor = String.valueOf(request.getParameter("factor"));
                if (!factor.equals("app") && !factor.equals("email")) {
                    ProblemPage.show(request, exchange.response(), HttpServletResponse.SC_BAD_REQUEST, Routes.url(request, Routes.SETTINGS),
                            "problem.unknownAction");
                    return;
                }
                accounts.setPreferredFactor(actor, factor);
                done = "settings.app.preferenceSaved";
            }
            default -> {
                ProblemPage.show(request, exchange.response(), HttpServletResponse.SC_BAD_REQUEST, Routes.url(request, Routes.SETTINGS),
                        "problem.unknownAction");
                return;
            }
        }
        // The change reaches the account's other sessions; this one made it and goes on.
        sessions.acknowledgeChange(request, actor.subject());
        render(exchange, email, newCodes, done, appError);
    }

    /**
     * Whether the user may add an app now: codes are on and apps are available here. Otherwise
     * answers 409 with the reason (the operator's log already says which setting is missing).
     */
    private boolean appsOpenTo(Exchange exchange, Actor actor) throws IOException, ServletException {
        HttpServletRequest request = exchange.request();
        String reason = accounts.apps().availability() != AuthenticatorApps.Availability.AVAILABLE ? "settings.app.unavailable"
                : !accounts.isEnrolled(actor.subject()) && !policy.isRequired() ? "settings.app.turnOnFirst" : null;
        if (reason == null) {
            return true;
        }
        ProblemPage.show(request, exchange.response(), HttpServletResponse.SC_CONFLICT, Routes.url(request, Routes.SETTINGS), reason);
        return false;
    }

    /** The ticket of the app enrolment this session began, or {@code null}. */
    private static String enrolmentTicket(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SessionState.APP_ENROLMENT) instanceof String ticket ? ticket : null;
    }

    /**
     * Lets the request through only for a user who is verified recently enough; otherwise
     * answers it (challenge, step-up or 403) and returns {@code false}.
     */
    private boolean admit(Exchange exchange) throws IOException, ServletException {
        HttpServletRequest request = exchange.request();
        String subject = exchange.subject();
        VerifiedMark mark = sessions.current(request, subject);
        boolean get = "GET".equals(request.getMethod());
        if (mark == null && policy.requiresChallenge(request, subject)) {
            if (get) {
                flows.begin(request, subject, SignInFlow.Purpose.SIGN_IN, Routes.url(request, Routes.SETTINGS));
                Responses.seeOther(exchange.response(), Routes.url(request, Routes.CHALLENGE));
            } else {
                ProblemPage.show(request, exchange.response(), HttpServletResponse.SC_FORBIDDEN, Routes.url(request, Routes.CHALLENGE),
                        "problem.signInFirst");
            }
            return false;
        }
        if (!stepUp.opensSettings(mark, subject)) {
            if (get) {
                flows.begin(request, subject, SignInFlow.Purpose.CONFIRM, Routes.url(request, Routes.SETTINGS));
                Responses.seeOther(exchange.response(), Routes.url(request, Routes.CHALLENGE));
            } else {
                ProblemPage.show(request, exchange.response(), HttpServletResponse.SC_FORBIDDEN, Routes.url(request, Routes.SETTINGS),
                        "problem.settingsStale");
            }
            return false;
        }
        return true;
    }

    /**
     * @param done the message key that says what a change did, or {@code null} for a plain view
     * @param appError the message key of a refused first app code, or {@code null}
     */
    private void render(Exchange exchange, String email, List<String> newBackupCodes, String done, String appError)
            throws ServletException, IOException {
        HttpServletRequest request = exchange.request();
        String subject = exchange.subject();
        AuthenticatorApps apps = accounts.apps();
        AuthenticatorApp app = apps.confirmedApp(subject);
        String ticket = enrolmentTicket(request);
        // An enrolment another session began is not shown: its secret may be known to someone else.
        AuthenticatorApps.Enrolment enrolment = app == null && ticket != null ? apps.pending(subject, email, ticket).orElse(null) : null;
        AppSection section = new AppSection(apps.availability(), app, enrolment, accounts.preferredFactor(subject), appError,
                apps.digits());
        SettingsView view = new SettingsView(Messages.forLocale(request.getLocale()), Csrf.token(request.getSession()),
                request.getContextPath(), EmailMask.mask(email), accounts.isEnrolled(subject), policy.isRequired(), done,
                newBackupCodes, accounts.remainingBackupCodes(subject), accounts.devicesOf(subject), section, clock.instant());
        PageRenderer.render(request, exchange.response(), Routes.SETTINGS_JSP, view, HttpServletResponse.SC_OK);
    }
}
