/**
 * Settings: their names and defaults ({@link io.github.email2fa.config.ContextParams}), the immutable
 * {@link io.github.email2fa.config.Settings}, and the parser that checks them all at start-up.
 */
package io.github.email2fa.config;
