package io.github.email2fa.account;

import java.util.Objects;

/**
 * What the store knows of one user's 2FA state, apart from backup codes and devices.
 *
 * @param subject the user, as the subject resolver names them
 * @param enrolled whether the user must pass the second factor
 * @param epoch the security epoch: 0 for a new account, one more after each
 *        {@link AccountStore#bumpEpoch bump}; remembered devices of an older epoch are void
 * @param preferredFactor the way in the user wants offered first ({@code email} or {@code app}),
 *        or {@code null} to leave it to the module
 */
public record AccountRecord(String subject, boolean enrolled, long epoch, String preferredFactor) {

    public AccountRecord {
        Objects.requireNonNull(subject, "subject");
    }

    /** An account with no preferred way in, as stores written before there was a choice return it. */
    public AccountRecord(String subject, boolean enrolled, long epoch) {
        this(subject, enrolled, epoch, null);
    }
}
