package io.github.email2fa.account;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * The account store could not do what was asked: the database is unreachable, its tables are
 * missing, or a value clashed with one already stored.
 *
 * <p>Neither the message nor the causes repeat a hash or a salt: a driver's message, which may quote
 * the values of the failed statement, reaches the log only as a copy with every long hex run
 * replaced by {@code [redacted]}. The copy keeps the driver's class name, SQLState, vendor code and
 * stack trace.
 */
public final class AccountStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Hex runs this long are hashes or salts; shorter ones are ports, codes and the like. */
    private static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]{16,}");

    /** Deepest cause chain copied; drivers rarely nest more than two. */
    private static final int MAX_DEPTH = 8;

    public AccountStoreException(String message) {
        super(message);
    }

    /** @param cause copied without values that look like hashes */
    public AccountStoreException(String message, Throwable cause) {
        super(message, redacted(cause, 0));
    }

    /** A copy of {@code cause} and its causes with hex runs masked, or {@code null}. */
    private static Throwable redacted(Throwable cause, int depth) {
        if (cause == null || depth == MAX_DEPTH) {
            return null;
        }
        String text = cause.getClass().getName() + ": " + mask(cause.getMessage());
        Throwable next = redacted(cause.getCause(), depth + 1);
        Throwable copy = cause instanceof SQLException sql
                ? new SQLException(text, sql.getSQLState(), sql.getErrorCode(), next)
                : new Exception(text, next);
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    /** The text with each hex run of 16 or more digits replaced. */
    private static String mask(String text) {
        return text == null ? null : HEX_RUN.matcher(text).replaceAll("[redacted]");
    }
}
