package io.github.email2fa.config;

import io.github.email2fa.cdi.CdiBeans;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds an application's implementation of one of the module's extension points
 * ({@code EmailResolver}, {@code AccountStore}, ...), always in the same order: the class named in
 * its setting, a CDI bean (only where CDI is present), then a {@code ServiceLoader} entry.
 */
public final class Extensions {

    private Extensions() {
    }

    /**
     * The application's implementation of {@code type}, or {@code null} if it brings none (then the
     * module uses its built-in one).
     *
     * @param className the class named in {@code setting}, or {@code null} if the setting is not set
     * @throws IllegalStateException if the named class cannot be loaded, is of another type or has no
     *     public no-argument constructor
     */
    public static <T> T find(String className, Class<T> type, String setting, ClassLoader loader) {
        if (className != null) {
            return instantiate(className, type, setting, loader);
        }
        T bean = CdiBeans.find(type, loader);
        if (bean != null) {
            return bean;
        }
        Iterator<T> services = ServiceLoader.load(type, loader).iterator();
        return services.hasNext() ? services.next() : null;
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
