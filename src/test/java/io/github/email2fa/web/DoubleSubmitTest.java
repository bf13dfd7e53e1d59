package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A code form sent twice (a double click, the back button) by a session the first sending
 * verified: the second lands where the first led, never on an error for a signed-in user.
 */
class DoubleSubmitTest {

    private final WebModule web = WebModule.start();

    @AfterEach
    void stop() {
        web.close();
    }

    @ParameterizedTest(name = "second {0}")
    @ValueSource(strings = {Routes.VERIFY, Routes.BACKUP})
    void codeFormWhenSentAgainWithTheFirstTokenThen303ToTheSameTarget(String second) throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account?tab=orders");
        String code = web.issueCode(session);
        String firstToken = Csrf.token(session);
        FakeResponse first = web.serve(post(Routes.VERIFY, session, firstToken).param("code", code));

        FakeRequest again = post(second, session, firstToken).param("code", code).param("backupCode", "abcde-fghij");
        FakeResponse response = web.serve(again);

        FakeResponse onward = web.serve(route("GET", Routes.CHALLENGE).session(session));

        assertAll(
                () -> assertEquals(303, first.getStatus()),
                () -> assertEquals("/account?tab=orders", first.getHeader("Location"), "only the sending that verified leads there"),
                () -> assertEquals(303, response.getStatus()),
                () -> assertEquals("/email2fa/challenge", response.getHeader("Location")),
                () -> assertTrue(again.forwards().isEmpty(), "no page, no error"),
                () -> assertEquals("/account?tab=orders", onward.getHeader("Location"), "the challenge route sends it on"),
                () -> assertTrue(web.isVerified(WebModule.browserGet("/account", session), USER)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Routes.VERIFY, Routes.BACKUP, Routes.RESEND})
    void codeFormWhenSessionIsNotVerifiedAndTokenIsStaleThenTheStyledProblemPage(String action) throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");

        FakeRequest request = post(action, session, "stale-token").param("code", "123456");
        FakeResponse response = web.serve(request);

        WebModule.assertProblemPage(request, response, 403, "problem.formExpired");
    }

    private static FakeRequest post(String action, FakeSession session, String token) {
        return route("POST", action).session(session).param(Csrf.FIELD, token);
    }
}
