/**
 * Sessions across an account: {@link io.github.email2fa.session.SessionEpochs} keeps, per account,
 * the moment of its last security change, so every session that began before it must pass the
 * second factor again.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.session;
