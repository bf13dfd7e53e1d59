/**
 * Mail: the {@link io.github.email2fa.mail.Mailer} SPI with the
 * {@link io.github.email2fa.mail.OutgoingEmail} it sends, its Jakarta Mail implementation, the
 * email templates, and the dispatcher that sends off the request thread.
 *
 * <p>{@code Mailer} and {@code OutgoingEmail} are an extension point; the other types are
 * internal and may change in any release.
 */
package io.github.email2fa.mail;
