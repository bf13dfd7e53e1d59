package io.github.email2fa.web;

import static io.github.email2fa.web.PasskeyAttackTest.challengeOf;
import static io.github.email2fa.web.WebModule.OTHER_USER;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.accounts.OutageSimulatingAccountStore;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.passkey.FakeAuthenticator;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attacks on passkeys that the module withstood when reviewed; kept as regression tests.
 */
class PasskeyDefencesTest extends AppPagesFixture {

    private static final String ORIGIN = "https://app.example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CSP = PageRenderer.CONTENT_SECURITY_POLICY;

    private final FakeAuthenticator alices = FakeAuthenticator.es256("app.example.com", ORIGIN);
    private final FakeAuthenticator mallorys = FakeAuthenticator.es256("app.example.com", ORIGIN);

    @AfterEach
    void storeUp() {
        OutageSimulatingAccountStore.DOWN.set(false);
        SharedAccountStore.reset();
    }

    @Test
    void userSwitchInOneSessionWhenTheFormerUsersChallengeIsAnsweredThenRefused() throws Exception {
        start();
        register(verified(), alices, "Alice's");
        web.enrol(OTHER_USER);
        FakeSession mallory = signedIn(OTHER_USER);
        web.markVerified(mallory, OTHER_USER, WayIn.EMAIL);
        register(mallory, mallorys, "Mallory's");

        FakeSession shared = signedIn(USER);
        web.startFlow(shared, "/account");
        FakeResponse alicesOptions = web.serve(form(Routes.PASSKEY_OPTIONS, shared));
        shared.setAttribute("user", OTHER_USER);
        web.startFlow(shared, "/account");
        mallorys.signCount = 1;
        web.serve(form(Routes.PASSKEY, shared).param("credential", mallorys.get(challengeOf(alicesOptions), null)));

        assertFalse(web.isVerified(route("GET", "/account").session(shared), OTHER_USER));
        assertEquals(0, countOf(AuditEvent.Type.PASSKEY_USED));
    }

    @Test
    void signInWhenARegistrationAnswerIsPostedThenRefused() throws Exception {
        start();
        register(verified(), alices, "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        FakeRequest posted = form(Routes.PASSKEY, signIn).param("credential",
                alices.create(challengeOf(web.serve(form(Routes.PASSKEY_OPTIONS, signIn)))));
        FakeResponse response = web.serve(posted);

        assertEquals(200, response.getStatus());
        ChallengeView page = assertInstanceOf(ChallengeView.class, posted.forwards().get(0).model());
        assertEquals(Html.escape(ENGLISH.get("challenge.passkeyRefused")), page.getError());
        assertFalse(web.isVerified(route("GET", "/account").session(signIn), USER));
    }

    @Test
    void registrationWhenASignInAnswerIsPostedThenRefused() throws Exception {
        start();
        register(verified(), alices, "Laptop");
        FakeSession session = verified();
        FakeResponse options = web.serve(change(session, "passkeyOptions"));
        alices.signCount = 3;

        SettingsView page = settings(change(session, "passkeyRegister").param("credential", alices.get(challengeOf(options), null))
                .param("passkeyName", "Again"));

        assertTrue(page.getPasskeys().contains(Html.escape(ENGLISH.get("settings.passkey.refused"))), page.getPasskeys());
        assertEquals(1, web.module.accounts().passkeys().list(USER).size());
    }

    @Test
    void registrationWhenAnotherUsersCredentialIdIsRegisteredThenRefusedAndTheirsUntouched() throws Exception {
        start();
        register(verified(), alices, "Laptop");
        web.enrol(OTHER_USER);
        FakeSession mallory = signedIn(OTHER_USER);
        web.markVerified(mallory, OTHER_USER, WayIn.EMAIL);
        // Mallory's own key under the id of Alice's credential.
        String answer = mallorys.withCredentialId(alices.credentialId()).create(challengeOf(web.serve(change(mallory, "passkeyOptions"))));

        SettingsView page = settings(change(mallory, "passkeyRegister").param("credential", answer).param("passkeyName", "Mine"));

        assertTrue(page.getPasskeys().contains(Html.escape(ENGLISH.get("settings.passkey.already"))), page.getPasskeys());
        assertTrue(web.module.accounts().passkeys().list(OTHER_USER).isEmpty());
        assertEquals("Laptop", web.module.accounts().passkeys().list(USER).get(0).name());
    }

    @Test
    void renameAndRemoveWhenIdsAreOddlyEncodedThenNothingChanges() throws Exception {
        start();
        register(verified(), alices, "Laptop");
        String id = web.module.accounts().passkeys().list(USER).get(0).credentialId();
        FakeSession session = verified();
        List<String> odd = List.of(id + "==", id.replace('-', '+').replace('_', '/') + "+/", " " + id, id + "\u0000", "x".repeat(5000),
                "null", "", id.toLowerCase(java.util.Locale.ROOT).equals(id) ? id.toUpperCase(java.util.Locale.ROOT) : id.toLowerCase(java.util.Locale.ROOT));
        for (String candidate : odd) {
            if (candidate.equals(id)) {
                continue;
            }
            FakeResponse renamed = web.serve(change(session, "passkeyRename").param("passkey", candidate).param("passkeyName", "Evil"));
            FakeResponse removed = web.serve(change(session, "passkeyRemove").param("passkey", candidate));
            assertTrue(renamed.getStatus() < 500 && removed.getStatus() < 500, candidate);
        }

        assertEquals(1, web.module.accounts().passkeys().list(USER).size());
        assertEquals("Laptop", web.module.accounts().passkeys().list(USER).get(0).name());
    }

