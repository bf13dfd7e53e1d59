package io.github.email2fa.store;

/**
 * A {@link SharedMap} operation the store could not carry out: the data grid was unreachable, timed
 * out, or refused what it was sent. The message names the map and the operation, never a key or a
 * value; the grid's own exception is the cause. The request that met it can be tried again.
 */
public final class SharedStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the map and the operation that failed
     * @param cause the grid's exception
     */
    public SharedStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
