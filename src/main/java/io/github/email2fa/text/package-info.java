/** Texts per locale and HTML escaping, shared by the pages and the emails. */
package io.github.email2fa.text;
