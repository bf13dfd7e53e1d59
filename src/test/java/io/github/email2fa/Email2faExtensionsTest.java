package io.github.email2fa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.config.SettingsParser;
import io.github.email2fa.mail.Mailer;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.testing.ServletFakes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Covers the extension points {@link Email2fa#start} plugs in from settings: an application's own mailer. */
class Email2faExtensionsTest {

    /** A mailer an application names in {@code email2fa.mailer}, as one sending through an HTTP mail API would be. */
    public static final class ApiMailer implements Mailer, AutoCloseable {

        static final List<OutgoingEmail> SENT = new CopyOnWriteArrayList<>();
        static volatile boolean closed;

        @Override
        public void send(OutgoingEmail email) {
            SENT.add(email);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void startWhenOwnMailerNamedThenItSendsTheModulesEmailsAndIsClosedWithTheModule() {
        Email2fa module = Email2fa.start(SettingsParser.parse(Map.of(
                "email2fa.mailer", ApiMailer.class.getName(),
                "email2fa.accountStore", "io.github.email2fa.account.InMemoryAccountStore"), "Shop"),
                ServletFakes.servletContext());

        String failure = module.support().sendTestEmail("helpdesk@example.com");
        module.close();

        assertNull(failure);
        assertEquals(List.of("helpdesk@example.com"), ApiMailer.SENT.stream().map(OutgoingEmail::to).toList());
        assertTrue(ApiMailer.closed, "the module created the mailer, so it closes it");
    }
}
