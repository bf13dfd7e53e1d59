package io.github.email2fa.web;

import static io.github.email2fa.web.PasskeyAttackTest.challengeOf;
import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.passkey.FakeAuthenticator;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys through the module's pages, without a container: the options the pages fetch, adding a
 * passkey on the settings page, signing in with one on the challenge page (no email), step-ups
 * that take only a passkey or a strong factor, the single use of each session's challenge, and
 * the page's Content-Security-Policy. The "browser" is {@link FakeAuthenticator}; the request
 * comes to {@code https://app.example.com}, which names the relying party by default.
 */
class PasskeyPagesTest extends AppPagesFixture {

    private static final String ORIGIN = "https://app.example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeAuthenticator authenticator = FakeAuthenticator.es256("app.example.com", ORIGIN);

    @Test
    void settingsWhenPasskeyOptionsAskedThenJsonForCreateWithTheRequestsHost() throws Exception {
        start();
        FakeSession session = verified();

        FakeResponse response = web.serve(change(session, "passkeyOptions"));

        JsonNode options = JSON.readTree(response.body());
        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertTrue(response.getContentType().startsWith("application/json"), response.getContentType()),
                () -> assertEquals("no-store", response.getHeader("Cache-Control").split(",")[0].strip()),
                () -> assertEquals("app.example.com", options.get("rp").get("id").asString()),
                () -> assertEquals(43, options.get("challenge").asString().length(), "32 random bytes in base64url"),
                () -> assertEquals(EmailMask.mask(USER), options.get("user").get("name").asString()),
                () -> assertFalse(response.body().contains(USER), "no full address in a response body: " + response.body()),
                () -> assertFalse(Base64.getUrlDecoder().decode(options.get("user").get("id").asString()).length == 0));
    }

    @Test
    void settingsWhenPasskeyAddedThenListedAnnouncedAndTheSessionCountsAsPasskeyVerified() throws Exception {
        start();
        FakeSession session = verified();

        SettingsView page = register(session, "Work laptop");

        assertAll(
                () -> assertEquals(Html.escape(ENGLISH.get("settings.passkey.registered")), page.getDone()),
                () -> assertTrue(page.getPasskeys().contains("<bdi>Work laptop</bdi>"), page.getPasskeys()),
                () -> assertEquals(1, countOf(AuditEvent.Type.PASSKEY_REGISTERED)),
                () -> assertEquals(1, web.module.accounts().passkeys().list(USER).size()),
                () -> assertTrue(((VerifiedMark) session.getAttribute(SessionState.VERIFIED)).passkeyAtMillis() > 0));
    }

    @Test
    void settingsWhenRegistrationPostedTwiceThenTheSecondIsRefusedAsItsChallengeIsSpent() throws Exception {
        start();
        FakeSession session = verified();
        String answer = authenticator.create(challengeOf(web.serve(change(session, "passkeyOptions"))));
        web.serve(change(session, "passkeyRegister").param("credential", answer).param("passkeyName", "Laptop"));

        SettingsView again = settings(change(session, "passkeyRegister").param("credential", answer).param("passkeyName", "Laptop"));

        assertTrue(again.getPasskeys().contains(Html.escape(ENGLISH.get("settings.passkey.refused"))), again.getPasskeys());
        assertEquals(1, web.module.accounts().passkeys().list(USER).size());
    }

    @Test
    void settingsWhenAnotherSessionsChallengeAnsweredThenRefused() throws Exception {
        start();
        FakeSession asked = verified();
        FakeSession other = verified();
        String answer = authenticator.create(challengeOf(web.serve(change(asked, "passkeyOptions"))));

        SettingsView page = settings(change(other, "passkeyRegister").param("credential", answer).param("passkeyName", "Laptop"));

        assertTrue(page.getPasskeys().contains(Html.escape(ENGLISH.get("settings.passkey.refused"))), page.getPasskeys());
        assertTrue(web.module.accounts().passkeys().list(USER).isEmpty());
        assertEquals(0, countOf(AuditEvent.Type.PASSKEY_REGISTERED));
    }

    @Test
    void settingsWhenNameBlankOrTooLongThenRefusedWithTheRule() throws Exception {
        start();
        FakeSession session = verified();
        for (String name : List.of("   ", "x".repeat(65), "bad\u0007name")) {
            String answer = authenticator.create(challengeOf(web.serve(change(session, "passkeyOptions"))));

            SettingsView page = settings(change(session, "passkeyRegister").param("credential", answer).param("passkeyName", name));

            assertTrue(page.getPasskeys().contains(Html.escape(ENGLISH.get("settings.passkey.badName"))), name);
        }
        assertTrue(web.module.accounts().passkeys().list(USER).isEmpty());
    }

    @Test
    void settingsWhenPasskeyRenamedAndRemovedThenOnlyTheOwnersChangesAndTheLastRemovalSaysSo() throws Exception {
        start();
        register(verified(), "Laptop");
        String id = web.module.accounts().passkeys().list(USER).get(0).credentialId();
        FakeSession intruder = signedIn(WebModule.OTHER_USER);
        web.module.accounts().enable(io.github.email2fa.signin.Actor.application(WebModule.OTHER_USER));
        web.markVerified(intruder, WebModule.OTHER_USER, WayIn.EMAIL);

        SettingsView foreignRename = settings(change(intruder, "passkeyRename").param("passkey", id).param("passkeyName", "Mine"));
        SettingsView foreignRemove = settings(change(intruder, "passkeyRemove").param("passkey", id));

        assertEquals(Html.escape(ENGLISH.get("settings.passkey.gone")), foreignRename.getDone());
        assertEquals(Html.escape(ENGLISH.get("settings.passkey.gone")), foreignRemove.getDone());
        assertEquals("Laptop", web.module.accounts().passkeys().list(USER).get(0).name());

        FakeSession owner = verified();
        SettingsView renamed = settings(change(owner, "passkeyRename").param("passkey", id).param("passkeyName", "Old laptop"));
        SettingsView removed = settings(change(owner, "passkeyRemove").param("passkey", id));

        assertEquals(Html.escape(ENGLISH.get("settings.passkey.renamed")), renamed.getDone());
        assertEquals(Html.escape(ENGLISH.get("settings.passkey.removed")), removed.getDone());
        assertTrue(web.module.accounts().passkeys().list(USER).isEmpty());
        List<AuditEvent> removals = web.events.stream().filter(e -> e.type() == AuditEvent.Type.PASSKEY_REMOVED).toList();
        assertEquals(1, removals.size());
        assertEquals("last_strong_factor", removals.get(0).reason());
    }

    @Test
    void challengeWhenUserHasPasskeyThenItIsOfferedFirstAndNoCodeEmailed() throws Exception {
        start();
        register(verified(), "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        FakeRequest request = route("GET", Routes.CHALLENGE).session(signIn);
        FakeResponse response = web.serve(request);

        ChallengeView page = assertInstanceOf(ChallengeView.class, request.forwards().get(0).model());
        assertAll(
                () -> assertEquals("", page.getPasskeyHidden()),
                () -> assertEquals("autofocus", page.getPasskeyAutofocus()),
                () -> assertEquals("hidden", page.getCodeFormHidden()),
                () -> assertEquals(Html.escape(ENGLISH.get("challenge.titleNoEmail")), page.getTitle()),
                () -> assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED), "nothing was sent"),
                () -> assertTrue(response.getHeader("Content-Security-Policy").contains("script-src 'self'"),
                        response.getHeader("Content-Security-Policy")));
    }

    @Test
    void challengeWhenPasskeyAnswersThenSignedInWithoutEmailAndSentToTheTarget() throws Exception {
        start();
        register(verified(), "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        FakeResponse options = web.serve(form(Routes.PASSKEY_OPTIONS, signIn));
        JsonNode json = JSON.readTree(options.body());
        assertEquals(1, json.get("allowCredentials").size());
        authenticator.signCount = 1;
        FakeResponse response = web.serve(form(Routes.PASSKEY, signIn).param("credential", authenticator.get(challengeOf(options), null)));

        assertEquals(303, response.getStatus());
        assertEquals("/account", response.getHeader("Location"));
        assertTrue(web.throughFilter(browserGet("/account", signIn)).passed());
        assertEquals(1, countOf(AuditEvent.Type.PASSKEY_USED));
        assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED));
    }

    @Test
    void challengeWhenAnswerUsesAChallengeOfAnotherSessionThenRefusedAndCounted() throws Exception {
        start();
        register(verified(), "Laptop");
        FakeSession asked = signedIn();
        web.startFlow(asked, "/account");
        FakeSession other = signedIn();
        web.startFlow(other, "/account");
        authenticator.signCount = 1;
        String answer = authenticator.get(challengeOf(web.serve(form(Routes.PASSKEY_OPTIONS, asked))), null);

        FakeRequest replayed = form(Routes.PASSKEY, other).param("credential", answer);
        web.serve(replayed);

        ChallengeView page = assertInstanceOf(ChallengeView.class, replayed.forwards().get(0).model());
        assertEquals(Html.escape(ENGLISH.get("challenge.passkeyExpired")), page.getError());
        assertFalse(web.isVerified(route("GET", "/account").session(other), USER));
        assertEquals(1, countOf(AuditEvent.Type.PASSKEY_FAILED));
    }

    @Test
    void challengeWhenTheSameAnswerPostedTwentyTimesAtOnceThenTheChallengeIsTakenOnce() throws Exception {
        start();
        register(verified(), "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        // Counter 0, as synced passkeys send: the store's compare-and-set cannot tell the copies apart, the session's challenge must.
        String answer = authenticator.get(challengeOf(web.serve(form(Routes.PASSKEY_OPTIONS, signIn))), null);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                posts.add(pool.submit(() -> {
                    start.await();
                    statuses.add(web.serve(form(Routes.PASSKEY, signIn).param("credential", answer)).getStatus());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, countOf(AuditEvent.Type.PASSKEY_USED), "one sign-in: " + statuses);
        assertEquals(1, web.events.stream().filter(e -> e.type() == AuditEvent.Type.VERIFIED).count());
        // The rest were refused for want of a challenge, or found the flow already completed.
        assertEquals(20, statuses.size());
    }

    @Test
    void challengeWhenOptionsAskedByUserWithoutPasskeyThen409AndNoChallengeKept() throws Exception {
        start();
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        FakeResponse response = web.serve(form(Routes.PASSKEY_OPTIONS, signIn));

        assertEquals(409, response.getStatus());
        assertEquals(null, signIn.getAttribute("io.github.email2fa.passkeySignIn"));
    }

    @Test
    void challengeWhenServedOnAnIpAddressThenNoPasskeyOfferedAndTheCodeIsEmailed() throws Exception {
        start();
        register(verified(), "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        FakeRequest request = route("GET", Routes.CHALLENGE).session(signIn).serverName("192.0.2.10");
        web.serve(request);
        FakeResponse options = web.serve(form(Routes.PASSKEY_OPTIONS, signIn).serverName("192.0.2.10"));

        ChallengeView page = assertInstanceOf(ChallengeView.class, request.forwards().get(0).model());
        assertEquals("hidden", page.getPasskeyHidden());
        assertEquals(1, countOf(AuditEvent.Type.CHALLENGE_ISSUED), "with no other way, the code goes out");
        assertEquals(409, options.getStatus());
    }

    @Test
    void stepUpWithPasskeyFactorWhenUserHasOneThenEmailAndAppRefusedAndThePasskeyOpensThePath() throws Exception {
        start("email2fa.stepUp.factor", "passkey");
        register(verified(), "Laptop");
        FakeSession session = verified();
        web.startFlow(session, "/account/delete");

        FakeRequest page = route("GET", Routes.CHALLENGE).session(session);
        web.serve(page);
        FakeRequest emailed = form(Routes.VERIFY, session).param("code", "123456");
        FakeResponse refused = web.serve(emailed);
        FakeRequest app = form(Routes.APP, session).param("appCode", "123456");
        FakeResponse appRefused = web.serve(app);

        ChallengeView view = assertInstanceOf(ChallengeView.class, page.forwards().get(0).model());
        assertEquals(Html.escape(ENGLISH.get("challenge.passkeyOnly")), view.getError());
        assertEquals("", view.getPasskeyHidden());
        WebModule.assertProblemPage(emailed, refused, 403, "problem.passkeyOnly");
        WebModule.assertProblemPage(app, appRefused, 403, "problem.passkeyOnly");
        assertFalse(web.throughFilter(browserGet("/account/delete", session)).passed(), "an emailed code just now is not enough");

        authenticator.signCount = 1;
        web.serve(form(Routes.PASSKEY, session).param("credential",
                authenticator.get(challengeOf(web.serve(form(Routes.PASSKEY_OPTIONS, session))), null)));

        assertTrue(web.throughFilter(browserGet("/account/delete", session)).passed(), "a fresh passkey opens the step-up path");
        assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED));
    }

    @Test
    void stepUpWithPasskeyFactorWhenUserHasNoneThenToldWhereToAddOneAndNothingEmailed() throws Exception {
        start("email2fa.stepUp.factor", "passkey");
        FakeSession session = verified();
        web.startFlow(session, "/account/delete");

        FakeRequest page = route("GET", Routes.CHALLENGE).session(session);
        web.serve(page);

        ChallengeView view = assertInstanceOf(ChallengeView.class, page.forwards().get(0).model());
        assertTrue(view.getError().startsWith(Html.escape(ENGLISH.get("challenge.passkeyNeeded").substring(0, 30))), view.getError());
        assertTrue(view.getError().contains("href=\"/email2fa/settings\""), view.getError());
        assertEquals("hidden", view.getPasskeyHidden());
        assertEquals(0, countOf(AuditEvent.Type.CHALLENGE_ISSUED));
    }

    @Test
    void stepUpWithStrongFactorWhenUserHasAnAppThenTheAppCodeOpensThePathAndEmailDoesNot() throws Exception {
        start("email2fa.stepUp.factor", "strong");
        byte[] secret = addApp(verified());
        FakeSession session = verified();
        web.clock.advance(WebModule.STEP_UP_MAX_AGE.plusMinutes(1));
        web.startFlow(session, "/account/delete");
        FakeRequest emailed = form(Routes.VERIFY, session).param("code", "123456");
        FakeResponse refused = web.serve(emailed);
        FakeRequest backup = form(Routes.BACKUP, session).param("backupCode", "abcde-fghij");
        web.serve(backup);

        WebModule.assertProblemPage(emailed, refused, 403, "problem.strongOnly");
        assertFalse(web.throughFilter(browserGet("/account/delete", session)).passed(), "a backup code does not pass strong");

        web.serve(form(Routes.APP, session).param("appCode", NEXT_STEP.currentCode(secret)));

        assertTrue(web.throughFilter(browserGet("/account/delete", session)).passed());
    }

    @Test
    void settingsUnderPasskeyFactorWhenUserHoldsOneThenAnEmailedCodeAloneDoesNotOpenThem() throws Exception {
        start("email2fa.stepUp.factor", "passkey");
        register(verified(), "Laptop");
        FakeSession mailboxOnly = verified();

        FakeResponse view = web.serve(route("GET", Routes.SETTINGS).session(mailboxOnly));
        FakeRequest remove = change(mailboxOnly, "passkeyRemove").param("passkey",
                web.module.accounts().passkeys().list(USER).get(0).credentialId());
        FakeResponse removal = web.serve(remove);

        assertEquals(303, view.getStatus(), "a step-up for the passkey first");
        WebModule.assertProblemPage(remove, removal, 403, "problem.settingsStale");
        assertEquals(1, web.module.accounts().passkeys().list(USER).size());
    }

    @Test
    void settingsUnderPasskeyFactorWhenSignedInWithThePasskeyThenASecondOneCanBeAdded() throws Exception {
        start("email2fa.stepUp.factor", "passkey");
        register(verified(), "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        authenticator.signCount = 1;
        web.serve(form(Routes.PASSKEY, signIn).param("credential",
                authenticator.get(challengeOf(web.serve(form(Routes.PASSKEY_OPTIONS, signIn))), null)));
        FakeAuthenticator phone = FakeAuthenticator.es256("app.example.com", ORIGIN);

        String answer = phone.create(challengeOf(web.serve(change(signIn, "passkeyOptions"))));
        SettingsView page = settings(change(signIn, "passkeyRegister").param("credential", answer).param("passkeyName", "Phone"));

        assertEquals(Html.escape(ENGLISH.get("settings.passkey.registered")), page.getDone());
        assertEquals(2, web.module.accounts().passkeys().list(USER).size());
    }

    @Test
    void settingsWhenServedThenSectionOffersTheAddFormHiddenUntilTheScriptShowsIt() throws Exception {
        start();
        FakeSession session = verified();
        FakeRequest request = route("GET", Routes.SETTINGS).session(session);

        FakeResponse response = web.serve(request);

        SettingsView page = assertInstanceOf(SettingsView.class, request.forwards().get(0).model());
        String section = page.getPasskeys();
        assertAll(
                () -> assertTrue(section.contains("id=\"passkey-add\" method=\"post\" action=\"/email2fa/settings\" hidden"), section),
                () -> assertTrue(section.contains("data-email2fa-no-passkey"), section),
                () -> assertEquals("/email2fa/passkey.js", page.getPasskeyScript()),
                () -> assertNotNull(response.getHeader("Content-Security-Policy")));
    }

    @Test
    void passkeyScriptWhenLoadedThenServedAsJavaScriptFromTheJar() throws Exception {
        start();

        FakeResponse response = web.serve(route("GET", Routes.PASSKEY_SCRIPT));

        assertEquals(200, response.getStatus());
        assertEquals("text/javascript", response.getContentType().split(";")[0]);
        assertTrue(response.body().contains("navigator.credentials"));
    }

    /** Adds a passkey on the settings page of {@code session}, answering its options as the fake authenticator; returns the page. */
    private SettingsView register(FakeSession session, String name) throws Exception {
        String answer = authenticator.create(challengeOf(web.serve(change(session, "passkeyOptions"))));
        return settings(change(session, "passkeyRegister").param("credential", answer).param("passkeyName", name));
    }

}
