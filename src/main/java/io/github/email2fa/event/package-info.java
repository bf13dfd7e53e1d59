/**
 * Audit events: the {@link io.github.email2fa.event.AuditEvent} record, the listener SPI, and the
 * structured JUL log line that is always written.
 */
package io.github.email2fa.event;
