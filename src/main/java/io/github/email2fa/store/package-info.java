/**
 * The store of short-lived state every node must see alike: {@link io.github.email2fa.store.SharedStore}
 * and its maps, with {@link io.github.email2fa.store.CaffeineSharedStore} for a single server.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.store;
