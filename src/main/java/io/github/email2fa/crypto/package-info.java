/**
 * Security randomness shared by the other packages: {@link io.github.email2fa.crypto.RandomIds} makes the
 * unguessable ids and tokens of sign-in flows, challenges and remembered devices. It depends on no other
 * package of the module.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.crypto;
