package io.github.email2fa.monitor;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditListener;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
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

    private final LongAdder issued = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder verified = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder lockouts = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongSupplier pending;
    private final long[] durations = new long[SAMPLES];
    private long recorded;
    private ObjectName registeredAs;

    /** @param pending reads the number of pending challenges */
    public Email2faStats(LongSupplier pending) {
        this.pending = pending;
    }

    @Override
    public void onEvent(AuditEvent event) {
        switch (event.type()) {
            case CHALLENGE_ISSUED -> issued.increment();
            case CODE_SENT -> sent.increment();
            case SEND_FAILED -> sendFailures.increment();
            case VERIFIED -> {
                verified.increment();
                if (event.sinceSent() != null) {
                    sample(event.sinceSent().toMillis());
                }
            }
            case VERIFY_FAILED -> failures.increment();
            case LOCKED_OUT -> lockouts.increment();
            case RATE_LIMITED -> rateLimited.increment();
            default -> {
                // Expired, exhausted and unlocked are in the audit log; they have no counter.
            }
        }
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
        return issued.sum();
    }

    @Override
    public long getSent() {
        return sent.sum();
    }

    @Override
    public long getSendFailures() {
        return sendFailures.sum();
    }

    @Override
    public long getVerified() {
        return verified.sum();
    }

    @Override
    public long getFailures() {
        return failures.sum();
    }

    @Override
    public long getLockouts() {
        return lockouts.sum();
    }

    @Override
    public long getRateLimited() {
        return rateLimited.sum();
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
