package io.github.email2fa.monitor;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditListener;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Counts audit events for JMX. It is itself a listener, so the counters always agree with the
 * audit log.
 */
public final class Email2faStats implements Email2faStatsMBean, AuditListener {

    private static final Logger LOG = Logger.getLogger(Email2faStats.class.getName());
    private static final int SAMPLES = 1024;

    /** One counter per event type, filled once, so counting never allocates or locks. */
    private final Map<AuditEvent.Type, LongAdder> counts = new EnumMap<>(AuditEvent.Type.class);
    private final LongSupplier pending;
    private final long[] durations = new long[SAMPLES];
    private long recorded;
    private ObjectName registeredAs;

    /** @param pending reads the number of pending challenges */
    public Email2faStats(LongSupplier pending) {
        this.pending = pending;
        for (AuditEvent.Type type : AuditEvent.Type.values()) {
            counts.put(type, new LongAdder());
        }
    }

    @Override
    public void onEvent(AuditEvent event) {
        counts.get(event.type()).increment();
        if (event.type() == AuditEvent.Type.VERIFIED && event.sinceSent() != null) {
            sample(event.sinceSent().toMillis());
        }
    }

    private long count(AuditEvent.Type type) {
        return counts.get(type).sum();
    }

    private synchronized void sample(long millis) {
        durations[(int) (recorded++ % SAMPLES)] = millis;
    }

    private synchronized long percentile(double fraction) {
        int size = (int) Math.min(recorded, SAMPLES);
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(durations, size);
        Arrays.sort(sorted);
        return sorted[Math.min(size - 1, (int) Math.ceil(fraction * size) - 1)];
    }

    /** Registers this object with the platform MBean server; a failure is logged, not thrown. */
    public synchronized void register(String contextPath) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.github.email2fa:type=Stats,app=" + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath));
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
            registeredAs = name;
        } catch (JMException | SecurityException e) {
            LOG.warning("email2fa: could not register the JMX counters: " + e);
        }
    }

    /** Removes this object from the MBean server, if it was registered. */
    public synchronized void unregister() {
        if (registeredAs != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
            } catch (JMException | SecurityException e) {
                LOG.fine("email2fa: JMX counters already gone: " + e);
            }
            registeredAs = null;
        }
    }

    @Override
    public long getIssued() {
        return count(AuditEvent.Type.CHALLENGE_ISSUED);
    }

    @Override
    public long getSent() {
        return count(AuditEvent.Type.CODE_SENT);
    }

    @Override
    public long getSendFailures() {
        return count(AuditEvent.Type.SEND_FAILED);
    }

    @Override
    public long getVerified() {
        return count(AuditEvent.Type.VERIFIED);
    }

    @Override
    public long getFailures() {
        return count(AuditEvent.Type.VERIFY_FAILED);
    }

    @Override
    public long getLockouts() {
        return count(AuditEvent.Type.LOCKED_OUT);
    }

    @Override
    public long getRateLimited() {
        return count(AuditEvent.Type.RATE_LIMITED);
    }

    @Override
    public long getTwoFactorEnabled() {
        return count(AuditEvent.Type.TWO_FACTOR_ENABLED);
    }

    @Override
    public long getTwoFactorDisabled() {
        return count(AuditEvent.Type.TWO_FACTOR_DISABLED);
    }

    @Override
    public long getBackupCodesRegenerated() {
        return count(AuditEvent.Type.BACKUP_CODES_REGENERATED);
    }

    @Override
    public long getBackupCodesUsed() {
        return count(AuditEvent.Type.BACKUP_CODE_USED);
    }

    @Override
    public long getDevicesRemembered() {
        return count(AuditEvent.Type.DEVICE_REMEMBERED);
    }

    @Override
    public long getDevicesForgotten() {
        return count(AuditEvent.Type.DEVICES_FORGOTTEN);
    }

    @Override
    public long getDevicesRevoked() {
        return count(AuditEvent.Type.DEVICES_REVOKED);
    }

    @Override
    public long getStepUpsPassed() {
        return count(AuditEvent.Type.STEP_UP_PASSED);
    }

    @Override
    public long getOtherSessionsEnded() {
        return count(AuditEvent.Type.OTHER_SESSIONS_ENDED);
    }

    @Override
    public long getReverifications() {
        return count(AuditEvent.Type.REVERIFICATION_REQUIRED);
    }

    @Override
    public long getSessionIdsRejected() {
        return count(AuditEvent.Type.SESSION_ID_REJECTED);
    }

    @Override
    public long getAppsEnrolled() {
        return count(AuditEvent.Type.APP_ENROLLED);
    }

    @Override
    public long getAppsRemoved() {
        return count(AuditEvent.Type.APP_REMOVED);
    }

    @Override
    public long getAppCodesUsed() {
        return count(AuditEvent.Type.APP_CODE_USED);
    }

    @Override
    public long getAppCodesFailed() {
        return count(AuditEvent.Type.APP_CODE_FAILED);
    }

    @Override
    public long getPasskeysRegistered() {
        return count(AuditEvent.Type.PASSKEY_REGISTERED);
    }

    @Override
    public long getPasskeysRemoved() {
        return count(AuditEvent.Type.PASSKEY_REMOVED);
    }

    @Override
    public long getPasskeysUsed() {
        return count(AuditEvent.Type.PASSKEY_USED);
    }

    @Override
    public long getPasskeysFailed() {
        return count(AuditEvent.Type.PASSKEY_FAILED);
    }

    @Override
    public long getPasskeyCounterRegressions() {
        return count(AuditEvent.Type.PASSKEY_COUNTER_REGRESSION);
    }

    @Override
    public long getPendingChallenges() {
        return pending.getAsLong();
    }

    @Override
    public long getMedianSendToVerifyMillis() {
        return percentile(0.5);
    }

    @Override
    public long getP95SendToVerifyMillis() {
        return percentile(0.95);
    }
}
