package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.FakeSession;
import io.github.email2fa.testing.TwoMemberGrid;
import java.util.function.Supplier;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;

/**
 * With {@code email2fa.store=jcache}: a verified session's requests make no call to the grid, so
 * they go on when the grid is gone; everything that needs the grid then answers "try again" and
 * lets no code through.
 */
class GridHotPathTest {

    private static volatile CacheManager manager;

    /** The {@code email2fa.store.cacheManager} of this test's module. */
    public static final class TestGrid implements Supplier<CacheManager> {
        @Override
        public CacheManager get() {
            return manager;
        }
    }

    @Test
    void requestsWhenGridIsGoneThenVerifiedSessionsGoOnAndEverythingElseSaysTryAgain() throws Exception {
        HazelcastInstance member = TwoMemberGrid.loneMember();
        manager = TwoMemberGrid.manager(member);
        WebModule web = WebModule.start("email2fa.store", "jcache", "email2fa.store.cacheManager", TestGrid.class.getName());
        try {
            FakeSession verified = signedIn();
            web.startFlow(verified, "/account");
            String code = web.issueCode(verified);
            web.serve(form(Routes.VERIFY, verified).param("code", code));
            assertTrue(web.throughFilter(browserGet("/account", verified)).passed(), "verified through the grid");
            FakeSession waiting = signedIn();
            web.startFlow(waiting, "/account");
            String waitingCode = web.issueCode(waiting);

            member.getLifecycleService().terminate();

            for (int i = 0; i < 100; i++) {
                assertTrue(web.throughFilter(browserGet("/account", verified)).passed(), "request " + i + " needed no grid call");
            }
            FakeRequest verify = form(Routes.VERIFY, waiting).param("code", waitingCode);
            FakeResponse answer = web.serve(verify);
            assertEquals(503, answer.getStatus(), "the right code cannot be checked without the grid");
            assertFalse(web.isVerified(browserGet("/account", waiting), WebModule.USER), "no code is let through unchecked");
            assertEquals(503, web.serve(route("GET", Routes.CHALLENGE).session(waiting)).getStatus());
        } finally {
            web.close();
            member.getLifecycleService().terminate();
        }
    }
}
