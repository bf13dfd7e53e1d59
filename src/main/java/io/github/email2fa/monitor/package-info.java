/** Monitoring: the JMX counters, fed by the audit events. */
package io.github.email2fa.monitor;
