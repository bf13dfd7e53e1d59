/**
 * Mail: the {@link io.github.email2fa.mail.CodeMailer} SPI, its Jakarta Mail implementation,
 * the email template, and the dispatcher that sends off the request thread.
 */
package io.github.email2fa.mail;
