/**
 * Per-user 2FA state that outlives a session: whether the user is enrolled, the security epoch,
 * backup code hashes and remembered devices.
 *
 * <p>{@link io.github.email2fa.account.AccountStore} is the SPI.
 * {@link io.github.email2fa.account.JdbcAccountStore} keeps the state in a database reached through
 * a JNDI {@code DataSource}, with the tables of {@code META-INF/email2fa/schema.sql};
 * {@link io.github.email2fa.account.InMemoryAccountStore} is for tests. Both pass the same contract test.
 */
package io.github.email2fa.account;
