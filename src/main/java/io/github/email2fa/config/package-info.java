/**
 * Settings: their names and defaults ({@link io.github.email2fa.config.ContextParams}), one
 * declaration per setting with the form its value takes ({@code KnownSettings}), the immutable
 * {@link io.github.email2fa.config.Settings}, and the parser that checks them all at start-up.
 */
package io.github.email2fa.config;
