/**
 * Security primitives shared by the other packages: {@link io.github.email2fa.crypto.RandomIds} makes the
 * unguessable ids and tokens of sign-in flows, challenges and remembered devices, and
 * {@link io.github.email2fa.crypto.HmacSha256} computes HMAC-SHA-256 from the key's precomputed padded
 * blocks, for the hashes of codes and users. It depends on no other package of the module.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.crypto;
