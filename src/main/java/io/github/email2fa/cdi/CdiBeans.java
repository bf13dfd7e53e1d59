package io.github.email2fa.cdi;

/**
 * Finds extension beans through CDI when the application has it, and quietly does nothing when
 * it has not. This package is the only one that touches {@code jakarta.enterprise}; the check
 * for the class comes first so legacy WARs without CDI never load it.
 */
public final class CdiBeans {

    private static final String CDI_CLASS = "jakarta.enterprise.inject.spi.CDI";

    private CdiBeans() {
    }

    /** The single resolvable bean of this type, or {@code null} if CDI is absent or has none. */
    public static <T> T find(Class<T> type, ClassLoader loader) {
        try {
            Class.forName(CDI_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        return CdiLookup.find(type);
    }
}
