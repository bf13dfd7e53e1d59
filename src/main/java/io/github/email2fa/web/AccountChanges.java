package io.github.email2fa.web;

import io.github.email2fa.session.SessionEpochs;

/**
 * Compares a session's {@link ChangeWatermark} with its account's last security change in the
 * short-lived store: in memory, and only after some account changed since the session's last look.
 */
final class AccountChanges {

    private final SessionEpochs epochs;

    AccountChanges(SessionEpochs epochs) {
        this.epochs = epochs;
    }

    /** A watermark for a mark granted now: it knows the account's latest change. */
    ChangeWatermark now(String subject) {
        // The version is read first: a change landing between the two reads makes the next look compare again.
        long version = epochs.version();
        return new ChangeWatermark(epochs.changedAt(subject), version);
    }

    /**
     * Why the mark no longer holds (the reason of a later change of the account), or {@code null}
     * while it does.
     */
    String staleReason(ChangeWatermark watermark, String subject) {
        long version = epochs.version();
        if (watermark.checkedVersion() == version) {
            return null;
        }
        SessionEpochs.Change change = epochs.lastChange(subject);
        if (change != null && change.atMillis() > watermark.knownChangeMillis()) {
            return change.reason();
        }
        watermark.checked(version);
        return null;
    }
}
