package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.device.DeviceCookie;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeSession;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules for sessions around the second factor: an account change reaches the account's other
 * sessions, verification has a maximum age, and session IDs from URLs are refused.
 */
class SessionRulesTest {

    private static final String PROTECTED = "/account";

    private WebModule web = WebModule.start();

    @AfterEach
    void stop() {
        web.close();
    }

    private WebModule.Filtered filter(FakeRequest request) throws Exception {
        return web.throughFilter(request);
    }

    private static boolean sentToChallenge(WebModule.Filtered filtered) {
        return !filtered.passed() && filtered.response().getStatus() == 303
                && filtered.response().getHeader("Location").endsWith(Routes.PREFIX + Routes.CHALLENGE);
    }

    private Actor alice() {
        return Actor.application(USER);
    }

    // ---- an account change reaches every session ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"enable", "disable", "regenerate", "passwordChanged", "endOtherSessions", "forgetAll"})
    void verifiedSessionWhenAccountChangesElsewhereThenSentToChallenge(String change) throws Exception {
        web.enrol(USER);
        FakeSession other = signedIn();
        web.verifyNow(other);
        web.module.accounts().rememberDevice(alice(), "Firefox", 30);
        assertTrue(filter(browserGet(PROTECTED, other)).passed(), "verified before the change");
        web.clock.advance(Duration.ofSeconds(1));

        switch (change) {
            case "enable" -> web.module.accounts().enable(alice());
            case "disable" -> web.module.accounts().disable(alice());
            case "regenerate" -> web.module.accounts().regenerateBackupCodes(alice());
            case "passwordChanged" -> web.module.passwordChanged(USER);
            case "endOtherSessions" -> web.module.accounts().endOtherSessions(alice());
            default -> web.module.accounts().forgetAllDevices(alice());
        }

        assertTrue(sentToChallenge(filter(browserGet(PROTECTED, other))), "the other session passes again (required policy)");
        assertNull(other.getAttribute(SessionState.VERIFIED));
    }

    @Test
    void verifiedSessionWhenAccountUnchangedThenStoreLookedUpOnceAfterAnotherAccountChanged() throws Exception {
        FakeSession session = signedIn();
        web.verifyNow(session);

        web.module.accounts().enable(Actor.application(WebModule.OTHER_USER));

        assertTrue(filter(browserGet(PROTECTED, session)).passed());
        VerifiedMark mark = (VerifiedMark) session.getAttribute(SessionState.VERIFIED);
        assertEquals(web.module.epochs().version(), mark.watermark().checkedVersion(), "the look is noted, so the next request skips it");
    }

    @Test
    void notEnrolledSessionWhenCodesTurnedOnElsewhereThenItOwesTheCode() throws Exception {
        web.close();
        web = WebModule.start("email2fa.policy", "optional");
        FakeSession other = signedIn();
        assertTrue(filter(browserGet(PROTECTED, other)).passed(), "no code needed before");

        web.module.accounts().enable(alice());

        assertTrue(sentToChallenge(filter(browserGet(PROTECTED, other))));
    }

    @Test
    void settingsChangeWhenMadeInThisSessionThenThisSessionGoesOnAndTheOtherPassesAgain() throws Exception {
        web.enrol(USER);
        FakeSession current = signedIn();
        FakeSession other = signedIn();
        web.verifyNow(current);
        web.verifyNow(other);
        web.clock.advance(Duration.ofSeconds(1));

        web.serve(form(Routes.SETTINGS, current).param("action", "endOtherSessions"));

        assertAll(
                () -> assertTrue(filter(browserGet(PROTECTED, current)).passed(), "the session that made the change goes on"),
                () -> assertTrue(sentToChallenge(filter(browserGet(PROTECTED, other))), "the other one passes again"));
    }