    @Test
    void nameWhenMarkupOrLineBreaksThenEscapedOrRefused() throws Exception {
        start();
        FakeSession session = verified();
        SettingsView added = register(session, alices, "<img src=x onerror=alert(1)>\"'");
        String id = web.module.accounts().passkeys().list(USER).get(0).credentialId();

        SettingsView crlf = settings(change(session, "passkeyRename").param("passkey", id).param("passkeyName", "a\r\nevent=forged"));

        assertAll(
                () -> assertFalse(added.getPasskeys().contains("<img"), added.getPasskeys()),
                () -> assertTrue(added.getPasskeys().contains("&lt;img"), added.getPasskeys()),
                () -> assertTrue(crlf.getPasskeys().contains(Html.escape(ENGLISH.get("settings.passkey.badName"))), crlf.getPasskeys()),
                () -> assertEquals("<img src=x onerror=alert(1)>\"'", web.module.accounts().passkeys().list(USER).get(0).name()));
    }

    @Test
    void optionsWhenUserNameHoldsQuotesAndScriptEndTagThenValidJsonWithoutMarkup() throws Exception {
        // The pages only take plausible addresses as user names, so the options writer is tested directly.
        io.github.email2fa.passkey.PasskeyVerifier verifier = new io.github.email2fa.passkey.PasskeyVerifier(
                io.github.email2fa.passkey.PasskeySettings.defaults("app.example.com", "</script>\"Shop", java.util.Set.of(ORIGIN)),
                new java.security.SecureRandom(), java.time.Clock.systemUTC());
        String odd = "x\"</script><script>alert(1)</script>\u2028@example.com";

        String json = verifier.creationOptions(verifier.newChallenge(), verifier.newUserHandle(), odd, odd, List.of());

        assertFalse(json.contains("</script") || json.contains("<") || json.contains("\u2028"), json);
        assertEquals(odd, JSON.readTree(json).get("user").get("name").asString());
        assertEquals("</script>\"Shop", JSON.readTree(json).get("rp").get("name").asString());
    }

