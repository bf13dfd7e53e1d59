/**
 * Email addresses as values: {@link io.github.email2fa.address.EmailAddresses} decides whether a string
 * can be one. It depends on no other package of the module, so the settings, the pages and the
 * resolvers can all use it.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.address;
