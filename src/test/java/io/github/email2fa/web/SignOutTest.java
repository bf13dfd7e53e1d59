package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import java.security.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST {@code /email2fa/cancel}: ends the flow's code, the container login and the session, whatever state they are in. */
class SignOutTest {

    private final WebModule web = WebModule.start();

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void cancelWhenFlowRunningThenItsCodeEndsSessionEndsAnd303ToLoginPage() throws Exception {
        FakeSession session = signedIn();
        SignInFlow flow = web.startFlow(session, "/account");
        web.issueCode(session);

        FakeRequest request = form(Routes.CANCEL, session).contextPath("/shop");
        FakeResponse response = web.serve(request);

        assertAll(
                () -> assertEquals(303, response.getStatus()),
                () -> assertEquals("/shop/login", response.getHeader("Location")),
                () -> assertEquals("no-store", response.getHeader("Cache-Control")),
                () -> assertTrue(web.module.challenges().find(flow.id()).isEmpty(), "the code no longer works"),
                () -> assertFalse(session.isValid(), "the session is invalidated"),
                () -> assertNull(request.getSession(false)));
    }

    @Test
    void cancelWhenNoFlowThenSessionEndsAnd303ToLoginPage() throws Exception {
        FakeSession session = signedIn();

        FakeResponse response = web.serve(form(Routes.CANCEL, session));

        assertEquals("/login", response.getHeader("Location"));
        assertFalse(session.isValid());
    }

    @Test
    void cancelWhenNobodySignedInThenStillEndsSession() throws Exception {
        FakeSession session = new FakeSession();

        FakeResponse response = web.serve(form(Routes.CANCEL, session));

        assertEquals(303, response.getStatus());
        assertFalse(session.isValid());
    }

    @Test
    void cancelWhenContainerLoginThenLoggedOut() throws Exception {
        Principal alice = () -> WebModule.USER;
        FakeRequest request = form(Routes.CANCEL, signedIn()).principal(alice);

        web.serve(request);

        assertTrue(request.loggedOut());
        assertNull(request.getUserPrincipal());
    }

    @Test
    void cancelWhenNoContainerLoginThenLogoutNotCalled() throws Exception {
        FakeRequest request = form(Routes.CANCEL, signedIn());

        web.serve(request);

        assertFalse(request.loggedOut());
    }
}
