/**
 * The web layer: the thin {@link io.github.email2fa.web.Email2faFilter}, the module's
 * {@link io.github.email2fa.web.Email2faServlet} with its route table and small handlers, the
 * page models, path rules, CSRF tokens and safe redirects.
 *
 * <p>The public types are what a container or a JSP needs: the filter, the servlets, the
 * initializer and the page models ({@link io.github.email2fa.web.PageView} and its subclasses).
 * Everything else is package-private.
 */
package io.github.email2fa.web;
