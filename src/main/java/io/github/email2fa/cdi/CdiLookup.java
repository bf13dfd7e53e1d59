package io.github.email2fa.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/** The part that imports CDI; loaded only after {@link CdiBeans} found CDI on the class path. */
final class CdiLookup {

    private CdiLookup() {
    }

    static <T> T find(Class<T> type) {
        Instance<T> instance;
        try {
            instance = CDI.current().select(type);
        } catch (RuntimeException | LinkageError noContainer) {
            // An application without beans has no CDI container; that is a normal set-up.
            return null;
        }
        if (instance.isAmbiguous()) {
            throw new IllegalStateException("two or more CDI beans implement " + type.getName()
                    + ": keep one, or name the class to use in its email2fa setting");
        }
        return instance.isResolvable() ? instance.get() : null;
    }
}