    @Test
    void signInWhenTheAnswerIsHugeDeepOrJunkThenThePageSaysRefusedAndEachIsCounted() throws Exception {
        start();
        register(verified(), alices, "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        List<String> junk = List.of("x".repeat(70_000), "[".repeat(60_000), "{\"id\":" + "[".repeat(30_000) + "}", "null", "",
                "{\"rawId\":\"" + "A".repeat(60_000) + "\"}", "\u0000\ud800");
        for (String answer : junk) {
            web.serve(form(Routes.PASSKEY_OPTIONS, signIn));
            FakeRequest posted = form(Routes.PASSKEY, signIn).param("credential", answer);
            FakeResponse response = web.serve(posted);
            assertEquals(200, response.getStatus(), answer.length() + " characters");
            ChallengeView page = assertInstanceOf(ChallengeView.class, posted.forwards().get(0).model());
            assertNotNull(page.getError());
        }
        FakeResponse missing = web.serve(form(Routes.PASSKEY, signIn));

        assertEquals(200, missing.getStatus());
        assertEquals(junk.size() + 1, countOf(AuditEvent.Type.PASSKEY_FAILED));
        assertFalse(web.isVerified(route("GET", "/account").session(signIn), USER));
    }

    @Test
    void lockoutWhenPasskeyFailuresReachTheThresholdThenEvenTheRightPasskeyIsRefused() throws Exception {
        start("email2fa.lockout.threshold", "3");
        register(verified(), alices, "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        for (int i = 0; i < 3; i++) {
            web.serve(form(Routes.PASSKEY, signIn).param("credential", "junk"));
        }

        FakeResponse options = web.serve(form(Routes.PASSKEY_OPTIONS, signIn));
        FakeSession other = signedIn();
        web.startFlow(other, "/account");
        FakeResponse response = web.serve(form(Routes.PASSKEY, other).param("credential", "{}"));

        assertEquals(429, options.getStatus());
        assertEquals(429, response.getStatus());
        assertFalse(web.isVerified(route("GET", "/account").session(other), USER));
    }

    @Test
    void optionsWhenPostedWithoutTheCsrfTokenThen403() throws Exception {
        start();
        register(verified(), alices, "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        FakeSession settings = verified();

        FakeResponse signInOptions = web.serve(route("POST", Routes.PASSKEY_OPTIONS).session(signIn));
        FakeResponse settingsOptions = web.serve(route("POST", Routes.SETTINGS).session(settings).param("action", "passkeyOptions"));
        FakeResponse wrongToken = web.serve(route("POST", Routes.PASSKEY_OPTIONS).session(signIn).param(Csrf.FIELD, "x"));

        assertEquals(List.of(403, 403, 403), List.of(signInOptions.getStatus(), settingsOptions.getStatus(), wrongToken.getStatus()));
        assertNull(signIn.getAttribute("io.github.email2fa.passkeySignIn"));
    }

    @Test
    void errorPagesWhenShownThenCarryTheContentSecurityPolicy() throws Exception {
        start("email2fa.stepUp.factor", "passkey");
        register(verified(), alices, "Laptop");
        FakeSession session = verified();
        web.startFlow(session, "/account/delete");

        FakeRequest notFound = route("GET", "/nothing").session(session);
        FakeResponse notFoundResponse = web.serve(notFound);
        FakeRequest emailed = form(Routes.VERIFY, session).param("code", "123456");
        FakeResponse emailedResponse = web.serve(emailed);
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        FakeRequest expired = route("POST", Routes.VERIFY).session(signIn).param(Csrf.FIELD, "stale");
        FakeResponse expiredResponse = web.serve(expired);

        assertAll(
                () -> assertEquals(CSP, notFoundResponse.getHeader("Content-Security-Policy")),
                () -> assertEquals(CSP, emailedResponse.getHeader("Content-Security-Policy")),
                () -> WebModule.assertProblemPage(expired, expiredResponse, 403, "problem.formExpired"),
                () -> assertEquals(CSP, expiredResponse.getHeader("Content-Security-Policy")),
                () -> assertFalse(CSP.matches(".*script-src[^;]*'unsafe-inline'.*")));
    }

    @Test
    void signInWhenTheStoreFailsThen503TryAgainPageAndTheSessionKeepsItsFlow() throws Exception {
        start("email2fa.accountStore", OutageSimulatingAccountStore.class.getName());
        register(verified(), alices, "Laptop");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");
        alices.signCount = 1;
        String answer = alices.get(challengeOf(web.serve(form(Routes.PASSKEY_OPTIONS, signIn))), null);
        OutageSimulatingAccountStore.DOWN.set(true);

        FakeRequest posted = form(Routes.PASSKEY, signIn).param("credential", answer);
        FakeResponse response = web.serve(posted);
        FakeRequest optionsDown = form(Routes.PASSKEY_OPTIONS, signIn).header("Accept", "application/json");
        FakeResponse optionsResponse = web.serve(optionsDown);

        WebModule.assertProblemPage(posted, response, 503, "error.tryAgain");
        assertEquals(CSP, response.getHeader("Content-Security-Policy"));
        assertEquals(503, optionsResponse.getStatus());
        assertEquals(USER, signIn.getAttribute("user"));
        assertNotNull(WebModule.flowOf(signIn), "the flow goes on");

        OutageSimulatingAccountStore.DOWN.set(false);
        alices.signCount = 2;
        FakeResponse retried = web.serve(form(Routes.PASSKEY, signIn).param("credential",
                alices.get(challengeOf(web.serve(form(Routes.PASSKEY_OPTIONS, signIn))), null)));
        assertEquals(303, retried.getStatus());
        assertTrue(web.throughFilter(browserGet("/account", signIn)).passed());
    }

    @Test
    void passkeysOffWhenTheStoreStillHoldsSomeThenNoneIsOfferedOrAccepted() throws Exception {
        start("email2fa.accountStore", SharedAccountStore.class.getName());
        register(verified(), alices, "Laptop");
        web.close();
        start("email2fa.accountStore", SharedAccountStore.class.getName(), "email2fa.passkey.enabled", "false", "email2fa.stepUp.factor", "app");
        FakeSession signIn = signedIn();
        web.startFlow(signIn, "/account");

        FakeRequest page = route("GET", Routes.CHALLENGE).session(signIn);
        web.serve(page);
        FakeResponse options = web.serve(form(Routes.PASSKEY_OPTIONS, signIn));
        alices.signCount = 5;
        web.serve(form(Routes.PASSKEY, signIn).param("credential", alices.get(io.github.email2fa.passkey.PasskeyChallenge.random(new java.security.SecureRandom(), java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5)), null)));
        FakeResponse settingsPage = web.serve(route("GET", Routes.SETTINGS).session(verified()));

        ChallengeView view = assertInstanceOf(ChallengeView.class, page.forwards().get(0).model());
        assertEquals("hidden", view.getPasskeyHidden());
        assertEquals(409, options.getStatus());
        assertFalse(web.isVerified(route("GET", "/account").session(signIn), USER));
        assertEquals(200, settingsPage.getStatus(), "an emailed code opens the settings: the stored passkey does not count as held");
    }

    private SettingsView register(FakeSession session, FakeAuthenticator authenticator, String name) throws Exception {
        String answer = authenticator.create(challengeOf(web.serve(change(session, "passkeyOptions"))));
        return settings(change(session, "passkeyRegister").param("credential", answer).param("passkeyName", name));
    }
}
