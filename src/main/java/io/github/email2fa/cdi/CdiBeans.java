package io.github.email2fa.cdi;

import io.github.email2fa.event.AuditListener;

/**
 * Finds extension beans through CDI when the application has it, and quietly does nothing when
 * it has not. This package is the only one that touches {@code jakarta.enterprise}; the check
 * for the class comes first so legacy WARs without CDI never load it.
 */
public final class CdiBeans {

    private static final String CDI_CLASS = "jakarta.enterprise.inject.spi.CDI";

    private CdiBeans() {
    }

    /**
     * The single resolvable bean of this type, or {@code null} if CDI is absent or has none.
     *
     * @throws IllegalStateException if two or more beans implement it
     */
    public static <T> T find(Class<T> type, ClassLoader loader) {
        return isPresent(loader) ? CdiLookup.find(type) : null;
    }

    /** A listener that fires audit events as CDI events, or {@code null} if CDI is absent. */
    public static AuditListener eventBridge(ClassLoader loader) {
        return isPresent(loader) ? new CdiEvents() : null;
    }

    private static boolean isPresent(ClassLoader loader) {
        try {
            Class.forName(CDI_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
