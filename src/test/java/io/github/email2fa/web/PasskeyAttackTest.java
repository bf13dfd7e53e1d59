package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.USER;
import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.StoredPasskey;
import io.github.email2fa.passkey.FakeAuthenticator;
import io.github.email2fa.passkey.PasskeyChallenge;
import io.github.email2fa.signin.Actor;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.text.Html;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys as an attacker meets them on the module's pages (security review of the passkey
 * feature). Each test here states what should hold and failed when it was written; the class
 * javadoc of each test says what an attacker gains.
 */
class PasskeyAttackTest extends AppPagesFixture {

    private static final String ORIGIN = "https://app.example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The user's own passkey. */
    private final FakeAuthenticator users = FakeAuthenticator.es256("app.example.com", ORIGIN);
    /** A passkey the attacker makes on their own device. */
    private final FakeAuthenticator attackers = FakeAuthenticator.es256("app.example.com", ORIGIN);

    @BeforeEach
    @AfterEach
    void freshSharedStore() {
        SharedAccountStore.reset();
    }

    /**
     * {@code stepUp.factor=passkey} promises that critical paths take one of the user's passkeys only,
     * because emailed and backup codes can be phished in real time. But the settings page of a user
     * who holds a passkey also opens with a backup code (so a lost passkey can be removed), and
     * there the session may add a passkey of its own, which registration marks as a fresh passkey
     * verification. So one phished backup code (plus the password) opens every step-up path, and
     * leaves the attacker a passkey of their own for later. The same reasoning made the settings of
     * {@code backup-code} take backup codes only (README, "Step-up").
     */
    @Test
    void passkeyFactorWhenSettingsOpenedWithABackupCodeThenAnAttackersNewPasskeyDoesNotOpenTheStepUpPath() throws Exception {
        start("email2fa.stepUp.factor", "passkey");
        register(verified(), users, "Laptop");
        List<String> backupCodes = web.module.accounts().regenerateBackupCodes(Actor.application(USER));
        FakeSession attacker = signedIn();
        web.startFlow(attacker, "/account");
        web.serve(form(Routes.BACKUP, attacker).param("backupCode", backupCodes.get(0)));
        assertEquals(200, web.serve(WebModule.route("GET", Routes.SETTINGS).session(attacker)).getStatus(),
                "as documented, a backup code opens the settings of a user with a passkey");

        FakeRequest options = change(attacker, "passkeyOptions");
        FakeResponse refusedOptions = web.serve(options);
        FakeRequest register = change(attacker, "passkeyRegister").param("credential", "{}").param("passkeyName", "Mine");
        FakeResponse refusedRegistration = web.serve(register);

        WebModule.assertProblemPage(options, refusedOptions, 403, "settings.addNeedsStrongWay");
        WebModule.assertProblemPage(register, refusedRegistration, 403, "settings.addNeedsStrongWay");
        assertEquals(1, web.module.accounts().passkeys().list(USER).size(), "only the user's own passkey");
        // Removing the user's passkey first (which a backup code may do) does not open adding one either.
        web.serve(change(attacker, "passkeyRemove").param("passkey", web.module.accounts().passkeys().list(USER).get(0).credentialId()));
        FakeRequest afterRemoval = change(attacker, "passkeyOptions");
        WebModule.assertProblemPage(afterRemoval, web.serve(afterRemoval), 403, "settings.addNeedsStrongWay");
        assertFalse(web.throughFilter(browserGet("/account/delete", attacker)).passed());
    }

    /**
     * The same under {@code strong}, which takes a passkey or an app and not a backup code: settings
     * opened with a backup code let the attacker remove the user's app and confirm one of their own,
     * which marks the session as app-verified.
     */
    @Test
    void strongFactorWhenSettingsOpenedWithABackupCodeThenSwappingInTheAttackersAppDoesNotOpenTheStepUpPath() throws Exception {
        start("email2fa.stepUp.factor", "strong");
        addApp(verified());
        List<String> backupCodes = web.module.accounts().regenerateBackupCodes(Actor.application(USER));
        FakeSession attacker = signedIn();
        web.startFlow(attacker, "/account");
        web.serve(form(Routes.BACKUP, attacker).param("backupCode", backupCodes.get(0)));
        assertEquals(200, web.serve(WebModule.route("GET", Routes.SETTINGS).session(attacker)).getStatus());

        web.serve(change(attacker, "appRemove"));
        FakeRequest start = change(attacker, "appStart");
        FakeResponse refused = web.serve(start);

        WebModule.assertProblemPage(start, refused, 403, "settings.addNeedsStrongWay");
        assertFalse(web.throughFilter(browserGet("/account/delete", attacker)).passed(),
                "a backup code must not lead to a step-up that takes a passkey or an app only");
    }

