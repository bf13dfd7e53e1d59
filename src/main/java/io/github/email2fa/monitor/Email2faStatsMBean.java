package io.github.email2fa.monitor;

/**
 * The module's counters over JMX, under {@code io.github.email2fa:type=Stats,app=<context path>}.
 * Counts run from deployment; times are over the last 1,024 successful sign-ins.
 */
public interface Email2faStatsMBean {

    long getIssued();

    long getSent();

    long getSendFailures();

    long getVerified();

    long getFailures();

    long getLockouts();

    long getRateLimited();

    long getPendingChallenges();

    long getMedianSendToVerifyMillis();

    long getP95SendToVerifyMillis();
}
