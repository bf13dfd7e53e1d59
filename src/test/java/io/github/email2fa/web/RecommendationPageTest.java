package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import io.github.email2fa.web.SignInFlow.Purpose;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The "set up 2FA?" page of the {@code recommended} policy: GET shows it, POST ("not now") goes
 * back to the page the user asked for and is not asked again in this session.
 */
class RecommendationPageTest {

    private final WebModule web = WebModule.start("email2fa.policy", "recommended");

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void showWhenCalledThenPageWithSetUpAndSkipActions() throws Exception {
        FakeSession session = signedIn();

        FakeRequest request = route("GET", Routes.RECOMMEND).contextPath("/shop").session(session);
        FakeResponse response = web.serve(request);

        RecommendationView view = request.model(RecommendationView.class);
        assertAll(
                () -> assertEquals(200, response.getStatus()),
                () -> assertEquals("no-store", response.getHeader("Cache-Control")),
                () -> assertEquals(Routes.RECOMMEND_JSP, request.forwards().get(0).path()),
                () -> assertEquals("/shop/email2fa/settings", view.getSetUpAction()),
                () -> assertEquals("/shop/email2fa/recommend", view.getSkipAction()),
                () -> assertEquals(Csrf.token(session), view.getCsrf()),
                () -> assertEquals(Html.escape(Messages.forLocale(Locale.ENGLISH).get("recommend.text")), view.getText()));
    }

    @Test
    void skipWhenPageWasSavedThen303ThereAndNotAskedAgain() throws Exception {
        FakeSession session = signedIn();
        web.throughFilter(browserGet("/account", session).query("tab=2"));

        FakeResponse response = web.serve(form(Routes.RECOMMEND, session));

        assertAll(
                () -> assertEquals(303, response.getStatus()),
                () -> assertEquals("/account?tab=2", response.getHeader("Location")),
                () -> assertNull(session.getAttribute(SessionState.RECOMMEND_TARGET)),
                () -> WebModule.assertPolicyMark(USER, false, true, session.getAttribute(SessionState.POLICY)),
                () -> assertTrue(web.throughFilter(browserGet("/account", session)).passed(), "not asked again"));
    }

    @Test
    void skipWhenUserEnrolledThenSecondFactorStillRequired() throws Exception {
        web.enrol(USER);
        FakeSession session = signedIn();

        web.serve(form(Routes.RECOMMEND, session));

        assertEquals(Purpose.SIGN_IN, web.startFlow(session, "/account").purpose());
    }

    @ParameterizedTest(name = "saved target \"{0}\" -> {1}")
    @CsvSource(nullValues = "null", value = {
            "null,                   /",
            "//evil.example/,        /",
            "https://evil.example/,  /",
            "'/\\evil.example',      /",
            "/account?tab=1,         /account?tab=1",
            "/account x,             /"})
    void skipWhenSavedTargetMissingOrUnsafeThen303ToRoot(String saved, String location) throws Exception {
        FakeSession session = signedIn().with(SessionState.RECOMMEND_TARGET, saved);

        FakeResponse response = web.serve(form(Routes.RECOMMEND, session));

        assertEquals(location, response.getHeader("Location"));
    }
}
