/**
 * Limits: the per-account failure counter with growing lockouts, send quotas per account and per
 * client address, and how the client address is found behind trusted proxies.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.limit;
