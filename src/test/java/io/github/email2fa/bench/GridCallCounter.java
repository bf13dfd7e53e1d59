package io.github.email2fa.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Counts the calls made on a data grid's {@link CacheManager} and on every {@link Cache} it hands
 * out, per thread, by wrapping them in proxies that delegate every method, including
 * {@code unwrap}, to the real ones.
 *
 * <p>A call is one method of {@code CacheManager} or {@code Cache} (or of {@link Iterable}, which
 * {@code Cache} extends): {@code get}, {@code invoke}, {@code getCache}, {@code unwrap}, and so on.
 * {@code equals}, {@code hashCode} and {@code toString} are not calls to the grid and are not
 * counted. Calls on what a call answers (an iterator, an unwrapped grid object) are not counted,
 * except on a {@code Cache}, which is wrapped in turn; {@code Cache.getCacheManager()} answers the
 * counting manager.
 */
final class GridCallCounter {

    private final ThreadLocal<long[]> onThread = ThreadLocal.withInitial(() -> new long[1]);

    /** Calls made on the calling thread since this counter was created. */
    long onThisThread() {
        return onThread.get()[0];
    }

    /** A manager that counts every call made on it, or on a cache it hands out, and passes it to {@code manager}. */
    CacheManager counting(CacheManager manager) {
        CacheManager[] self = new CacheManager[1];
        self[0] = proxy(CacheManager.class, manager, self);
        return self[0];
    }

    private <T> T proxy(Class<T> type, Object target, CacheManager[] manager) {
        InvocationHandler handler = (proxy, method, args) -> call(proxy, target, method, args, manager[0]);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private Object call(Object proxy, Object target, Method method, Object[] args, CacheManager manager) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "counting " + target;
            };
        }
        onThread.get()[0]++;
        Object answer;
        try {
            answer = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (method.getReturnType() == Cache.class && answer != null) {
            return proxy(Cache.class, answer, new CacheManager[] {manager});
        }
        if (method.getReturnType() == CacheManager.class && answer != null) {
            return manager;
        }
        return answer;
    }
}
