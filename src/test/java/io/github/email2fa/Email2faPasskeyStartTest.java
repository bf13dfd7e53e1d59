package io.github.email2fa;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.config.SettingsParser;
import io.github.email2fa.passkey.Passkeys;
import io.github.email2fa.passkey.RelyingParty;
import io.github.email2fa.testing.ServletFakes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the passkey settings and libraries decide deployment: a bad relying party or a missing library fails it, naming the fix. */
class Email2faPasskeyStartTest {

    @Test
    void startWhenRelyingPartyIsAnIpAddressThenDeploymentFailsNamingBothSettings() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> start("email2fa.passkey.rpId", "192.168.1.10"));

        assertAll(
                () -> assertTrue(failure.getMessage().contains("email2fa.passkey.rpId=192.168.1.10"), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("email2fa.passkey.origins"), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("not an IP address"), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("Fix:"), failure.getMessage()));
    }

    @Test
    void startWhenAnOriginIsNotUnderTheRelyingPartyThenDeploymentFails() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> start("email2fa.passkey.rpId", "shop.example", "email2fa.passkey.origins", "https://shop.example,https://evil.example"));

        assertTrue(failure.getMessage().contains("https://evil.example"), failure.getMessage());
    }

    @Test
    void startWhenPlainHttpOriginIsNotLocalhostThenDeploymentFails() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> start("email2fa.passkey.rpId", "shop.example", "email2fa.passkey.origins", "http://shop.example"));

        assertTrue(failure.getMessage().contains("http://shop.example"), failure.getMessage());
    }

    @Test
    void startWhenRelyingPartySetThenItsVerifierServesEveryHost() {
        Email2fa module = start("email2fa.passkey.rpId", "shop.example");
        try {
            assertTrue(module.relyingParty().isFixed());
            assertEquals("shop.example", module.relyingParty().verifierFor("other.example", "https://other.example").orElseThrow()
                    .settings().rpId());
            assertEquals(java.util.List.of("https://shop.example"),
                    module.relyingParty().verifierFor("shop.example", "https://shop.example").orElseThrow().settings().sortedOrigins());
        } finally {
            module.close();
        }
    }

    @Test
    void startWhenPasskeysOffThenNoRelyingPartyAndNoPasskeyAvailable() {
        Email2fa module = start("email2fa.passkey.enabled", "false", "email2fa.passkey.rpId", "192.168.1.10");
        try {
            assertSame(RelyingParty.NONE, module.relyingParty(), "an id is not even checked while passkeys are off");
            assertEquals(Passkeys.Availability.OFF, module.accounts().passkeys().availability());
            assertTrue(module.relyingParty().verifierFor("shop.example", "https://shop.example").isEmpty());
        } finally {
            module.close();
        }
    }

    @Test
    void startWhenStrongStepUpButNeitherPasskeysNorAppsThenDeploymentFailsNamingTheSettings() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> start("email2fa.stepUp.factor", "strong", "email2fa.passkey.enabled", "false"));

        assertAll(
                () -> assertTrue(failure.getMessage().contains("email2fa.stepUp.factor=strong needs passkeys and authenticator apps"),
                        failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("email2fa.passkey.enabled=false"), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("email2fa.app.secretKey"), failure.getMessage()));
    }

    @Test
    void startWhenStrongStepUpWithPasskeysOnThenDeploys() {
        start("email2fa.stepUp.factor", "strong").close();
    }

    private static Email2fa start(String... settings) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("email2fa.accountStore", "io.github.email2fa.account.InMemoryAccountStore");
        params.put("email2fa.mail.checkOnStartup", "false");
        params.put("email2fa.smtp.host", "127.0.0.1");
        params.put("email2fa.smtp.from", "no-reply@example.com");
        for (int i = 0; i < settings.length; i += 2) {
            params.put(settings[i], settings[i + 1]);
        }
        return Email2fa.start(SettingsParser.parse(params, "Shop"), ServletFakes.servletContext());
    }
}
