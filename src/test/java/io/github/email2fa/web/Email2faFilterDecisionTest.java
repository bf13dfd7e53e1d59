package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.BROWSER_ACCEPT;
import static io.github.email2fa.web.WebModule.OTHER_USER;
import static io.github.email2fa.web.WebModule.STEP_UP_MAX_AGE;
import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.accounts.OutageSimulatingAccountStore;
import io.github.email2fa.Email2fa;
import io.github.email2fa.device.DeviceCookie;
import io.github.email2fa.device.DeviceToken;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.testing.ServletFakes;
import io.github.email2fa.web.SignInFlow.Purpose;
import io.github.email2fa.web.WebModule.Filtered;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter's whole decision, {@code Email2faFilter.admits}, as a browser, a script and the
 * session see it: passed on to the application or answered (a redirect to the challenge or the
 * recommendation page, a 401 in text or JSON, a 403 for plain HTTP, nothing inside an include, 503
 * without a working module), and which flow the session was given. Each table varies the inputs
 * that matter to one part of the decision and holds the others at a signed-in browser loading
 * {@code /account} over HTTPS.
 */
class Email2faFilterDecisionTest {

    private static final String PROTECTED = "/account";
    private static final String CRITICAL = "/account/delete";
    private static final String CHALLENGE = "/email2fa/challenge";

