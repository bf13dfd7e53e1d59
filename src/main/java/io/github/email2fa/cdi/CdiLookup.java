package io.github.email2fa.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/** The part that imports CDI; loaded only after {@link CdiBeans} found CDI on the class path. */
final class CdiLookup {

    private CdiLookup() {
    }

    static <T> T find(Class<T> type) {
        try {
            Instance<T> instance = CDI.current().select(type);
            return instance.isResolvable() ? instance.get() : null;
        } catch (RuntimeException | LinkageError noContainer) {
            // An application without beans has no CDI container; that is a normal set-up.
            return null;
        }
    }
}