    /**
     * Turning codes off removes the user's passkeys (README, AccountService.disable) -- the user's
     * way to get rid of every factor at once, say after losing a device or suspecting an intruder.
     * While {@code email2fa.passkey.enabled=false} it removes none ({@code Passkeys.removeAll}
     * returns 0 when passkeys are off, unlike {@code AuthenticatorApps.remove}, which works with apps
     * off), and the user sees no passkey on the page to remove. When the operator turns passkeys on
     * again, every old passkey, an intruder's among them, opens the account again.
     */
    @Test
    void disableWhilePasskeysAreOffThenTheStoredPasskeysAreRemovedAsWell() throws Exception {
        start("email2fa.policy", "optional", "email2fa.accountStore", SharedAccountStore.class.getName());
        web.enrol(USER);
        register(verified(), users, "Laptop");
        assertEquals(1, web.module.accounts().passkeys().list(USER).size());
        web.close();

        start("email2fa.policy", "optional", "email2fa.accountStore", SharedAccountStore.class.getName(),
                "email2fa.passkey.enabled", "false");
        FakeResponse disabled = web.serve(change(verified(), "disable"));
        assertEquals(200, disabled.getStatus());
        web.close();

        start("email2fa.policy", "optional", "email2fa.accountStore", SharedAccountStore.class.getName());
        List<StoredPasskey> left = web.module.accounts().passkeys().list(USER);

        assertTrue(left.isEmpty(), "turning codes off left passkeys that work again now: " + left);
    }

    /**
     * {@code stepUp.factor=passkey} (or {@code strong} without apps) with passkeys off makes every
     * step-up path unreachable for every user, and the page sends them to a settings page that says
     * passkeys are not available. The module fails deployment on contradictory settings elsewhere;
     * it should here too, naming both settings.
     */
    @Test
    void startWhenStepUpTakesOnlyPasskeysButPasskeysAreOffThenDeploymentFails() {
        assertThrows(RuntimeException.class, () -> start("email2fa.stepUp.factor", "passkey", "email2fa.passkey.enabled", "false"));
    }

    /**
     * A transport the browser reports that the store does not take (here one starting with a digit,
     * which ResponseJson keeps but Columns refuses) should be dropped, as ResponseJson says ("anything
     * else is dropped rather than stored"). Instead the verified registration is thrown away and the
     * user is told to fix the passkey's name.
     */
    @Test
    void registerWhenBrowserReportsATransportTheStoreRefusesThenThePasskeyIsAddedWithoutIt() throws Exception {
        start();
        FakeSession session = verified();
        String answer = withTransports(users.create(challengeOf(web.serve(change(session, "passkeyOptions")))), List.of("usb", "5g"));

        SettingsView page = settings(change(session, "passkeyRegister").param("credential", answer).param("passkeyName", "Laptop"));

        assertEquals(Html.escape(ENGLISH.get("settings.passkey.registered")), page.getDone(), page.getPasskeys());
        assertEquals(Set.of("usb"), web.module.accounts().passkeys().list(USER).get(0).transports());
    }

    private SettingsView register(FakeSession session, FakeAuthenticator authenticator, String name) throws Exception {
        String answer = authenticator.create(challengeOf(web.serve(change(session, "passkeyOptions"))));
        return settings(change(session, "passkeyRegister").param("credential", answer).param("passkeyName", name));
    }

    @SuppressWarnings("unchecked")
    private static String withTransports(String json, List<String> transports) {
        Map<String, Object> credential = JSON.readValue(json, LinkedHashMap.class);
        ((Map<String, Object>) credential.get("response")).put("transports", transports);
        return JSON.writeValueAsString(credential);
    }

    /** The challenge of the options a response carries, as the authenticator signs it. */
    static PasskeyChallenge challengeOf(FakeResponse options) {
        byte[] value = Base64.getUrlDecoder().decode(JSON.readTree(options.body()).get("challenge").asString());
        return PasskeyChallenge.random(new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(value, 0, bytes, 0, bytes.length);
            }
        }, Clock.systemUTC(), Duration.ofMinutes(5));
    }
}
