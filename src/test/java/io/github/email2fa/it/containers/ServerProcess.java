package io.github.email2fa.it.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A server started as a child process (a JVM, or a script such as {@code catalina.sh run}),
 * its standard output and error going to one log file. Stop it with {@link #close()}, also on
 * failure (try-with-resources or {@code @AfterAll}).
 *
 * <pre>{@code
 * int port = ServerProcess.freePort();
 * ServerProcess server = ServerProcess.command(home.resolve("bin/catalina.sh").toString(), "run")
 *         .env("CATALINA_BASE", base.toString())
 *         .env("CATALINA_OPTS", "-Demail2fa.smtp.port=" + mailbox.port())
 *         .log(base.resolve("console.log"))
 *         .start();
 * server.awaitHttp("http://127.0.0.1:" + port + "/login", Duration.ofMinutes(3));
 * String log = server.logText();
 * }</pre>
 *
 * The same builder runs the short commands that set a server up ({@code asadmin},
 * {@code jboss-cli.sh}, {@code start.jar --add-modules}) with {@link Builder#run}, so that every
 * child process of these tests is started, logged and reported on failure in one way.
 */
public final class ServerProcess implements AutoCloseable {

    /** The default time a container gets to answer HTTP: generous, the build machine has 2 busy cores. */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final String description;
    /** Kills the server if the test JVM ends without {@link #close()} (a CI timeout, Ctrl-C). */
    private final Thread killOnExit;

    private ServerProcess(Process process, Path log, String description) {
        this.process = process;
        this.log = log;
        this.description = description;
        this.killOnExit = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "stop " + description);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts building a command line; the first element is the program. */
    public static Builder command(String... command) {
        return new Builder(List.of(command));
    }

    /** Starts building a command line; the first element is the program. */
    public static Builder command(List<String> command) {
        return new Builder(command);
    }

    /** The {@code java} of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}: every server in these tests listens on the loopback address only. */
    public static URL localUrl(int port, String path) {
        try {
            return new URL("http://127.0.0.1:" + port + path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Polls the URL until it answers with any HTTP status (a 404 counts: the server is up) and
     * returns that status. Fails with the log's tail if the process ends or the time runs out.
     */
    public int awaitHttp(String url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return await(url + " answering", timeout, () -> {
            try {
                return Optional.of(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException notYet) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** {@link #awaitHttp(String, Duration)} with {@link #START_TIMEOUT}. */
    public int awaitHttp(String url) {
        return awaitHttp(url, START_TIMEOUT);
    }

    /** Waits until the log holds this text; fails with the log's tail if the process ends or the time runs out. */
    public void awaitLog(String text, Duration timeout) {
        awaitUntil("'" + text + "' in the log", timeout, () -> logText().contains(text));
    }

    /**
     * Waits until {@code done} holds, e.g. until a deployment marker file appears. Fails with the
     * log's tail if the process ends or the time runs out; {@code done} may itself fail early.
     *
     * @param what what is awaited, for the failure message
     */
    public void awaitUntil(String what, Duration timeout, BooleanSupplier done) {
        await(what, timeout, () -> done.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * The one polling loop of the container tests: asks {@code attempt} every 250 ms until it
     * returns a value, so that a dead server or a timeout fails at once, with the log that says why.
     */
    private <T> T await(String what, Duration timeout, Supplier<Optional<T>> attempt) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError(description + " ended (exit " + process.exitValue() + ") before " + what
                        + "; log tail:\n" + logTail(80));
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("no " + what + " within " + timeout + "; log tail:\n" + logTail(80));
            }
            pause(250);
        }
    }

    /** Everything the process wrote to standard output and error so far. */
    public String logText() {
        return Distributions.readIfExists(log);
    }

    /** The last lines of {@link #logText()}. */
    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The file standard output and error go to. */
    public Path logFile() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process id, e.g. for a thread dump. */
    public long pid() {
        return process.pid();
    }

    /**
     * Ends the process at once, as {@code kill -9} does: no shutdown hook runs, nothing is flushed
     * or handed over. Returns when it has gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(description + " survived a forced kill for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the process and every process it started: a polite signal first (so the server
     * runs its shutdown hooks), then, after 30 seconds, a forced kill.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                // forced below
            }
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command line, its environment, working directory and log file. */
    public static final class Builder {

        private final List<String> command;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path directory;
        private Path log;

        private Builder(List<String> command) {
            this.command = new ArrayList<>(command);
        }

        /** Appends arguments. */
        public Builder args(String... args) {
            command.addAll(List.of(args));
            return this;
        }

        /** Appends arguments. */
        public Builder args(List<String> args) {
            command.addAll(args);
            return this;
        }

        /** Sets an environment variable (the rest of the test JVM's environment is inherited). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** The working directory; the test JVM's one by default. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Where standard output and error go; required. Its parent directory is created, the file replaced. */
        public Builder log(Path log) {
            this.log = log;
            return this;
        }

        /** Starts the process; {@code JAVA_HOME} is the test JVM's unless {@link #env} sets it. */
        public ServerProcess start() {
            return new ServerProcess(launch(), log, String.join(" ", command));
        }

        /**
         * Runs the command to its end instead of starting a server (an {@code asadmin} or
         * {@code jboss-cli.sh} call, {@code start.jar --add-modules}) and returns its output. Fails
         * with that output, and what {@code onFailure} adds (e.g. the server log's tail), if it
         * exits with anything but 0 or does not finish within the timeout.
         */
        public String run(Duration timeout, Supplier<String> onFailure) {
            Process process = launch();
            String name = String.join(" ", command);
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(name + " did not finish within " + timeout + ":\n"
                            + Distributions.readIfExists(log) + onFailure.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            String output = Distributions.readIfExists(log);
            if (process.exitValue() != 0) {
                throw new AssertionError(name + " failed (exit " + process.exitValue() + "):\n" + output + onFailure.get());
            }
            return output;
        }

        /** {@link #run(Duration, Supplier)} with three minutes and nothing added to a failure. */
        public String run() {
            return run(Duration.ofMinutes(3), () -> "");
        }

        private Process launch() {
            if (log == null) {
                throw new IllegalStateException("set a log file");
            }
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                builder.environment().putAll(env);
                Process process = builder.start();
                process.getOutputStream().close();
                return process;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + command, e);
            }
        }
    }
}
