/**
 * email2fa: an email one-time-code second factor for Jakarta EE web applications.
 *
 * <p>Declare {@link io.github.email2fa.web.Email2faFilter} in {@code web.xml}, set the
 * {@code email2fa.*} context params listed in {@link io.github.email2fa.config.ContextParams}, and
 * every session that has passed the application's own login must then pass an emailed code.
 * {@link io.github.email2fa.Email2fa#from(jakarta.servlet.ServletContext)} reaches the running module.
 */
package io.github.email2fa;
