package io.github.email2fa.challenge;

import io.github.email2fa.challenge.ChallengeService.Issued;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import io.github.email2fa.support.FakeTicker;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A {@link ChallengeService} on a Caffeine store with fake time: ttl 5m, cooldown 30s, 6 digits. */
final class ServiceFixture {

    static final String FLOW = "flow-A";
    static final String SUBJECT = "alice";
    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration COOLDOWN = Duration.ofSeconds(30);

    final FakeTicker ticker = new FakeTicker();
    final SharedMap<Challenge> store;
    final ChallengeService service;

    ServiceFixture(int maxAttempts) {
        this(maxAttempts, UnaryOperator.identity());
    }

    /** @param decorate wraps the Caffeine store, e.g. to watch every value written */
    ServiceFixture(int maxAttempts, UnaryOperator<SharedStore> decorate) {
        SecureRandom random = seeded();
        SharedStore shared = decorate.apply(new CaffeineSharedStore(10_000, ticker));
        service = new ChallengeService(shared, new CodeGenerator(random, 6), CodeHasher.withRandomKey(random), random,
                ticker.clock(), TTL, maxAttempts, COOLDOWN);
        store = shared.map(ChallengeService.MAP, TTL);
    }

    /** Issues a code on {@link #FLOW}, failing the test if the cooldown refuses it. */
    Issued issue() {
        return service.issue(FLOW, SUBJECT).orElseThrow();
    }

    /** Submits {@code input} on {@link #FLOW} as {@link #SUBJECT}. */
    Verification.Result verify(String input) {
        return service.verify(FLOW, SUBJECT, input);
    }

    /** A well-formed code that differs from {@code code} in its first digit. */
    static String wrong(String code) {
        return (char) ('0' + (code.charAt(0) - '0' + 1) % 10) + code.substring(1);
    }

    /** Same seed, same codes: a test that needs two different codes gets them on every run. */
    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(42L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