    private WebModule web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
        OutageSimulatingAccountStore.DOWN.set(false);
    }

    /** What the filter did, classified strictly: anything unforeseen is {@link #OTHER}. */
    enum Outcome {
        /** Passed on to the application, with nothing written. */
        PASSED,
        /** 303 to the challenge, with a sign-in flow in the session. */
        SIGN_IN,
        /** 303 to the challenge, with a step-up flow in the session. */
        STEP_UP,
        /** 303 to the "set up 2FA?" page. */
        RECOMMEND,
        /** 401 with a plain-text hint. */
        UNAUTHORIZED_TEXT,
        /** 401 with a JSON body. */
        UNAUTHORIZED_JSON,
        /** 403: HTTPS is required. */
        HTTPS_REQUIRED,
        /** Not passed on, and nothing written: the including page keeps its output. */
        SILENT,
        /** 503: verification is not available. */
        UNAVAILABLE,
        OTHER
    }

    /** What a client and the session see after the filter. */
    record Answer(boolean passed, int status, String location, String contentType, String body, SignInFlow flow,
            FakeResponse response) {

        Outcome outcome() {
            if (passed) {
                return status == 200 && location == null && body.isEmpty() ? Outcome.PASSED : Outcome.OTHER;
            }
            return switch (status) {
                case 303 -> redirect();
                case 401 -> "application/json".equals(contentType) && body.startsWith("{\"error\":\"second_factor_required\"")
                        ? Outcome.UNAUTHORIZED_JSON
                        : "text/plain".equals(contentType) && body.startsWith("Second factor required")
                        ? Outcome.UNAUTHORIZED_TEXT : Outcome.OTHER;
                case 403 -> body.startsWith("HTTPS is required") ? Outcome.HTTPS_REQUIRED : Outcome.OTHER;
                case 503 -> Outcome.UNAVAILABLE;
                case 200 -> location == null && body.isEmpty() && flow == null ? Outcome.SILENT : Outcome.OTHER;
                default -> Outcome.OTHER;
            };
        }

        private Outcome redirect() {
            if ("/email2fa/recommend".equals(location)) {
                return Outcome.RECOMMEND;
            }
            if (location == null || !location.endsWith(CHALLENGE) || flow == null) {
                return Outcome.OTHER;
            }
            return switch (flow.purpose()) {
                case SIGN_IN -> Outcome.SIGN_IN;
                case STEP_UP -> Outcome.STEP_UP;
                case CONFIRM -> Outcome.OTHER;
            };
        }
    }

    /** How the user stands with the account store and the session's cached policy decision. */
    enum Account {
        NOT_ENROLLED, ENROLLED, RECOMMENDATION_SEEN;

        void apply(WebModule web, FakeSession session) {
            switch (this) {
                case ENROLLED -> web.enrol(USER);
                case RECOMMENDATION_SEEN -> session.setAttribute(SessionState.POLICY, web.policyMark(USER, false, true));
                case NOT_ENROLLED -> {
                }
            }
        }
    }

    /** The session's verified mark; stale is made by moving the clock past {@code email2fa.stepUp.maxAge}. */
    enum Mark {
        NONE, FRESH, STALE, REMEMBERED, OTHER_USER;

        void apply(WebModule web, FakeSession session) {
            switch (this) {
                case FRESH -> web.verifyNow(session);
                case STALE -> {
                    web.verifyNow(session);
                    web.clock.advance(STEP_UP_MAX_AGE.plusMillis(1));
                }
                case REMEMBERED -> web.markRemembered(session, USER);
                case OTHER_USER -> web.markVerified(session, WebModule.OTHER_USER, WayIn.EMAIL);
                case NONE -> {
                }
            }
        }
    }

    // ---- policy, enrolment, verified mark and step-up path ----

    @ParameterizedTest(name = "{0} policy, {1}, {2} -> {3}")
    @CsvSource(textBlock = """
            required,    NOT_ENROLLED,        /account,        SIGN_IN
            required,    NOT_ENROLLED,        /account/delete, SIGN_IN
            required,    ENROLLED,            /account,        SIGN_IN
            required,    ENROLLED,            /account/delete, SIGN_IN
            required,    RECOMMENDATION_SEEN, /account,        SIGN_IN
            required,    RECOMMENDATION_SEEN, /account/delete, SIGN_IN
            recommended, NOT_ENROLLED,        /account,        RECOMMEND
            recommended, NOT_ENROLLED,        /account/delete, STEP_UP
            recommended, ENROLLED,            /account,        SIGN_IN
            recommended, ENROLLED,            /account/delete, SIGN_IN
            recommended, RECOMMENDATION_SEEN, /account,        PASSED
            recommended, RECOMMENDATION_SEEN, /account/delete, STEP_UP
            optional,    NOT_ENROLLED,        /account,        PASSED
            optional,    NOT_ENROLLED,        /account/delete, STEP_UP
            optional,    ENROLLED,            /account,        SIGN_IN
            optional,    ENROLLED,            /account/delete, SIGN_IN
            optional,    RECOMMENDATION_SEEN, /account,        PASSED
            optional,    RECOMMENDATION_SEEN, /account/delete, STEP_UP
            """)
    void admitsWhenSessionNotVerifiedThenPolicyAndEnrolmentDecide(String policy, Account account, String path, Outcome expected)
            throws Exception {
        web = WebModule.start("email2fa.policy", policy);
        FakeSession session = signedIn();
        account.apply(web, session);

        assertOutcome(expected, filter(browserGet(path, session)));
    }

    @ParameterizedTest(name = "{1} mark, {2}, {0} policy -> {3}")
    @MethodSource
    void admitsWhenSessionHasVerifiedMarkThenItsAgeAndOwnerDecide(String policy, Mark mark, String path, Outcome expected)
            throws Exception {
        web = WebModule.start("email2fa.policy", policy);
        web.enrol(USER);
        FakeSession session = signedIn();
        mark.apply(web, session);

        assertOutcome(expected, filter(browserGet(path, session)));
    }

    static Stream<Arguments> admitsWhenSessionHasVerifiedMarkThenItsAgeAndOwnerDecide() {
        List<Arguments> rows = List.of(
                Arguments.of(Mark.FRESH, PROTECTED, Outcome.PASSED),
                Arguments.of(Mark.FRESH, CRITICAL, Outcome.PASSED),
                Arguments.of(Mark.STALE, PROTECTED, Outcome.PASSED),
                Arguments.of(Mark.STALE, CRITICAL, Outcome.STEP_UP),
                Arguments.of(Mark.REMEMBERED, PROTECTED, Outcome.PASSED),
                Arguments.of(Mark.REMEMBERED, CRITICAL, Outcome.STEP_UP),
                Arguments.of(Mark.OTHER_USER, PROTECTED, Outcome.SIGN_IN),
                Arguments.of(Mark.OTHER_USER, CRITICAL, Outcome.SIGN_IN));
        return Stream.of("required", "recommended", "optional").flatMap(policy -> rows.stream()
                .map(row -> Arguments.of(policy, row.get()[0], row.get()[1], row.get()[2])));
    }

    @ParameterizedTest(name = "verified {0} ago -> {1}")
    @CsvSource({"PT5M, PASSED", "PT5M0.001S, STEP_UP", "PT1H, STEP_UP"})
    void admitsWhenStepUpPathThenMarkFreshUpToMaxAgeInclusive(Duration age, Outcome expected) throws Exception {
        web = WebModule.start();
        FakeSession session = signedIn();
        web.verifyNow(session);
        web.clock.advance(age);

        assertOutcome(expected, filter(browserGet(CRITICAL, session)));
    }

    @ParameterizedTest(name = "backup code {0} ago, emailed code now, {1} -> {2}")
    @CsvSource({
            "PT0S,       /account/delete, PASSED",
            "PT5M,       /account/delete, PASSED",
            "PT5M0.001S, /account/delete, STEP_UP",
            "PT5M0.001S, /account,        PASSED"})
    void admitsWhenStepUpFactorIsBackupCodeThenOnlyARecentBackupCodeCounts(Duration backupAge, String path, Outcome expected)
            throws Exception {
        web = WebModule.start("email2fa.stepUp.factor", "backup-code");
        FakeSession session = signedIn();
        web.markVerified(session, USER, WayIn.BACKUP);
        web.clock.advance(backupAge);
        web.verifyNow(session);

        assertOutcome(expected, filter(browserGet(path, session)));
    }

    @Test
    void admitsWhenStepUpFactorIsBackupCodeAndNoBackupCodeEverUsedThenStepUp() throws Exception {
        web = WebModule.start("email2fa.stepUp.factor", "backup-code");
        FakeSession session = signedIn();
        web.verifyNow(session);

        assertOutcome(Outcome.STEP_UP, filter(browserGet(CRITICAL, session)));
    }

    // ---- remembered devices ----

    /** The device cookie a browser sends. */
    enum DeviceCookieSent { VALID, UNKNOWN, OTHER_USERS, NONE }

    /** What the filter does to the device cookie. */
    enum CookieEffect { ROTATED, CLEARED, UNTOUCHED }

    @ParameterizedTest(name = "{0} cookie, {1}, https={2} -> {3}, cookie {4}")
    @CsvSource(textBlock = """
            VALID,       /account,        true,  PASSED,  ROTATED
            VALID,       /account,        false, PASSED,  ROTATED
            VALID,       /account/delete, true,  STEP_UP, ROTATED
            VALID,       /account/delete, false, STEP_UP, ROTATED
            UNKNOWN,     /account,        true,  SIGN_IN, CLEARED
            UNKNOWN,     /account,        false, SIGN_IN, CLEARED
            UNKNOWN,     /account/delete, true,  SIGN_IN, CLEARED
            OTHER_USERS, /account,        true,  SIGN_IN, CLEARED
            NONE,        /account,        true,  SIGN_IN, UNTOUCHED
            NONE,        /account/delete, true,  SIGN_IN, UNTOUCHED
            """)
    void admitsWhenDeviceCookieSentThenOnlyTheUsersOwnDeviceSkipsTheCode(DeviceCookieSent sent, String path, boolean https,
            Outcome expected, CookieEffect effect) throws Exception {
        web = WebModule.start("email2fa.requireHttps", String.valueOf(https));
        String token = switch (sent) {
            case VALID -> rememberDevice(USER);
            case OTHER_USERS -> rememberDevice(OTHER_USER);
            case UNKNOWN -> DeviceToken.generate(new SecureRandom());
            case NONE -> null;
        };
        FakeRequest request = browserGet(path, signedIn()).secure(https);
        if (token != null) {
            request.cookie(DeviceCookie.create(token, Duration.ofDays(30), https));
        }

        Answer answer = filter(request);

        assertOutcome(expected, answer);
        List<Cookie> set = answer.response().cookies();
        if (effect == CookieEffect.UNTOUCHED) {
            assertEquals(List.of(), set);
            return;
        }
        assertEquals(1, set.size(), "cookies set: " + set);
        Cookie cookie = set.get(0);
        assertAll(
                () -> assertEquals(https ? DeviceCookie.SECURE_NAME : DeviceCookie.NAME, cookie.getName()),
                () -> assertEquals(https, cookie.getSecure()),
                () -> assertTrue(cookie.isHttpOnly()),
                () -> assertEquals(effect == CookieEffect.CLEARED, cookie.getMaxAge() == 0, "Max-Age " + cookie.getMaxAge()),
                () -> assertEquals(effect == CookieEffect.CLEARED, cookie.getValue().isEmpty()),
                () -> assertNotEquals(token, cookie.getValue(), "the token is rotated on every use"));
    }

    @Test
    void admitsWhenModuleFormPostedWithoutEncodingThenReadAsUtf8() throws Exception {
        web = WebModule.start();
        FakeRequest request = form(Routes.VERIFY, signedIn());

        assertTrue(web.throughFilter(request).passed());
        assertEquals("UTF-8", request.getCharacterEncoding());
    }

    @Test
    void admitsWhenModuleFormPostedWithItsOwnEncodingThenKept() throws Exception {
        web = WebModule.start();
        FakeRequest request = form(Routes.VERIFY, signedIn()).characterEncoding("windows-1256");

        web.throughFilter(request);

        assertEquals("windows-1256", request.getCharacterEncoding());
    }

    @Test
    void admitsWhenApplicationPathThenEncodingLeftToTheApplication() throws Exception {
        web = WebModule.start();
        FakeRequest request = browserGet(PROTECTED, signedIn());

        filter(request);

        assertEquals(null, request.getCharacterEncoding());
    }

    @Test
    void admitsWhenRememberedDeviceRecognisedThenNewSessionIdAndRememberedMark() throws Exception {
        web = WebModule.start();
        FakeSession session = signedIn();
        String idBefore = session.getId();
        FakeRequest request = browserGet(PROTECTED, session).cookie(DeviceCookie.create(rememberDevice(USER), Duration.ofDays(30), true));

        assertOutcome(Outcome.PASSED, filter(request));
        assertNotEquals(idBefore, session.getId());
        WebModule.assertVerifiedMark(USER, 0L, 0L, session.getAttribute(SessionState.VERIFIED));
    }

    @Test
    void admitsWhenHttpsRequiredAndDeviceCookieComesOverPlainHttpThenItIsNotHonoured() throws Exception {
        web = WebModule.start();
        String token = rememberDevice(USER);
        FakeRequest request = browserGet(PROTECTED, signedIn()).secure(false)
                .cookie(DeviceCookie.create(token, Duration.ofDays(30), false));

        Answer answer = filter(request);

        assertOutcome(Outcome.SIGN_IN, answer);
        assertTrue(answer.response().cookies().stream().allMatch(cookie -> cookie.getValue().isEmpty()),
                "no device token is sent back over plain HTTP: " + answer.response().cookies());
    }

    @Test
    void admitsWhenRememberedDeviceAndNotARequestDispatchThenCookieNotChecked() throws Exception {
        web = WebModule.start();
        FakeRequest request = browserGet(PROTECTED, signedIn()).dispatch(DispatcherType.ASYNC)
                .cookie(DeviceCookie.create(rememberDevice(USER), Duration.ofDays(30), true));

        Answer answer = filter(request);

        assertOutcome(Outcome.SIGN_IN, answer);
        assertEquals(List.of(), answer.response().cookies());
    }

    @Test
    void admitsWhenRememberingDevicesIsOffThenValidCookieIgnored() throws Exception {
        web = WebModule.start("email2fa.rememberDevice.days", "0");
        FakeRequest request = browserGet(PROTECTED, signedIn())
                .cookie(DeviceCookie.create(rememberDevice(USER), Duration.ofDays(30), true));

        Answer answer = filter(request);

        assertOutcome(Outcome.SIGN_IN, answer);
        assertEquals(List.of(), answer.response().cookies());
    }

    // ---- browser navigation or not, over HTTPS or not ----

    /** Who is asking: a browser loading a page can follow a redirect; nothing else can. */
    enum Client {
        BROWSER("GET", BROWSER_ACCEPT, null, null),
        NO_ACCEPT_HEADER("GET", null, null, null),
        ANY_TYPE("GET", "*/*", null, null),
        JSON_OR_HTML("GET", "application/json, text/html;q=0.9", null, null),
        JSON_GET("GET", "application/json", null, Outcome.UNAUTHORIZED_JSON),
        XHR("GET", "*/*", "XMLHttpRequest", Outcome.UNAUTHORIZED_TEXT),
        XHR_LOWER_CASE("GET", "*/*", "xmlhttprequest", Outcome.UNAUTHORIZED_TEXT),
        XHR_JSON("GET", "application/json", "XMLHttpRequest", Outcome.UNAUTHORIZED_JSON),
        FORM_POST("POST", BROWSER_ACCEPT, null, Outcome.UNAUTHORIZED_TEXT),
        JSON_POST("POST", "application/json", null, Outcome.UNAUTHORIZED_JSON),
        HEAD("HEAD", BROWSER_ACCEPT, null, Outcome.UNAUTHORIZED_TEXT),
        OPTIONS("OPTIONS", "*/*", null, Outcome.UNAUTHORIZED_TEXT);

        final String method;
        final String accept;
        final String requestedWith;
        /** The 401 it gets, or {@code null} for a browser navigation, which is redirected. */
        final Outcome refusal;

        Client(String method, String accept, String requestedWith, Outcome refusal) {
            this.method = method;
            this.accept = accept;
            this.requestedWith = requestedWith;
            this.refusal = refusal;
        }

        FakeRequest request(String path, FakeSession session) {
            FakeRequest request = FakeRequest.method(method, path).session(session);
            if (accept != null) {
                request.header("Accept", accept);
            }
            if (requestedWith != null) {
                request.header("X-Requested-With", requestedWith);
            }
            return request;
        }
    }

    /** How the request arrived, against {@code email2fa.requireHttps}. */
    enum Transport {
        HTTPS_REQUIRED_AND_USED("true", true, null, false),
        HTTPS_REQUIRED_PLAIN_HTTP("true", false, null, true),
        HTTPS_REQUIRED_TLS_AT_TRUSTED_PROXY("true", false, "198.51.100.7", false),
        HTTPS_REQUIRED_PROTO_HEADER_FROM_UNTRUSTED_PEER("true", false, "203.0.113.9", true),
        HTTPS_NOT_REQUIRED_PLAIN_HTTP("false", false, null, false),
        HTTPS_NOT_REQUIRED_AND_USED("false", true, null, false);

        static final String TRUSTED_PROXY = "198.51.100.7";

        final String requireHttps;
        final boolean secure;
        /** The peer that sent {@code X-Forwarded-Proto: https}, or {@code null} for none. */
        final String protoHeaderFrom;
        final boolean violation;

        Transport(String requireHttps, boolean secure, String protoHeaderFrom, boolean violation) {
            this.requireHttps = requireHttps;
            this.secure = secure;
            this.protoHeaderFrom = protoHeaderFrom;
            this.violation = violation;
        }

        FakeRequest apply(FakeRequest request) {
            request.secure(secure);
            if (protoHeaderFrom != null) {
                request.remoteAddr(protoHeaderFrom).header("X-Forwarded-For", "192.0.2.10").header("X-Forwarded-Proto", "https");
            }
            return request;
        }
    }

    static Stream<Arguments> admitsWhenRefusingThenBrowsersAreRedirectedAndOthersGet401Or403() {
        return Stream.of(Client.values()).flatMap(client -> Stream.of(Transport.values()).map(transport -> Arguments.of(client, transport)));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource
    void admitsWhenRefusingThenBrowsersAreRedirectedAndOthersGet401Or403(Client client, Transport transport) throws Exception {
        web = WebModule.start("email2fa.requireHttps", transport.requireHttps, "email2fa.trustedProxies", Transport.TRUSTED_PROXY);

        Answer answer = filter(transport.apply(client.request(PROTECTED, signedIn())));

        if (client.refusal == null) {
            assertOutcome(Outcome.SIGN_IN, answer);
            assertEquals(transport.violation ? "https://app.example.com" + CHALLENGE : CHALLENGE, answer.location());
        } else {
            assertOutcome(transport.violation ? Outcome.HTTPS_REQUIRED : client.refusal, answer);
            assertNull(answer.flow(), "only a browser that is sent to the challenge gets a flow");
        }
    }

    @Test
    void admitsWhenJsonClientRefusedThenBodyNamesTheChallengePage() throws Exception {
        web = WebModule.start();

        Answer answer = filter(Client.JSON_GET.request(PROTECTED, signedIn()).contextPath("/shop"));

        assertEquals("{\"error\":\"second_factor_required\",\"challenge\":\"/shop/email2fa/challenge\"}", answer.body());
    }

    @Test
    void admitsWhenBrowserRedirectedThenFlowKeepsRequestedPageAndResponseIsNotCached() throws Exception {
        web = WebModule.start();
        FakeSession session = signedIn();

        Answer answer = filter(browserGet(PROTECTED, session).contextPath("/shop").query("tab=2&sort=asc"));

        assertAll(
                () -> assertEquals("/shop" + CHALLENGE, answer.location()),
                () -> assertEquals("/shop/account?tab=2&sort=asc", answer.flow().target()),
                () -> assertEquals(USER, answer.flow().subject()),
                () -> assertFalse(answer.flow().codeRequested()),
                () -> assertEquals("no-store", answer.response().getHeader("Cache-Control")));
    }

    @Test
    void admitsWhenFlowWithSamePurposeRunningThenItsTargetStands() throws Exception {
        web = WebModule.start();
        FakeSession session = signedIn();
        filter(browserGet(PROTECTED, session).query("first"));
        SignInFlow first = WebModule.flowOf(session);

        Answer second = filter(browserGet("/reports", session));

        assertEquals(first, second.flow());
        assertEquals("/account?first", second.flow().target());
    }

    @Test
    void admitsWhenStepUpStartsDuringAnotherFlowThenFlowKeepsItsIdAndSentCode() throws Exception {
        web = WebModule.start();
        FakeSession session = signedIn();
        SessionState.saveFlow(session, new SignInFlow("flow-1", USER, "/shop/settings", true, Purpose.CONFIRM));
        Mark.STALE.apply(web, session);

        Answer answer = filter(browserGet(CRITICAL, session));

        assertEquals(new SignInFlow("flow-1", USER, CRITICAL, true, Purpose.STEP_UP), answer.flow());
    }

    @Test
    void admitsWhenRecommendingThenRequestedPageSavedForLater() throws Exception {
        web = WebModule.start("email2fa.policy", "recommended");
        FakeSession session = signedIn();

        Answer answer = filter(browserGet(PROTECTED, session).query("tab=2"));

        assertOutcome(Outcome.RECOMMEND, answer);
        assertEquals("/account?tab=2", session.getAttribute(SessionState.RECOMMEND_TARGET));
        assertNull(answer.flow());
    }

    // ---- dispatch types ----

    static Stream<Arguments> admitsWhenDispatchedThenEveryDispatchTypeIsGuarded() {
        return Stream.of(
                Arguments.of("REQUEST to a protected page", "required", Mark.NONE,
                        request(PROTECTED, DispatcherType.REQUEST), Outcome.SIGN_IN),
                Arguments.of("FORWARD from an excluded page to a protected one", "required", Mark.NONE,
                        forwardFrom("/login", PROTECTED), Outcome.SIGN_IN),
                Arguments.of("FORWARD to an excluded page", "required", Mark.NONE,
                        forwardFrom(PROTECTED, "/static/help.html"), Outcome.PASSED),
                Arguments.of("INCLUDE of a protected page in an excluded one", "required", Mark.NONE,
                        includeIn("/login", PROTECTED), Outcome.SILENT),
                Arguments.of("INCLUDE of an excluded page in a protected one", "required", Mark.NONE,
                        includeIn(PROTECTED, "/static/footer.html"), Outcome.PASSED),
                Arguments.of("ASYNC to a protected page", "required", Mark.NONE,
                        request(PROTECTED, DispatcherType.ASYNC), Outcome.SIGN_IN),
                Arguments.of("REQUEST, verified", "required", Mark.FRESH,
                        request(PROTECTED, DispatcherType.REQUEST), Outcome.PASSED),
                Arguments.of("FORWARD, verified", "required", Mark.FRESH,
                        forwardFrom("/login", PROTECTED), Outcome.PASSED),
                Arguments.of("INCLUDE, verified", "required", Mark.FRESH,
                        includeIn("/login", PROTECTED), Outcome.PASSED),
                Arguments.of("ASYNC, verified", "required", Mark.FRESH,
                        request(PROTECTED, DispatcherType.ASYNC), Outcome.PASSED),
                Arguments.of("REQUEST to a step-up path, stale", "required", Mark.STALE,
                        request(CRITICAL, DispatcherType.REQUEST), Outcome.STEP_UP),
                Arguments.of("FORWARD to a step-up path, stale", "required", Mark.STALE,
                        forwardFrom(PROTECTED, CRITICAL), Outcome.STEP_UP),
                Arguments.of("INCLUDE of a step-up path, stale", "required", Mark.STALE,
                        includeIn(PROTECTED, CRITICAL), Outcome.SILENT),
                Arguments.of("ASYNC to a step-up path, stale", "required", Mark.STALE,
                        request(CRITICAL, DispatcherType.ASYNC), Outcome.STEP_UP),
                Arguments.of("REQUEST, recommendation due", "recommended", Mark.NONE,
                        request(PROTECTED, DispatcherType.REQUEST), Outcome.RECOMMEND),
                Arguments.of("FORWARD, recommendation due", "recommended", Mark.NONE,
                        forwardFrom("/login", PROTECTED), Outcome.PASSED),
                Arguments.of("INCLUDE, recommendation due", "recommended", Mark.NONE,
                        includeIn("/login", PROTECTED), Outcome.PASSED),
                Arguments.of("ASYNC, recommendation due", "recommended", Mark.NONE,
                        request(PROTECTED, DispatcherType.ASYNC), Outcome.PASSED));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource
    void admitsWhenDispatchedThenEveryDispatchTypeIsGuarded(String description, String policy, Mark mark,
            Function<FakeSession, FakeRequest> dispatch, Outcome expected) throws Exception {
        web = WebModule.start("email2fa.policy", policy);
        FakeSession session = signedIn();
        mark.apply(web, session);

        assertOutcome(expected, filter(dispatch.apply(session)));
    }

    @Test
    void admitsWhenForwardedThenFlowTargetIsThePageTheBrowserAskedFor() throws Exception {
        web = WebModule.start();
        FakeRequest request = forwardFrom("/login", PROTECTED).apply(signedIn())
                .attribute(RequestDispatcher.FORWARD_QUERY_STRING, "next=1");

        assertEquals("/login?next=1", filter(request).flow().target());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"REQUEST", "FORWARD", "ASYNC"})
    void admitsWhenResponseAlreadyCommittedThenNothingIsAddedAndNothingPassed(DispatcherType type) throws Exception {
        web = WebModule.start();
        FakeResponse response = new FakeResponse();
        response.commit();
        boolean[] passed = {false};

        web.filter.doFilter(browserGet(PROTECTED, signedIn()).dispatch(type), response, (req, res) -> passed[0] = true);

        assertFalse(passed[0]);
        assertEquals(200, response.getStatus());
        assertNull(response.getHeader("Location"));
    }

    // ---- paths, subjects and the module's state ----

    @ParameterizedTest(name = "servletPath={0} pathInfo={1} -> {2}")
    @CsvSource(nullValues = "null", textBlock = """
            /email2fa,          /challenge,  PASSED
            /email2fa,          /verify,     PASSED
            /email2fa,          /anything,   SIGN_IN
            /email2fa,          /challenge/x, SIGN_IN
            /email2fa,          null,        SIGN_IN
            /email2fa,          '',          SIGN_IN
            /email2fa-other,    /challenge,  SIGN_IN
            /email2fax,         null,        SIGN_IN
            /login,             null,        PASSED
            /login/,            null,        SIGN_IN
            /LOGIN,             null,        SIGN_IN
            /login.jsp,         null,        SIGN_IN
            /static,            null,        PASSED
            /static,            /,           PASSED
            /static,            /css/app.css, PASSED
            /statics,           /app.css,    SIGN_IN
            /STATIC,            /app.css,    SIGN_IN
            /app,               /static/x,   SIGN_IN
            /account,           null,        SIGN_IN
            '',                 /account,    SIGN_IN
            """)
    void admitsWhenPathIsModulesOwnOrExcludedThenPassedElseGuarded(String servletPath, String pathInfo, Outcome expected)
            throws Exception {
        web = WebModule.start();
        FakeRequest request = FakeRequest.get(servletPath).pathInfo(pathInfo).header("Accept", BROWSER_ACCEPT).session(signedIn());

        assertOutcome(expected, filter(request));
    }

    @Test
    void admitsWhenNoSessionThenPassedWithoutCreatingOne() throws Exception {
        web = WebModule.start();
        FakeRequest request = browserGet(PROTECTED, null);

        assertOutcome(Outcome.PASSED, filter(request));
        assertNull(request.currentSession());
    }

    @ParameterizedTest(name = "user attribute \"{0}\"")
    @CsvSource(nullValues = "null", value = {"null", "''", "'   '"})
    void admitsWhenSessionHasNoUserThenPassed(String user) throws Exception {
        web = WebModule.start();
        FakeSession session = new FakeSession().with("user", user);

        assertOutcome(Outcome.PASSED, filter(browserGet(PROTECTED, session)));
    }

    @Test
    void doFilterWhenModuleNotRunningThen503AndNothingPassed() throws Exception {
        FakeResponse response = new FakeResponse();
        boolean[] passed = {false};

        new Email2faFilter().doFilter(browserGet(PROTECTED, signedIn()), response, (req, res) -> passed[0] = true);

        assertFalse(passed[0]);
        assertEquals(503, response.getStatus());
        assertEquals("Sign-in verification is not available.\n", response.body());
    }

    @Test
    void initWhenModuleRunningInContextThenFilterUsesIt() throws Exception {
        web = WebModule.start();
        ServletContext context = ServletFakes.servletContext();
        context.setAttribute(Email2fa.CONTEXT_ATTRIBUTE, web.module);
        Email2faFilter filter = new Email2faFilter();
        filter.init(ServletFakes.filterConfig(context));
        FakeResponse response = new FakeResponse();

        filter.doFilter(browserGet(PROTECTED, signedIn()), response, (req, res) -> { });

        assertEquals(303, response.getStatus());
        assertEquals(CHALLENGE, response.getHeader("Location"));
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource({"text/html, text/plain", "application/json, application/json"})
    void admitsWhenAccountStoreFailsThen503TryAgainAndSessionUntouched(String accept, String contentType) throws Exception {
        web = WebModule.start("email2fa.policy", "optional", "email2fa.accountStore", OutageSimulatingAccountStore.class.getName());
        FakeSession session = signedIn();
        OutageSimulatingAccountStore.DOWN.set(true);

        Answer answer = filter(FakeRequest.get(PROTECTED).header("Accept", accept).session(session));

        assertAll(
                () -> assertFalse(answer.passed()),
                () -> assertEquals(503, answer.status()),
                () -> assertEquals("30", answer.response().getHeader("Retry-After")),
                () -> assertEquals(contentType, answer.contentType()),
                () -> assertFalse(answer.body().contains("Exception"), answer.body()),
                () -> assertEquals(List.of("user"), attributeNames(session)));
    }

    @Test
    void admitsWhenModuleRendersItsOwnPageThenThatForwardIsLetThrough() throws Exception {
        web = WebModule.start();
        List<Boolean> pageReached = new ArrayList<>();
        FakeRequest request = WebModule.route("GET", Routes.RECOMMEND).session(signedIn())
                .forwardsTo((req, res) -> web.filter.doFilter(req, res, (r, s) -> pageReached.add(true)));

        web.serve(request);

        assertEquals(Routes.RECOMMEND_JSP, request.forwards().get(0).path());
        assertEquals(List.of(true), pageReached);
    }

    @Test
    void admitsWhenSomeoneElseForwardsToTheModulesPageThenGuarded() throws Exception {
        web = WebModule.start();
        FakeRequest request = FakeRequest.get(Routes.RECOMMEND_JSP).dispatch(DispatcherType.FORWARD)
                .attribute(RequestDispatcher.FORWARD_REQUEST_URI, "/login").header("Accept", BROWSER_ACCEPT).session(signedIn());

        assertOutcome(Outcome.SIGN_IN, filter(request));
    }

    // ---- helpers ----

    private Answer filter(FakeRequest request) throws IOException, ServletException {
        Filtered filtered = web.throughFilter(request);
        FakeResponse response = filtered.response();
        FakeSession session = request.currentSession();
        SignInFlow flow = session != null && session.isValid() && session.getAttribute(SessionState.FLOW) instanceof SignInFlow f
                ? f : null;
        return new Answer(filtered.passed(), response.getStatus(), response.getHeader("Location"), response.getContentType(),
                response.body(), flow, response);
    }

    private static void assertOutcome(Outcome expected, Answer answer) {
        assertEquals(expected, answer.outcome(), () -> "filter answered " + describe(answer));
    }

    private static String describe(Answer answer) {
        return "passed=" + answer.passed() + " status=" + answer.status() + " location=" + answer.location() + " type="
                + answer.contentType() + " flow=" + answer.flow() + " body=" + answer.body().strip();
    }

    private String rememberDevice(String subject) {
        return web.module.accounts().rememberDevice(Actor.application(subject), "Firefox", 30).token();
    }

    private static List<String> attributeNames(FakeSession session) {
        return Collections.list(session.getAttributeNames());
    }

    private static Function<FakeSession, FakeRequest> request(String path, DispatcherType type) {
        return session -> browserGet(path, session).dispatch(type);
    }

    /** A forward to {@code target} of a request the browser made for {@code from}. */
    private static Function<FakeSession, FakeRequest> forwardFrom(String from, String target) {
        return session -> browserGet(target, session).dispatch(DispatcherType.FORWARD)
                .attribute(RequestDispatcher.FORWARD_REQUEST_URI, from)
                .attribute(RequestDispatcher.FORWARD_SERVLET_PATH, from);
    }

    /** An include of {@code included} into the page the browser asked for, {@code page}. */
    private static Function<FakeSession, FakeRequest> includeIn(String page, String included) {
        return session -> browserGet(page, session).dispatch(DispatcherType.INCLUDE)
                .attribute(RequestDispatcher.INCLUDE_SERVLET_PATH, included)
                .attribute(RequestDispatcher.INCLUDE_REQUEST_URI, included);
    }
}
