package io.github.email2fa.web;

import java.io.Serializable;

/**
 * What a session's mark knows of its account's security changes: the moment of the last change
 * it was granted under, and (on this node only) the store version it last compared against, so
 * the hot path looks the account up only after some account changed.
 */
final class ChangeWatermark implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long knownChangeMillis;
    /** 0 after deserialization (another node, a restart): the next request compares once. */
    private transient volatile long checkedVersion;

    ChangeWatermark(long knownChangeMillis, long checkedVersion) {
        this.knownChangeMillis = knownChangeMillis;
        this.checkedVersion = checkedVersion;
    }

    /** The moment of the account's last change this session knows, in epoch milliseconds; 0 for none. */
    long knownChangeMillis() {
        return knownChangeMillis;
    }

    long checkedVersion() {
        return checkedVersion;
    }

    /** Notes that the account had no later change as of this store version. */
    void checked(long version) {
        checkedVersion = version;
    }
}