    @Test
    void rememberedDeviceSessionWhenDeviceForgottenElsewhereThenOwesTheCodeAndTheCookieNoLongerSkipsIt() throws Exception {
        web.enrol(USER);
        String token = web.module.accounts().rememberDevice(alice(), "Firefox", 30).token();
        FakeSession session = signedIn();
        FakeRequest first = browserGet(PROTECTED, session).cookie(DeviceCookie.create(token, Duration.ofDays(30), true));
        WebModule.Filtered admitted = filter(first);
        assertTrue(admitted.passed(), "the remembered device skipped the code");
        String rotated = admitted.response().cookies().get(0).getValue();

        web.module.accounts().forgetAllDevices(alice());

        assertTrue(sentToChallenge(filter(browserGet(PROTECTED, session).cookie(DeviceCookie.create(rotated, Duration.ofDays(30), true)))));
    }

    // ---- maximum age ----

    @Test
    void verifiedSessionWhenOlderThanMaxAgeThenSentToChallengeAndEventSaysMaxAge() throws Exception {
        web.close();
        web = WebModule.start("email2fa.verified.maxAge", "1h");
        List<AuditEvent> events = web.events;
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(Duration.ofHours(1));
        assertTrue(filter(browserGet(PROTECTED, session)).passed(), "exactly the maximum age still holds");

        web.clock.advance(Duration.ofMillis(1));

        WebModule.Filtered filtered = filter(browserGet(PROTECTED, session));
        assertTrue(sentToChallenge(filtered));
        assertEquals(PROTECTED, WebModule.flowOf(session).target(), "back to the page asked for after the code");
        assertTrue(events.stream().anyMatch(e -> e.type() == AuditEvent.Type.REVERIFICATION_REQUIRED && "max_age".equals(e.reason())),
                events.toString());
    }

    @Test
    void verifiedSessionWhenMaxAgeIsOffThenDaysLaterStillVerified() throws Exception {
        web.close();
        web = WebModule.start("email2fa.verified.maxAge", "0");
        FakeSession session = signedIn();
        web.verifyNow(session);

        web.clock.advance(Duration.ofDays(40));

        assertTrue(filter(browserGet(PROTECTED, session)).passed());
    }

    @Test
    void jsonRequestWhenVerificationTooOldThen401() throws Exception {
        web.close();
        web = WebModule.start("email2fa.verified.maxAge", "1h");
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(Duration.ofHours(2));

        WebModule.Filtered filtered = filter(FakeRequest.get(PROTECTED).header("Accept", "application/json").session(session));

        assertEquals(401, filtered.response().getStatus());
    }

    // ---- session IDs from URLs ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PROTECTED, "/email2fa/challenge", "/email2fa/verify", "/email2fa/settings", "/account/delete"})
    void requestWhenSessionIdCameInUrlThen400AndNothingServed(String path) throws Exception {
        List<AuditEvent> events = web.events;
        FakeSession session = signedIn();
        web.verifyNow(session);

        WebModule.Filtered filtered = filter(browserGet(path, session).sessionIdFromUrl(true));

        assertAll(
                () -> assertFalse(filtered.passed()),
                () -> assertEquals(400, filtered.response().getStatus()),
                () -> assertTrue(filtered.response().body().contains("session ID"), filtered.response().body()),
                () -> assertTrue(events.stream().anyMatch(e -> e.type() == AuditEvent.Type.SESSION_ID_REJECTED
                        && "in_url".equals(e.reason()) && USER.equals(e.subject())), events.toString()));
    }

    @Test
    void excludedPathWhenSessionIdCameInUrlThenPassed() throws Exception {
        assertTrue(filter(browserGet("/login", signedIn()).sessionIdFromUrl(true)).passed());
    }

    @Test
    void requestWhenSessionIdInUrlAllowedBySettingThenTheUsualDecision() throws Exception {
        web.close();
        web = WebModule.start("email2fa.session.rejectUrlIds", "false");
        FakeSession session = signedIn();
        web.verifyNow(session);

        assertTrue(filter(browserGet(PROTECTED, session).sessionIdFromUrl(true)).passed());
    }
}
