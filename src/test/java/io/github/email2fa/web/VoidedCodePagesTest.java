package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.flowOf;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.device.DeviceCookie;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.text.TimeFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Covers what the challenge page says when the module voided something the user may still hold:
 * the code a resend replaced, an expired code, the codes a lockout voided, a browser no longer
 * remembered; and that its times are relative, with the exact instant in UTC, in every language.
 */
class VoidedCodePagesTest {

    private static final Messages ENGLISH = Messages.forLocale(Locale.ENGLISH);

    private WebModule web = WebModule.start("email2fa.resend.cooldown", "0s");

    @AfterEach
    void close() {
        web.close();
    }

    @Test
    void showWhenCodeWasResentThenStatusSaysANewCodeWentAndEarlierOnesStopped() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        web.issueCode(session);
        Challenge second = delivered(session, web.issueCode(session));
        pageClockAt(second.sentAt().plusSeconds(125));

        FakeRequest request = challengePage(session, Locale.ENGLISH);
        web.serve(request);

        assertEquals(ENGLISH.html("challenge.resent", Html.isolated(EmailMask.mask(USER)), Html.time(second.sentAt(), "2 minutes ago"))
                .toString(), request.model(ChallengeView.class).getStatus());
        assertTrue(request.model(ChallengeView.class).getStatus().contains("The codes we sent before it no longer work."));
    }

    @Test
    void showWhenFirstCodeOnlyThenStatusSaysSentWithoutReplacing() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        Challenge first = delivered(session, web.issueCode(session));
        pageClockAt(first.sentAt().plusSeconds(20));

        FakeRequest request = challengePage(session, Locale.ENGLISH);
        web.serve(request);

        assertEquals(ENGLISH.html("challenge.sent", Html.isolated(EmailMask.mask(USER)), Html.time(first.sentAt(), "moments ago"))
                .toString(), request.model(ChallengeView.class).getStatus());
    }

    @Test
    void verifyWhenTheCodeAResendReplacedIsTypedThenPageSaysANewerCodeReplacedIt() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String older = web.issueCode(session);
        String newer = web.issueCode(session);
        if (older.equals(newer)) {
            return; // one in a million: the two draws are the same code, which then simply works
        }

        FakeRequest request = form(Routes.VERIFY, session).param("code", older);
        web.serve(request);

        assertAll(
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.replaced")), request.model(ChallengeView.class).getError()),
                () -> assertEquals("replaced_code", web.events.get(web.events.size() - 1).reason()),
                () -> assertNull(session.getAttribute(SessionState.VERIFIED)));
        web.serve(form(Routes.VERIFY, session).param("code", newer));
        assertTrue(web.isVerified(browserGet("/account", session), USER), "the newest code still works");
    }

    @Test
    void verifyWhenTheFlowsCodeIsGoneThenPageSaysItExpired() throws Exception {
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        String code = web.issueCode(session);
        web.module.challenges().cancel(flow.id());

        FakeRequest request = form(Routes.VERIFY, session).param("code", code);
        web.serve(request);

        ChallengeView view = request.model(ChallengeView.class);
        assertAll(
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.codeExpired")), view.getError()),
                () -> assertEquals(ENGLISH.html("challenge.expired", Html.isolated(EmailMask.mask(USER))).toString(), view.getStatus()));
    }

    @Test
    void showWhenALockoutVoidedTheCodeThenStatusSaysWhyItStoppedWorking() throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "1");
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        String code = web.issueCode(session);
        web.serve(form(Routes.VERIFY, session).param("code", code.equals("000000") ? "111111" : "000000"));

        FakeRequest request = challengePage(session, Locale.ENGLISH);
        web.serve(request);

        assertEquals(Challenge.State.VOIDED, web.module.challenges().find(flow.id()).orElseThrow().state());
        assertEquals(Html.escape(ENGLISH.get("challenge.voided")), request.model(ChallengeView.class).getStatus());
    }

    @Test
    void showWhenDeviceCookieNoLongerRememberedThenPageSaysSoUntilTheCodeIsEntered() throws Exception {
        String token = web.module.accounts().rememberDevice(Actor.application(USER), "Firefox", 30).token();
        web.module.accounts().forgetAllDevices(Actor.application(USER));
        FakeSession session = signedIn();
        web.throughFilter(browserGet("/account", session).cookie(DeviceCookie.create(token, Duration.ofDays(30), true)));
        String code = web.issueCode(session);

        FakeRequest request = challengePage(session, Locale.ENGLISH);
        web.serve(request);

        String status = request.model(ChallengeView.class).getStatus();
        assertTrue(status.startsWith(Html.escape(ENGLISH.get("challenge.deviceNotRemembered", "")).strip()), status);
        web.serve(form(Routes.VERIFY, session).param("code", code));
        assertNull(session.getAttribute(SessionState.DEVICE_NOT_REMEMBERED), "said once per sign-in");
    }

    @Test
    void showWhenNoDeviceCookieThenNothingSaidOfDevices() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        web.issueCode(session);

        FakeRequest request = challengePage(session, Locale.ENGLISH);
        web.serve(request);

        assertFalse(request.model(ChallengeView.class).getStatus().contains(Html.escape(ENGLISH.get("challenge.deviceNotRemembered", ""))
                .strip()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "fr", "es", "it", "nl", "pt-BR", "pl", "ar"})
    void showWhenCodeSentThenTimeIsRelativeInThePagesLanguageWithTheUtcInstantAndNoClockTime(String language) throws Exception {
        Locale locale = Locale.forLanguageTag(language);
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        Challenge sent = delivered(session, web.issueCode(session));
        pageClockAt(sent.sentAt().plusSeconds(185));

        FakeRequest request = challengePage(session, locale);
        web.serve(request);

        String status = request.model(ChallengeView.class).getStatus();
        String words = TimeFormat.ago(sent.sentAt(), sent.sentAt().plusSeconds(185), locale);
        assertAll(
                () -> assertTrue(status.contains(">" + Html.escape(words) + "</time>"), status),
                () -> assertTrue(words.contains("3"), "three minutes: " + words),
                () -> assertTrue(status.contains("<time datetime=\"" + sent.sentAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + "\""), status),
                () -> assertTrue(status.contains(" UTC\">"), "the tooltip names its zone: " + status),
                () -> assertTrue(status.contains("<bdi>" + Html.escape(EmailMask.mask(USER)) + "</bdi>"), status),
                () -> assertFalse(status.matches("(?s).*\\d{1,2}:\\d\\d.*</time>.*") && !status.contains("title="), status));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "fr", "es", "it", "nl", "pt-BR", "pl", "ar"})
    void showWhenLockedThenTheWaitIsRelativeInThePagesLanguage(String language) throws Exception {
        web.close();
        web = WebModule.start("email2fa.lockout.threshold", "1", "email2fa.lockout.durations", "15m");
        Locale locale = Locale.forLanguageTag(language);
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String code = web.issueCode(session);
        web.serve(form(Routes.VERIFY, session).param("code", code.equals("000000") ? "111111" : "000000"));

        FakeRequest request = challengePage(session, locale);
        web.serve(request);

        String error = request.model(ChallengeView.class).getError();
        String words = TimeFormat.in(Duration.ofMinutes(15), web.clock.instant(), locale);
        assertTrue(error.contains(">" + Html.escape(words) + "</time>"), error);
        assertTrue(words.contains("15"), words);
    }

    /** Marks the flow's current code as delivered, as the mail thread would, and returns it. */
    private Challenge delivered(FakeSession session, String code) {
        SignInFlow flow = flowOf(session);
        Challenge challenge = web.module.challenges().find(flow.id()).orElseThrow();
        web.module.challenges().recordDelivery(flow.id(), challenge.id(), true);
        return web.module.challenges().find(flow.id()).orElseThrow();
    }

    /** Moves the page's clock to {@code at}; the services keep their own, real clock. */
    private void pageClockAt(Instant at) {
        web.clock.advance(Duration.between(web.clock.instant(), at));
    }

    private static FakeRequest challengePage(FakeSession session, Locale locale) {
        return route("GET", Routes.CHALLENGE).session(session).locale(locale);
    }
}
