package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.STEP_UP_MAX_AGE;
import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.flowOf;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.web.SignInFlow.Purpose;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GET and POST {@code /email2fa/settings}: who gets in (a session that owes the code goes to the
 * challenge; every view and change needs a code within {@code email2fa.stepUp.maxAge}), and each
 * change, made through the account service and shown on the page.
 */
class SettingsPageTest {

    private static final Messages ENGLISH = Messages.forLocale(Locale.ENGLISH);

    private WebModule web = WebModule.start();

    @AfterEach
    void stop() {
        web.close();
    }

    // ---- who gets in ----

    @Test
    void showWhenSessionOwesCodeThenSignInFlowBackToSettingsAnd303ToChallenge() throws Exception {
        FakeSession session = signedIn();

        FakeResponse response = web.serve(get(session));

        assertAll(
                () -> assertEquals(303, response.getStatus()),
                () -> assertEquals("/email2fa/challenge", response.getHeader("Location")),
                () -> assertEquals(Purpose.SIGN_IN, flowOf(session).purpose()),
                () -> assertEquals("/email2fa/settings", flowOf(session).target()));
    }

    @Test
    void changeWhenSessionOwesCodeThen403AndNothingChanged() throws Exception {
        web.close();
        web = WebModule.start("email2fa.policy", "optional");
        web.enrol(USER);
        FakeSession session = signedIn();

        FakeRequest request = change(session, "disable");
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "problem.signInFirst");
        assertTrue(web.module.accounts().isEnrolled(USER));
    }

    @ParameterizedTest(name = "verified {0} ago -> {1}")
    @CsvSource({"PT0S, 200", "PT5M, 200", "PT5M0.001S, 303", "PT2H, 303"})
    void showWhenVerificationAgesThenFreshCodeNeededAfterMaxAge(Duration age, int status) throws Exception {
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(age);

        FakeResponse response = web.serve(get(session));

        assertEquals(status, response.getStatus());
    }

    @Test
    void showWhenVerificationStaleThenConfirmFlowBackToSettings() throws Exception {
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(STEP_UP_MAX_AGE.plusMillis(1));

        FakeResponse response = web.serve(get(session).contextPath("/shop"));

        assertAll(
                () -> assertEquals("/shop/email2fa/challenge", response.getHeader("Location")),
                () -> assertEquals(Purpose.CONFIRM, flowOf(session).purpose()),
                () -> assertEquals("/shop/email2fa/settings", flowOf(session).target()));
    }

    @Test
    void showWhenConfirmCodeEnteredThenPageOpens() throws Exception {
        FakeSession session = signedIn();
        web.markRemembered(session, USER);
        web.serve(get(session));
        FakeResponse verified = web.serve(form(Routes.VERIFY, session).param("code", web.issueCode(session)));

        FakeResponse response = web.serve(get(session));

        assertEquals("/email2fa/settings", verified.getHeader("Location"));
        assertEquals(200, response.getStatus());
    }

    @Test
    void showWhenRememberedDeviceOnlyThenConfirmFlow() throws Exception {
        FakeSession session = signedIn();
        web.markRemembered(session, USER);

        FakeResponse response = web.serve(get(session));

        assertEquals(303, response.getStatus());
        assertEquals(Purpose.CONFIRM, flowOf(session).purpose());
    }

    @Test
    void changeWhenVerificationStaleThen403AndNothingChanged() throws Exception {
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(STEP_UP_MAX_AGE.plusMillis(1));

        FakeRequest request = change(session, "regenerate");
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "problem.settingsStale");
        assertEquals(0, web.module.accounts().remainingBackupCodes(USER));
    }

    @Test
    void showWhenOptionalPolicyAndNotEnrolledThenStillConfirmByEmailFirst() throws Exception {
        web.close();
        web = WebModule.start("email2fa.policy", "optional");
        FakeSession session = signedIn();

        FakeResponse response = web.serve(get(session));

        assertEquals(303, response.getStatus());
        assertEquals(Purpose.CONFIRM, flowOf(session).purpose());
    }

    @Test
    void showWhenUserHasNoAddressThen403() throws Exception {
        FakeSession session = signedIn("bob");
        web.markVerified(session, "bob", WayIn.EMAIL);

        FakeRequest request = route("GET", Routes.SETTINGS).session(session);
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "challenge.noEmail");
    }

    // ---- the page ----

    @Test
    void showWhenFreshUnderRequiredPolicyThenCodesOnAndCannotBeTurnedOff() throws Exception {
        FakeSession session = verifiedSession();

        FakeRequest request = get(session).contextPath("/shop");
        FakeResponse response = web.serve(request);

        SettingsView view = request.model(SettingsView.class);
        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals("no-store", response.getHeader("Cache-Control")),
                () -> assertEquals(Routes.SETTINGS_JSP, request.forwards().get(0).path()),
                () -> assertEquals(ENGLISH.html("settings.on", Html.isolated(EmailMask.mask(USER))).toString(), view.getStatus()),
                () -> assertEquals("hidden", view.getToggleHidden()),
                () -> assertEquals(Html.escape(ENGLISH.get("settings.requiredByPolicy")), view.getPolicyNote()),
                () -> assertEquals("", view.getDone()),
                () -> assertEquals("/shop/email2fa/settings", view.getAction()),
                () -> assertEquals(Csrf.token(session), view.getCsrf()),
                () -> assertEquals("<p>" + Html.escape(ENGLISH.get("settings.devices.none")) + "</p>", view.getDevices()));
    }

    @Test
    void showWhenOptionalPolicyAndNotEnrolledThenOfferToTurnOn() throws Exception {
        web.close();
        web = WebModule.start("email2fa.policy", "optional");

        FakeRequest request = get(verifiedSession());
        web.serve(request);

        SettingsView view = request.model(SettingsView.class);
        assertEquals(Html.escape(ENGLISH.get("settings.off")), view.getStatus());
        assertEquals("enable", view.getToggle());
        assertEquals("", view.getToggleHidden());
    }

    // ---- changes ----

    @Test
    void changeWhenEnableThenEnrolledAndSessionKnowsIt() throws Exception {
        web.close();
        web = WebModule.start("email2fa.policy", "optional");
        FakeSession session = verifiedSession();

        FakeRequest request = change(session, "enable");
        web.serve(request);

        SettingsView view = request.model(SettingsView.class);
        assertAll(
                () -> assertTrue(web.module.accounts().isEnrolled(USER)),
                () -> WebModule.assertPolicyMark(USER, true, false, session.getAttribute(SessionState.POLICY)),
                () -> assertEquals(Html.escape(ENGLISH.get("settings.done")), view.getDone()),
                () -> assertEquals("disable", view.getToggle()));
    }

    @Test
    void changeWhenDisableThenNotEnrolledAndDevicesForgotten() throws Exception {
        web.close();
        web = WebModule.start("email2fa.policy", "optional");
        web.enrol(USER);
        rememberDevice();
        FakeSession session = verifiedSession();
        session.setAttribute(SessionState.POLICY, web.policyMark(USER, true, true));

        FakeRequest request = change(session, "disable");
        web.serve(request);

        assertAll(
                () -> assertFalse(web.module.accounts().isEnrolled(USER)),
                () -> assertEquals(List.of(), web.module.accounts().devicesOf(USER)),
                () -> WebModule.assertPolicyMark(USER, false, true, session.getAttribute(SessionState.POLICY)),
                () -> assertEquals("enable", request.model(SettingsView.class).getToggle()));
    }

    @Test
    void changeWhenDisableUnderRequiredPolicyThen403AndStillEnrolled() throws Exception {
        web.enrol(USER);

        FakeRequest request = change(verifiedSession(), "disable");
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "settings.requiredByPolicy");
        assertTrue(web.module.accounts().isEnrolled(USER));
    }

    @Test
    void changeWhenRegenerateThenNewCodesShownOnce() throws Exception {
        FakeSession session = verifiedSession();

        FakeRequest request = change(session, "regenerate");
        web.serve(request);
        FakeRequest later = get(session);
        web.serve(later);

        SettingsView view = request.model(SettingsView.class);
        assertAll(
                () -> assertEquals(10, Pattern.compile("<li><code>[^<]+</code></li>").matcher(view.getNewCodes()).results().count()),
                () -> assertEquals("", view.getNewCodesHidden()),
                () -> assertEquals(Html.escape(ENGLISH.get("settings.backup.remaining", 10)), view.getBackupRemaining()),
                () -> assertEquals("", later.model(SettingsView.class).getNewCodes()),
                () -> assertEquals("hidden", later.model(SettingsView.class).getNewCodesHidden()));
    }

    @Test
    void changeWhenForgetThenOnlyThatDeviceGone() throws Exception {
        RememberedDevice kept = rememberDevice();
        RememberedDevice forgotten = rememberDevice();

        FakeRequest request = change(verifiedSession(), "forget").param("device", forgotten.id());
        web.serve(request);

        assertEquals(List.of(kept.id()), web.module.accounts().devicesOf(USER).stream().map(RememberedDevice::id).toList());
        assertTrue(request.model(SettingsView.class).getDevices().contains(kept.id()));
        assertEquals(Html.escape(ENGLISH.get("settings.devices.forgotten")), request.model(SettingsView.class).getDone());
    }

    @Test
    void changeWhenForgetADeviceAlreadyGoneThenPageSaysSoNotDone() throws Exception {
        RememberedDevice forgotten = rememberDevice();
        web.module.accounts().forgetAllDevices(Actor.application(USER));

        FakeRequest request = change(verifiedSession(), "forget").param("device", forgotten.id());
        web.serve(request);

        assertEquals(Html.escape(ENGLISH.get("settings.devices.alreadyForgotten")), request.model(SettingsView.class).getDone());
    }

    @Test
    void showWhenDevicesRememberedThenTimesRelativeWithUtcInstantAndNameIsolated() throws Exception {
        RememberedDevice device = rememberDevice();
        // The services remember on their own clock; the page's clock is set two days after that.
        web.clock.advance(Duration.between(web.clock.instant(), device.createdAt()).plusDays(2).plusMinutes(5));
        FakeSession session = verifiedSession();

        FakeRequest request = get(session);
        web.serve(request);

        String devices = request.model(SettingsView.class).getDevices();
        String datetime = device.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertTrue(devices.contains("<bdi>" + Html.escape(device.userAgentSummary()) + "</bdi>, remembered <time datetime=\"" + datetime + "\""),
                devices);
        assertTrue(devices.contains(" UTC\">2 days ago</time>, last used <time datetime="), devices);
    }

    @Test
    void viewWhenDevicesListedThenEachForgetButtonIsDescribedByItsDevice() throws Exception {
        rememberDevice();
        rememberDevice();

        FakeRequest request = change(verifiedSession(), "regenerate");
        web.serve(request);

        String devices = request.model(SettingsView.class).getDevices();
        for (String id : List.of("device-1", "device-2")) {
            assertTrue(devices.contains("<li><span id=\"" + id + "\">"), devices);
            assertTrue(devices.contains("<button type=\"submit\" aria-describedby=\"" + id + "\">"), devices);
        }
    }

    @Test
    void changeWhenForgetAnotherUsersDeviceThenItStays() throws Exception {
        RememberedDevice others = web.module.accounts().rememberDevice(Actor.application(WebModule.OTHER_USER), "Firefox", 30).device();

        FakeResponse response = web.serve(change(verifiedSession(), "forget").param("device", others.id()));

        assertEquals(200, response.getStatus());
        assertEquals(List.of(others), web.module.accounts().devicesOf(WebModule.OTHER_USER));
    }

    @Test
    void changeWhenForgetAllThenNoDevices() throws Exception {
        rememberDevice();
        rememberDevice();

        FakeRequest request = change(verifiedSession(), "forgetAll");
        web.serve(request);

        assertEquals(List.of(), web.module.accounts().devicesOf(USER));
        assertEquals("<p>" + Html.escape(ENGLISH.get("settings.devices.none")) + "</p>", request.model(SettingsView.class).getDevices());
        assertEquals(Html.escape(ENGLISH.get("settings.devices.allForgotten")), request.model(SettingsView.class).getDone());
    }

    @ParameterizedTest(name = "action \"{0}\"")
    @CsvSource(nullValues = "null", value = {"explode", "''", "ENABLE", "null"})
    void changeWhenActionUnknownThen400AndNothingChanged(String action) throws Exception {
        FakeRequest request = form(Routes.SETTINGS, verifiedSession());
        if (action != null) {
            request.param("action", action);
        }

        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 400, "problem.unknownAction");
        assertFalse(web.module.accounts().isEnrolled(USER));
    }

    private FakeSession verifiedSession() {
        FakeSession session = signedIn();
        web.verifyNow(session);
        return session;
    }

    private RememberedDevice rememberDevice() {
        return web.module.accounts().rememberDevice(Actor.application(USER), "Firefox", 30).device();
    }

    private static FakeRequest get(FakeSession session) {
        return route("GET", Routes.SETTINGS).session(session);
    }

    private static FakeRequest change(FakeSession session, String action) {
        return form(Routes.SETTINGS, session).param("action", action);
    }
}
