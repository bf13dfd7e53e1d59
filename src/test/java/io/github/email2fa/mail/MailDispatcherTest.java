package io.github.email2fa.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.support.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Covers {@link MailDispatcher}: the outcome reaches the callback, and failures are logged without the address. */
class MailDispatcherTest {

    private static final OutgoingEmail EMAIL = new CodeEmailTemplate().render(
            new CodeEmail("alice@example.com", "493817", Duration.ofMinutes(5), Locale.ENGLISH, "Shop"));

    @RegisterExtension
    final LogCapture log = new LogCapture(MailDispatcher.class.getName());

    @Test
    void dispatchWhenMailerSucceedsThenOutcomeTrue() throws Exception {
        assertTrue(dispatch(email -> { }));
    }

    @Test
    void dispatchWhenMailerThrowsThenOutcomeFalse() throws Exception {
        assertFalse(dispatch(email -> {
            throw new IllegalStateException("connection refused");
        }));
    }

    @Test
    void dispatchWhenMailerFailsThenLogHoldsOnlyMaskedAddress() throws Exception {
        dispatch(email -> {
            throw new IllegalStateException("550 <alice@example.com> unknown",
                    new IllegalArgumentException("no mailbox alice@example.com"));
        });

        List<LogRecord> warnings = warnings();
        assertEquals(1, warnings.size());
        LogRecord record = warnings.get(0);
        assertFalse(record.getMessage().contains("alice@"), record.getMessage());
        assertTrue(record.getMessage().contains("a•••@example.com"), record.getMessage());
        assertFalse(record.getThrown().getMessage().contains("alice@"), record.getThrown().getMessage());
        assertFalse(record.getThrown().getCause().getMessage().contains("alice@"), record.getThrown().getCause().getMessage());
    }

    @Test
    void dispatchWhenMailerFailsThenLogNeverHoldsCode() throws Exception {
        dispatch(email -> {
            throw new IllegalStateException("could not send " + email);
        });

        assertFalse(warnings().get(0).getMessage().contains("493817"), warnings().get(0).getMessage());
    }

    private List<LogRecord> warnings() {
        return log.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    }

    /** Dispatches {@link #EMAIL} through {@code mailer} and waits for the outcome. */
    private static boolean dispatch(Mailer mailer) throws Exception {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        try (MailDispatcher dispatcher = MailDispatcher.withOwnPool(mailer)) {
            dispatcher.dispatch(EMAIL, outcome::complete);
            return outcome.get(10, TimeUnit.SECONDS);
        }
    }
}
