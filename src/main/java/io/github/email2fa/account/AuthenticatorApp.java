package io.github.email2fa.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's authenticator app (TOTP) as the store keeps it.
 *
 * @param subject the user
 * @param sealedSecret the shared secret, sealed (encrypted and authenticated) by the caller; the
 *        store never sees it in plain text
 * @param createdAt when enrolment began
 * @param confirmedAt when the user typed the first code from the app; {@code null} while enrolment
 *        waits for it, and until then the app is no way in
 * @param lastStep the newest TOTP time step accepted (RFC 6238 section 4), so none is accepted
 *        twice (section 5.2); -1 before any
 * @param lastUsedAt when a code from it was last accepted; {@code null} before any
 */
public record AuthenticatorApp(String subject, String sealedSecret, Instant createdAt, Instant confirmedAt, long lastStep,
        Instant lastUsedAt) {

    /** The {@link #lastStep} of an app that has accepted no code yet. */
    public static final long NO_STEP = -1;

    public AuthenticatorApp {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the user has confirmed it with a code, so it is a way in. */
    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** Leaves out the sealed secret. */
    @Override
    public String toString() {
        return "AuthenticatorApp[subject=" + subject + ", createdAt=" + createdAt + ", confirmedAt=" + confirmedAt + ", lastStep="
                + lastStep + "]";
    }
}
