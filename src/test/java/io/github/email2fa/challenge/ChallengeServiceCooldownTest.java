package io.github.email2fa.challenge;

import static io.github.email2fa.challenge.ServiceFixture.COOLDOWN;
import static io.github.email2fa.challenge.ServiceFixture.FLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.Challenge.Delivery;
import io.github.email2fa.challenge.ChallengeService.Issued;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.support.FakeTicker;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Covers the resend cooldown of {@link ChallengeService}, and how delivery reports lift or keep it. */
class ChallengeServiceCooldownTest {

    private final ServiceFixture fixture = new ServiceFixture(5);
    private final ChallengeService service = fixture.service;

    @Test
    void issueWhenCooldownRunningThenEmpty() {
        fixture.issue();
        fixture.ticker.advance(COOLDOWN.minusNanos(1));

        assertTrue(service.issue(FLOW, "alice").isEmpty());
    }

    @Test
    void issueWhenCooldownPassedThenOldCodeRejected() {
        Issued first = fixture.issue();
        fixture.ticker.advance(COOLDOWN);
        Issued second = fixture.issue();
        assertNotEquals(first.code(), second.code(), "the seeded fixture should draw two different codes");

        assertEquals(Verification.Result.REJECTED, fixture.verify(first.code()));
    }

    @Test
    void issueWhenCooldownPassedThenNewCodeVerified() {
        fixture.issue();
        fixture.ticker.advance(COOLDOWN);
        Issued second = fixture.issue();

        assertEquals(Verification.Result.VERIFIED, fixture.verify(second.code()));
    }

    @Test
    void resendWaitWhenJustIssuedThenFullCooldown() {
        fixture.issue();

        assertEquals(COOLDOWN, service.resendWait(FLOW));
    }

    @Test
    void recordDeliveryWhenSendFailedThenCooldownLifted() {
        Issued issued = fixture.issue();

        service.recordDelivery(FLOW, issued.challenge().id(), false);

        assertEquals(Duration.ZERO, service.resendWait(FLOW));
    }

    @Test
    void recordDeliveryWhenSentThenCooldownKept() {
        Issued issued = fixture.issue();
        fixture.ticker.advance(Duration.ofSeconds(10));

        service.recordDelivery(FLOW, issued.challenge().id(), true);

        assertEquals(Duration.ofSeconds(20), service.resendWait(FLOW));
        assertEquals(Delivery.SENT, service.find(FLOW).orElseThrow().delivery());
    }

    @Test
    void recordDeliveryWhenChallengeIdStaleThenNothingChanges() {
        Issued first = fixture.issue();
        fixture.ticker.advance(COOLDOWN);
        fixture.issue();

        service.recordDelivery(FLOW, first.challenge().id(), false);

        assertEquals(COOLDOWN, service.resendWait(FLOW));
        assertEquals(Delivery.PENDING, service.find(FLOW).orElseThrow().delivery());
    }

    @Test
    void issueWhenCooldownOutlastsExpiredCodeThenStillEmpty() {
        FakeTicker ticker = new FakeTicker();
        SecureRandom random = new SecureRandom();
        ChallengeService shortLived = new ChallengeService(new CaffeineSharedStore(100, ticker), new CodeGenerator(random, 6),
                CodeHasher.withRandomKey(random), random, ticker.clock(), Duration.ofMinutes(1), 5,
                Duration.ofMinutes(2));
        Issued issued = shortLived.issue(FLOW, "alice").orElseThrow();
        ticker.advance(Duration.ofSeconds(61));

        assertEquals(Verification.Result.REJECTED, shortLived.verify(FLOW, "alice", issued.code()), "the code itself has expired");
        assertTrue(shortLived.issue(FLOW, "alice").isEmpty(), "the cooldown still runs");
        ticker.advance(Duration.ofSeconds(60));
        assertTrue(shortLived.issue(FLOW, "alice").isPresent());
    }
}
