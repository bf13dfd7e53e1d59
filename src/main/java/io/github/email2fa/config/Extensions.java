package io.github.email2fa.config;

import io.github.email2fa.cdi.CdiBeans;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds an application's implementation of one of the module's extension points
 * ({@code EmailResolver}, {@code AccountStore}, ...), always in the same order: the class named in
 * its setting, a CDI bean (only where CDI is present), then a {@code ServiceLoader} entry.
 */
public final class Extensions {

    private static final Logger LOG = Logger.getLogger(Extensions.class.getName());

    private Extensions() {
    }

    /**
     * An implementation in use, and whether the module created it (and so closes it when the
     * application stops) or CDI did (and its container closes it).
     */
    public record Found<T>(T instance, boolean createdByModule) {

        /** Closes the instance if the module created it and it holds resources ({@link AutoCloseable}); a failure is logged. */
        public void close() {
            if (createdByModule && instance instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "email2fa could not close " + instance.getClass().getName(), e);
                }
            }
        }
    }

    /**
     * The application's implementation of {@code type}, or {@code null} if it brings none (then the
     * module uses its built-in one).
     *
     * @param className the class named in {@code setting}, or {@code null} if the setting is not set
     * @throws IllegalStateException if the named class cannot be loaded, is of another type or has no
     *     public no-argument constructor, or if two or more CDI beans implement {@code type}
     */
    public static <T> Found<T> find(String className, Class<T> type, String setting, ClassLoader loader) {
        if (className != null) {
            return new Found<>(instantiate(className, type, setting, loader), true);
        }
        T bean = CdiBeans.find(type, loader);
        if (bean != null) {
            return new Found<>(bean, false);
        }
        Iterator<T> services = ServiceLoader.load(type, loader).iterator();
        return services.hasNext() ? new Found<>(services.next(), true) : null;
    }

    /**
     * Creates an extension named in a setting.
     *
     * @throws IllegalStateException naming the setting, the class and the expected form
     */
    public static <T> T instantiate(String className, Class<T> type, String setting, ClassLoader loader) {
        try {
            Class<?> found = Class.forName(className, true, loader);
            if (!type.isAssignableFrom(found)) {
                throw new IllegalStateException(setting + "='" + className + "': the class does not implement " + type.getName());
            }
            return type.cast(found.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(setting + "='" + className
                    + "': expected a class with a public no-argument constructor that implements "
                    + type.getName() + " (" + e + ")", e);
        }
    }
}
