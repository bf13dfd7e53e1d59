/**
 * The services the web layer calls: {@link io.github.email2fa.signin.SignInService} sends and
 * checks codes behind every limit, and {@link io.github.email2fa.signin.AccountService} makes every
 * change to a user's second factor. Both raise the audit events and send the notices, so a page
 * only decides what to show.
 *
 * <p>{@code AccountService} is also the application's API for account changes, reached through
 * {@link io.github.email2fa.Email2fa#accounts()}; the other types are internal.
 */
package io.github.email2fa.signin;
