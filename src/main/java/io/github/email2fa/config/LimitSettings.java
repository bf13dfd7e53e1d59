package io.github.email2fa.config;

import java.time.Duration;
import java.util.List;

/**
 * Limits on guessing and sending.
 *
 * @param lockoutThreshold failures within the window that lock an account
 * @param lockoutWindow the sliding window of the failure count
 * @param lockoutDurations lock durations, growing; the last one repeats
 * @param lockoutHardLimit consecutive failures after which only support can unlock
 * @param sendPerAccount sends per account within {@code sendAccountWindow}
 * @param sendAccountWindow the short account send window
 * @param sendPerAccountPerDay sends per account within 24 hours
 * @param sendPerIp sends per client address within {@code sendIpWindow}
 * @param sendIpWindow the IP send window
 * @param trustedProxies CIDR blocks whose {@code X-Forwarded-For} is believed
 */
public record LimitSettings(
        int lockoutThreshold,
        Duration lockoutWindow,
        List<Duration> lockoutDurations,
        int lockoutHardLimit,
        int sendPerAccount,
        Duration sendAccountWindow,
        int sendPerAccountPerDay,
        int sendPerIp,
        Duration sendIpWindow,
        List<String> trustedProxies) {

    public LimitSettings {
        lockoutDurations = List.copyOf(lockoutDurations);
        trustedProxies = List.copyOf(trustedProxies);
    }
}
