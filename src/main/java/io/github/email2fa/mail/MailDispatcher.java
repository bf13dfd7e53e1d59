package io.github.email2fa.mail;

import io.github.email2fa.subject.EmailMask;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Sends emails off the request thread: on the container's managed executor where there
 * is one, else on a small bounded pool of its own. The page answers at once; the outcome is
 * reported back through a callback.
 */
public final class MailDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class.getName());
    private static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    private final Mailer mailer;
    private final Supplier<ExecutorService> executorSource;
    private volatile ExecutorService executor;
    private volatile boolean ownsExecutor;

    private MailDispatcher(Mailer mailer, Supplier<ExecutorService> executorSource) {
        this.mailer = mailer;
        this.executorSource = executorSource;
    }

    /**
     * A dispatcher on the container's managed executor, or on its own pool if there is none.
     * The executor is looked up on first use, from a request thread, where the component's
     * JNDI namespace is certain to be available.
     */
    public static MailDispatcher create(Mailer mailer) {
        return new MailDispatcher(mailer, MailDispatcher::managedExecutor);
    }

    /** A dispatcher on a pool of its own. */
    public static MailDispatcher withOwnPool(Mailer mailer) {
        return new MailDispatcher(mailer, () -> null);
    }

    private static ExecutorService managedExecutor() {
        try {
            if (new InitialContext().lookup(MANAGED_EXECUTOR) instanceof ExecutorService managed) {
                return managed;
            }
        } catch (NamingException | RuntimeException noManagedExecutor) {
            // Servlet containers such as Tomcat and Jetty have none; the own pool serves.
        }
        return null;
    }

    /** Two threads, at most 1000 waiting emails; the threads end when idle. */
    private static ExecutorService ownPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), task -> {
            Thread thread = new Thread(task, "email2fa-mail-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private ExecutorService executor() {
        ExecutorService current = executor;
        if (current == null) {
            synchronized (this) {
                current = executor;
                if (current == null) {
                    current = executorSource.get();
                    if (current == null) {
                        current = ownPool();
                        ownsExecutor = true;
                    }
                    LOG.info("email2fa: emails are sent on " + (ownsExecutor ? "a pool of two threads of its own"
                            : "the container's managed executor " + MANAGED_EXECUTOR));
                    executor = current;
                }
            }
        }
        return current;
    }

    /**
     * Queues one email.
     *
     * @param email the email to send
     * @param outcome called with {@code true} once the mail server accepted it, {@code false} if not
     */
    public void dispatch(OutgoingEmail email, Consumer<Boolean> outcome) {
        try {
            executor().execute(() -> outcome.accept(sendLogged(email)));
        } catch (RejectedExecutionException full) {
            LOG.warning("email2fa: could not queue the email to " + EmailMask.mask(email.to()) + ": the mail queue is full");
            outcome.accept(false);
        }
    }

    private boolean sendLogged(OutgoingEmail email) {
        try {
            mailer.send(email);
            return true;
        } catch (Exception | LinkageError e) {
            String masked = EmailMask.mask(email.to());
            LOG.log(Level.WARNING, "email2fa: could not send the email \"" + email.subject() + "\" to " + masked + ": "
                    + scrub(String.valueOf(e), email.to(), masked), scrubbed(e, email.to(), masked));
            return false;
        }
    }

    /** A copy of the failure whose messages no longer hold the full address. */
    private static Throwable scrubbed(Throwable e, String address, String masked) {
        Throwable copy = new Exception(e.getClass().getName() + ": " + scrub(e.getMessage(), address, masked),
                e.getCause() == null || e.getCause() == e ? null : scrubbed(e.getCause(), address, masked));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static String scrub(String text, String address, String masked) {
        return text == null ? null : text.replace(address, masked);
    }

    @Override
    public void close() {
        ExecutorService current = executor;
        if (ownsExecutor && current != null) {
            current.shutdown();
        }
    }
}
