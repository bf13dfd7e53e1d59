/**
 * Limits: the per-account failure counter with growing lockouts, send quotas per account and per
 * client address, and how the client address is found behind trusted proxies.
 */
package io.github.email2fa.limit;
