/** The optional bridge to CDI: the only package that imports {@code jakarta.enterprise}.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.cdi;
