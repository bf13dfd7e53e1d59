/**
 * The store of short-lived state every node must see alike: {@link io.github.email2fa.store.SharedStore}
 * and its maps, with {@link io.github.email2fa.store.CaffeineSharedStore} for a single server and
 * {@link io.github.email2fa.store.JCacheSharedStore} for a cluster's data grid. Only the JCache store
 * and its map use {@code javax.cache}, which a server may lack.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.store;
