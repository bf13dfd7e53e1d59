package io.github.email2fa.signin;

import static io.github.email2fa.signin.SignInFixture.attempt;
import static io.github.email2fa.signin.SignInFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.testing.Race;
import io.github.email2fa.totp.AuthenticatorApps;
import io.github.email2fa.totp.SecretBox;
import io.github.email2fa.totp.TotpSettings;
import io.github.email2fa.totp.TotpVerifier;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Codes from an authenticator app at sign-in: behind the same lock and failure count as emailed
 * and backup codes, each time step accepted once, and no email sent.
 */
class SignInServiceAppTest {

    private final SignInFixture fixture = new SignInFixture();
    private final TotpVerifier verifier = new TotpVerifier(TotpSettings.defaults("Shop"), fixture.ticker.clock());
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final AuthenticatorApps apps = new AuthenticatorApps(store, new SecretBox(new byte[32], new SecureRandom()),
            verifier, new SecureRandom(), fixture.ticker.clock());
    private byte[] secret;

    @BeforeEach
    void addApp() {
        AuthenticatorApps.Enrolment shown = apps.start(SignInFixture.SUBJECT, SignInFixture.EMAIL).orElseThrow();
        secret = new Base32().decode(shown.groupedSecret().replace(" ", ""));
        assertEquals(AuthenticatorApps.Outcome.ACCEPTED, apps.confirm(SignInFixture.SUBJECT, verifier.currentCode(secret)));
        nextStep();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void verifyAppWhenRightCodeThenVerifiedWithItsEventsAndNoEmail() {
        VerifyOutcome outcome = fixture.service.verifyApp(attempt("flow-1"), verifier.currentCode(secret), apps);

        assertEquals(VerifyOutcome.Status.VERIFIED, outcome.status());
        assertEquals(SignInService.AUTHENTICATOR_APP, fixture.eventsOf(Type.VERIFIED).get(0).reason());
        assertEquals(1, fixture.eventsOf(Type.APP_CODE_USED).size());
        assertEquals(List.of(), fixture.eventsOf(Type.CHALLENGE_ISSUED), "no code was issued");
        assertTrue(fixture.outbox.isEmpty(), "no email was sent");
    }

    @Test
    void verifyAppWhenWrongCodeThenRejectedCountedWithAppCodeFailedEvent() {
        VerifyOutcome outcome = fixture.service.verifyApp(attempt("flow-1"), wrong(verifier.currentCode(secret)), apps);

        assertEquals(VerifyOutcome.Status.REJECTED, outcome.status());
        assertEquals(SignInService.WRONG_APP_CODE, fixture.eventsOf(Type.APP_CODE_FAILED).get(0).reason());
        assertEquals(SignInService.WRONG_APP_CODE, fixture.eventsOf(Type.VERIFY_FAILED).get(0).reason());
    }

    @Test
    void verifyAppWhenCodeOfAUsedStepThenAlreadyUsedAndCounted() {
        String code = verifier.currentCode(secret);
        assertEquals(VerifyOutcome.Status.VERIFIED, fixture.service.verifyApp(attempt("flow-1"), code, apps).status());

        VerifyOutcome replay = fixture.service.verifyApp(attempt("flow-2"), code, apps);

        assertEquals(VerifyOutcome.Status.ALREADY_USED, replay.status());
        assertEquals(SignInService.REPLAYED_APP_CODE, fixture.eventsOf(Type.APP_CODE_FAILED).get(0).reason());
    }

    @Test
    void verifyAppWhenTwentyParallelSubmissionsOfTheRightCodeThenExactlyOneVerified() throws Exception {
        String code = verifier.currentCode(secret);

        List<VerifyOutcome.Status> outcomes = Race.of(20, t -> fixture.service.verifyApp(attempt("flow-" + t), code, apps).status());

        assertEquals(1, outcomes.stream().filter(s -> s == VerifyOutcome.Status.VERIFIED).count(), outcomes.toString());
        // Each replay counts as a failure, so once ten are counted the rest meet the lock.
        assertEquals(19, outcomes.stream().filter(s -> s == VerifyOutcome.Status.ALREADY_USED || s == VerifyOutcome.Status.LOCKED).count(),
                outcomes.toString());
    }

    @Test
    void verifyAppWhenWrongEmailedAndAppCodesReachTheThresholdTogetherThenLockedForBoth() {
        String emailed = fixture.sendCode("flow-1");
        for (int i = 0; i < 4; i++) {
            fixture.service.verify(attempt("flow-1"), wrong(emailed));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(VerifyOutcome.Status.REJECTED, fixture.service.verifyApp(attempt("flow-2"), wrong(verifier.currentCode(secret)),
                    apps).status(), "app failure " + i);
        }

        VerifyOutcome tenth = fixture.service.verifyApp(attempt("flow-2"), wrong(verifier.currentCode(secret)), apps);

        assertEquals(VerifyOutcome.Status.LOCKED, tenth.status(), "the tenth failure, email and app together, locks");
        assertEquals(1, fixture.eventsOf(Type.LOCKED_OUT).size());
        assertEquals(VerifyOutcome.Status.LOCKED, fixture.service.verifyApp(attempt("flow-2"), verifier.currentCode(secret), apps).status(),
                "the right app code is refused while locked");
        assertEquals(VerifyOutcome.Status.LOCKED, fixture.service.verify(attempt("flow-1"), emailed).status());
    }

    @Test
    void verifyAppWhenAppFailuresAloneReachTheThresholdThenEmailedCodesAreLockedToo() {
        String emailed = fixture.sendCode("flow-1");
        for (int i = 0; i < 10; i++) {
            fixture.service.verifyApp(attempt("flow-2"), wrong(verifier.currentCode(secret)), apps);
        }

        assertEquals(VerifyOutcome.Status.LOCKED, fixture.service.verify(attempt("flow-1"), emailed).status());
    }

    @Test
    void verifyAppWhenMalformedOrNoAppThenAnsweredAndNotCounted() {
        for (int i = 0; i < 15; i++) {
            assertEquals(VerifyOutcome.Status.MALFORMED, fixture.service.verifyApp(attempt("flow-1"), "12345", apps).status());
            assertEquals(VerifyOutcome.Status.APP_UNAVAILABLE,
                    fixture.service.verifyApp(SignInFixture.attempt("flow-3", "bob", "bob@example.com"), "123456", apps).status());
        }

        assertEquals(VerifyOutcome.Status.VERIFIED, fixture.service.verifyApp(attempt("flow-1"), verifier.currentCode(secret), apps).status(),
                "15 of each counted nothing");
        assertEquals(SignInService.MALFORMED_APP_CODE, fixture.eventsOf(Type.VERIFY_FAILED).get(0).reason());
        assertEquals(SignInService.NO_APP, fixture.eventsOf(Type.VERIFY_FAILED).get(1).reason());
        assertEquals(List.of(), fixture.eventsOf(Type.APP_CODE_FAILED));
    }

    @Test
    void verifyAppWhenTheSecretDoesNotOpenWithTheKeysSetThenUnavailableAndNothingCounted() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        AuthenticatorApps wrongKey = new AuthenticatorApps(store, new SecretBox(otherKey, new SecureRandom()), verifier, new SecureRandom(),
                fixture.ticker.clock());
        AuthenticatorApps noKey = new AuthenticatorApps(store, null, verifier, new SecureRandom(), fixture.ticker.clock());

        for (int i = 0; i < 15; i++) {
            assertEquals(VerifyOutcome.Status.APP_UNAVAILABLE,
                    fixture.service.verifyApp(attempt("flow-1"), verifier.currentCode(secret), i % 2 == 0 ? wrongKey : noKey).status());
        }

        assertEquals(List.of(), fixture.eventsOf(Type.LOCKED_OUT), "no code could match, so none was counted");
        assertEquals(VerifyOutcome.Status.VERIFIED, fixture.service.verifyApp(attempt("flow-1"), verifier.currentCode(secret), apps).status());
    }

    @Test
    void verifyAppWhenVerifiedThenNoEventHoldsTheCode() {
        String code = verifier.currentCode(secret);
        fixture.service.verifyApp(attempt("flow-1"), code, apps);
        fixture.service.verifyApp(attempt("flow-1"), code, apps);

        for (AuditEvent event : fixture.events) {
            assertTrue(!event.toLogLine().contains(code), event.toLogLine());
        }
    }

    private void nextStep() {
        fixture.ticker.advance(Duration.ofSeconds(30));
    }
}
