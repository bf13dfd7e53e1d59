package io.github.email2fa.web;

import io.github.email2fa.account.AuthenticatorApp;
import io.github.email2fa.passkey.PasskeyChallenge;
import io.github.email2fa.passkey.PasskeyVerifier;
import io.github.email2fa.passkey.Passkeys;
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
 * in is offered first, add, rename or remove passkeys, make new backup codes, forget remembered devices.
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
    private final PasskeyCeremonies ceremonies;
    private final Clock clock;

    SettingsPage(AccountService accounts, PolicyGate policy, StepUpRule stepUp, FlowStarter flows, EmailLookup emails, Actors actors,
            VerifiedSessions sessions, PasskeyCeremonies ceremonies, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.stepUp = stepUp;
        this.flows = flows;
        this.emails = emails;
        this.actors = actors;
        this.sessions = sessions;
        this.ceremonies = ceremonies;
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
        String passkeyError = null;
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
            case "passkeyOptions" -> {
                passkeyOptions(exchange, actor, email);
                return;
            }
            case "passkeyRegister" -> {
                PasskeyVerifier verifier = passkeyVerifierOpenTo(exchange, actor);
                if (verifier == null) {
                    return;
                }
                passkeyError = registerPasskey(request, actor, verifier);
                done = passkeyError == null ? "settings.passkey.registered" : null;
            }
            case "passkeyRename" -> {
                String name = nameOrNull(request.getParameter("passkeyName"));
                if (Passkeys.nameProblem(name) != null) {
                    done = null;
                    passkeyError = "settings.passkey.badName";
                } else {
                    done = accounts.renamePasskey(actor, String.valueOf(request.getParameter("passkey")), name) ? "settings.passkey.renamed"
                            : "settings.passkey.gone";
                }
            }
            case "passkeyRemove" -> done = accounts.removePasskey(actor, String.valueOf(request.getParameter("passkey")))
                    ? "settings.passkey.removed" : "settings.passkey.gone";
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
        render(exchange, email, newCodes, done, appError, passkeyError);
    }

    /**
     * The options for {@code navigator.credentials.create()}, as JSON, with a new registration
     * challenge kept in the session; or a plain 409 where passkeys cannot be added.
     */
    private void passkeyOptions(Exchange exchange, Actor actor, String email) throws IOException, ServletException {
        PasskeyVerifier verifier = passkeyVerifierOpenTo(exchange, actor);
        if (verifier == null) {
            return;
        }
        HttpServletRequest request = exchange.request();
        PasskeyChallenge challenge = ceremonies.begin(request, PasskeyCeremonies.Kind.REGISTRATION, actor.subject(), verifier);
        Responses.json(exchange.response(), HttpServletResponse.SC_OK,
                // Masked as on every page: the authenticator only needs a name the user recognises.
                accounts.passkeys().creationOptions(verifier, challenge, actor.subject(), EmailMask.mask(email)));
    }

    /**
     * Checks the browser's answer to the registration challenge this session took out, and stores the
     * passkey under the typed name.
     *
     * @return {@code null} if the passkey was added, else the message key that says why not
     */
    private String registerPasskey(HttpServletRequest request, Actor actor, PasskeyVerifier verifier) {
        // Taken out first, whatever comes next: an answer is checked at most once.
        PasskeyChallenge challenge = ceremonies.take(request, PasskeyCeremonies.Kind.REGISTRATION, actor.subject());
        String name = nameOrNull(request.getParameter("passkeyName"));
        if (Passkeys.nameProblem(name) != null) {
            return "settings.passkey.badName";
        }
        try {
            accounts.registerPasskey(actor, verifier, request.getParameter("credential"), challenge, name);
        } catch (PasskeyVerifier.Refused refused) {
            return refused.reason() == PasskeyVerifier.Refused.Reason.ALREADY_REGISTERED ? "settings.passkey.already"
                    : "settings.passkey.refused";
        } catch (IllegalArgumentException storeRefused) {
            // What the browser reported does not fit the store (say, a key of over 3,000 bytes): not the name's fault.
            return "settings.passkey.refused";
        }
        // A passkey was just made and touched here: as fresh a verification as one at sign-in.
        sessions.markVerified(request.getSession(), actor.subject(), WayIn.PASSKEY);
        return null;
    }

    /**
     * The relying party of this request if the user may add a passkey now; otherwise answers with
     * the reason (see {@link #mayAddWayIn}) and returns {@code null}.
     */
    private PasskeyVerifier passkeyVerifierOpenTo(Exchange exchange, Actor actor) throws IOException, ServletException {
        PasskeyVerifier verifier = accounts.passkeys().availability() == Passkeys.Availability.AVAILABLE
                ? ceremonies.verifier(exchange.request()).orElse(null) : null;
        return mayAddWayIn(exchange, actor, verifier != null, "settings.passkey.unavailable", "settings.passkey.turnOnFirst")
                ? verifier : null;
    }

    /** A name as typed, stripped; {@code null} for none, which the name check refuses. */
    private static String nameOrNull(String typed) {
        return typed == null ? null : typed.strip();
    }

    /** Whether the user may add an app now; otherwise answers with the reason (see {@link #mayAddWayIn}). */
    private boolean appsOpenTo(Exchange exchange, Actor actor) throws IOException, ServletException {
        return mayAddWayIn(exchange, actor, accounts.apps().availability() == AuthenticatorApps.Availability.AVAILABLE,
                "settings.app.unavailable", "settings.app.turnOnFirst");
    }

    /**
     * Whether the user may add a way in (an app or a passkey) now: it is available here (else 409;
     * the operator's log already says which setting is missing), codes are on (else 409), and the
     * session passed in a way that may add one under {@code email2fa.stepUp.factor} (else 403: a
     * backup code opens these settings but adds nothing, see {@link StepUpRule#allowsAddingWayIn}).
     */
    private boolean mayAddWayIn(Exchange exchange, Actor actor, boolean available, String unavailableKey, String turnOnFirstKey)
            throws IOException, ServletException {
        HttpServletRequest request = exchange.request();
        String subject = actor.subject();
        int status = HttpServletResponse.SC_CONFLICT;
        String reason = !available ? unavailableKey : !accounts.isEnrolled(subject) && !policy.isRequired() ? turnOnFirstKey : null;
        if (reason == null && !stepUp.allowsAddingWayIn(sessions.current(request, subject), subject)) {
            status = HttpServletResponse.SC_FORBIDDEN;
            reason = "settings.addNeedsStrongWay";
        }
        if (reason == null) {
            return true;
        }
        ProblemPage.show(request, exchange.response(), status, Routes.url(request, Routes.SETTINGS), reason);
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
        render(exchange, email, newBackupCodes, done, appError, null);
    }

    /** @param passkeyError the message key of a refused passkey registration or name, or {@code null} */
    private void render(Exchange exchange, String email, List<String> newBackupCodes, String done, String appError, String passkeyError)
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
                newBackupCodes, accounts.remainingBackupCodes(subject), accounts.devicesOf(subject), section,
                new PasskeySection(accounts.passkeys().availability() == Passkeys.Availability.AVAILABLE
                        && ceremonies.verifier(request).isPresent(), accounts.passkeys().list(subject), passkeyError), clock.instant());
        PageRenderer.render(request, exchange.response(), Routes.SETTINGS_JSP, view, HttpServletResponse.SC_OK);
    }
}
