package io.github.email2fa.backup;

import io.github.email2fa.account.AccountStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and spends a user's backup codes, keeping only their hashes in an {@link AccountStore}.
 *
 * <pre>{@code
 * BackupCodes backupCodes = new BackupCodes(store, new SecureRandom(), Clock.systemUTC());
 * List<String> shown = backupCodes.regenerate(subject);   // show once, e.g. "k7m2q-9xw4t"
 * BackupCodes.Result result = backupCodes.use(subject, typed);
 * }</pre>
 *
 * <p>{@link #regenerate} is the only moment codes exist in plain text: they are returned for display
 * and then forgotten. Each code is single use; the store makes spending atomic, so of requests
 * racing with one code exactly one is accepted.
 *
 * <p>Malformed input is rejected without running the KDF. That is no timing oracle: the format is
 * public, so telling "malformed" from "wrong" reveals nothing an attacker does not already know.
 * Nor is whether a user has codes at all hidden (no salt, no KDF): {@link Result#remaining} tells
 * the caller that anyway, and the caller has already passed the password.
 *
 * <p>This class counts no failures and sends no notices; the caller does both, with the same limits
 * as emailed codes.
 */
public final class BackupCodes {

    /** Codes per regeneration. */
    public static final int COUNT = 10;

    /** Letters and digits in one code, not counting the dash shown between its two halves. */
    public static final int LENGTH = BackupCodeFormat.LENGTH;

    private final AccountStore store;
    private final SecureRandom random;
    private final Clock clock;
    private final BackupCodeHasher hasher;

    /**
     * @param store where the salt and hashes are kept
     * @param random source of codes and salts
     * @param clock when a code is used, as recorded in the store
     */
    public BackupCodes(AccountStore store, SecureRandom random, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hasher = new BackupCodeHasher(random);
    }

    /**
     * Replaces all the subject's codes with {@value #COUNT} new ones under a fresh salt. Every older
     * code stops working, used or not.
     *
     * @param subject whose codes to replace; the account is created if needed
     * @return the new codes in display form, like {@code k7m2q-9xw4t}; the only copy in plain text
     * @throws IllegalArgumentException if the store refuses the subject
     * @throws io.github.email2fa.account.AccountStoreException if the store fails
     */
    public List<String> regenerate(String subject) {
        Objects.requireNonNull(subject, "subject");
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < COUNT) {
            codes.add(draw());
        }
        byte[] salt = hasher.newSalt();
        List<String> hashes = new ArrayList<>(COUNT);
        List<String> shown = new ArrayList<>(COUNT);
        for (String code : codes) {
            hashes.add(hasher.hash(salt, code));
            shown.add(BackupCodeFormat.display(code));
        }
        store.replaceBackupCodes(subject, salt, hashes);
        return List.copyOf(shown);
    }

    /**
     * Spends the code the user typed, if it is one of the subject's unused codes.
     *
     * <p>A code typed while the codes are being regenerated may be hashed with the old salt and be
     * rejected; typing it again then works.
     *
     * @param subject who is signing in
     * @param input what the user typed, in any form {@link BackupCodeFormat#normalize} reads; may be {@code null}
     * @return accepted or not, and how many unused codes the subject has afterwards
     * @throws NullPointerException if {@code subject} is {@code null}
     * @throws IllegalArgumentException if the store refuses the subject
     * @throws io.github.email2fa.account.AccountStoreException if the store fails
     */
    public Result use(String subject, String input) {
        Objects.requireNonNull(subject, "subject");
        Optional<String> code = BackupCodeFormat.normalize(input);
        if (code.isEmpty()) {
            return new Result(false, store.remainingBackupCodes(subject));
        }
        byte[] salt = store.backupSalt(subject);
        if (salt == null) {
            return new Result(false, 0);
        }
        String hash = hasher.hash(salt, code.get());
        if (store.useBackupCode(subject, hash, clock.instant())) {
            return new Result(true, store.remainingBackupCodes(subject));
        }
        return new Result(false, store.remainingBackupCodes(subject), store.backupCodeUsedAt(subject, hash));
    }

    /**
     * Whether the input reads as a backup code at all, in any form {@link BackupCodeFormat#normalize}
     * reads. Input that does not cannot match any code, so callers need not count it as a guess.
     *
     * @param input what the user typed; may be {@code null}
     */
    public static boolean isWellFormed(String input) {
        return BackupCodeFormat.normalize(input).isPresent();
    }

    /**
     * How many of the subject's codes are unused; 0 if it has none.
     *
     * @param subject whose codes to count
     * @return the number of unused codes, 0 to {@value #COUNT}
     * @throws IllegalArgumentException if the store refuses the subject
     * @throws io.github.email2fa.account.AccountStoreException if the store fails
     */
    public int remaining(String subject) {
        Objects.requireNonNull(subject, "subject");
        return store.remainingBackupCodes(subject);
    }

    /** One canonical code, each symbol uniform over the alphabet (32 is a power of two, so no bias). */
    private String draw() {
        char[] code = new char[BackupCodeFormat.LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = BackupCodeFormat.ALPHABET.charAt(random.nextInt(BackupCodeFormat.ALPHABET.length()));
        }
        return new String(code);
    }

    /**
     * The outcome of one attempt. Wrong, malformed and another user's code are one result on
     * purpose; a code of the user's own list that was already spent says when, so the user learns
     * why it stopped working. Holds no code or hash, so its {@code toString} is safe to log.
     *
     * @param accepted whether the code was live and is now spent
     * @param remaining the subject's unused codes after this attempt
     * @param usedBefore when a refused code of the subject's own list was spent earlier; else {@code null}
     */
    public record Result(boolean accepted, int remaining, Instant usedBefore) {

        /**
         * @throws IllegalArgumentException if {@code remaining} is negative
         */
        public Result {
            if (remaining < 0) {
                throw new IllegalArgumentException("remaining must not be negative, got " + remaining);
            }
        }

        /** An outcome that says nothing of an earlier use. */
        public Result(boolean accepted, int remaining) {
            this(accepted, remaining, null);
        }
    }
}
