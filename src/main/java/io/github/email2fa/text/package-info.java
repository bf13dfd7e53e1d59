/** Texts per locale and HTML escaping, shared by the pages and the emails.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.text;
