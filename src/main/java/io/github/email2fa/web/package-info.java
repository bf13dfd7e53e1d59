/**
 * The web layer: the thin {@link io.github.email2fa.web.Email2faFilter}, the module's servlet and
 * pages, path rules, CSRF tokens and safe redirects.
 */
package io.github.email2fa.web;
