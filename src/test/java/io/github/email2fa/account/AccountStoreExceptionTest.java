package io.github.email2fa.account;

import static io.github.email2fa.account.AccountStoreContractTest.hash;
import static io.github.email2fa.account.AccountStoreContractTest.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** That a driver's message reaches the log without the hashes it quotes, and with everything else. */
class AccountStoreExceptionTest {

    @Test
    void causeWhenDriverQuotesAHashThenCopyMasksItAndKeepsStateCodeAndStack() {
        SQLException driver = new SQLException("duplicate key (token_hash)=(" + hash("t") + ")", "23505", 42,
                new IOException("inner " + hash("u")));

        AccountStoreException e = new AccountStoreException("Could not save a remembered device", driver);

        SQLException cause = (SQLException) e.getCause();
        assertEquals("java.sql.SQLException: duplicate key (token_hash)=([redacted])", cause.getMessage());
        assertEquals("23505", cause.getSQLState());
        assertEquals(42, cause.getErrorCode());
        assertEquals(driver.getStackTrace()[0], cause.getStackTrace()[0]);
        assertTrue(cause.getCause().getMessage().startsWith("java.io.IOException: inner [redacted]"));
        assertFalse(printed(e).contains(hash("t")) || printed(e).contains(hash("u")));
    }

    @Test
    void causeWhenShortNumbersThenKept() {
        AccountStoreException e = new AccountStoreException("Could not read an account",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));

        assertEquals("java.sql.SQLException: Connection to 127.0.0.1:5432 refused", e.getCause().getMessage());
    }
}
