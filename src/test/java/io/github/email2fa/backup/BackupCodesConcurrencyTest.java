package io.github.email2fa.backup;

import static io.github.email2fa.backup.BackupFixture.CLOCK;
import static io.github.email2fa.backup.BackupFixture.seeded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.backup.BackupCodes.Result;
import io.github.email2fa.testing.Race;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Covers parallel use of one backup code: it is spent exactly once. */
class BackupCodesConcurrencyTest {

    @Test
    void useWhenTwentyThreadsSubmitSameCodeAtOnceThenExactlyOneAccepted() throws Exception {
        assertSpentOnce(new InMemoryAccountStore());
    }

    /** Regenerates, races 20 uses of one code, and checks one acceptance and nine codes left; shared with the JDBC test. */
    static void assertSpentOnce(AccountStore store) throws Exception {
        BackupCodes codes = new BackupCodes(store, seeded(), CLOCK);
        String code = codes.regenerate("alice").get(0);

        List<Result> results = Race.of(20, caller -> codes.use("alice", code));

        assertEquals(1, results.stream().filter(Result::accepted).count(), results.toString());
        assertEquals(9, codes.remaining("alice"));
    }

}
