package io.github.email2fa.it.containers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * Server distributions and jars from Maven Central, through the ShrinkWrap Maven resolver, and
 * the directories under {@code target/containers/} the container tests work in.
 *
 * <pre>{@code
 * Path home = Distributions.unpacked("tomcat-11.0.24", "org.apache.tomcat:tomcat:tar.gz:11.0.24");
 * Path base = Distributions.freshDirectory("tomcat-it");      // this test's own, emptied directory
 * File h2 = Distributions.artifact("com.h2database:h2:2.2.224");
 * }</pre>
 *
 * An unpacked distribution is shared by every test of the build and must stay pristine: put
 * configuration, logs and deployments into a {@link #freshDirectory} (CATALINA_BASE,
 * JETTY_BASE) or a {@link #copyTree copy}.
 */
public final class Distributions {

    /** The jars a server without Jakarta Mail needs (API and implementation of Mail and Activation). */
    public static final List<String> JAKARTA_MAIL = List.of(
            "jakarta.mail:jakarta.mail-api:2.1.5",
            "org.eclipse.angus:angus-mail:2.0.5",
            "jakarta.activation:jakarta.activation-api:2.1.4",
            "org.eclipse.angus:angus-activation:2.0.3");

    /** The H2 driver, the same version the unit tests use. */
    public static final String H2 = "com.h2database:h2:2.2.224";

    private static final String MARKER = ".unpacked";

    private Distributions() {
    }

    /** {@code target/containers}, created if missing. */
    public static Path containersDir() {
        Path dir = Path.of(System.getProperty("it.buildDir", "target"), "containers").toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One artifact, without its dependencies, from the local repository or else from Maven Central.
     *
     * @param coordinate {@code group:artifact[:type[:classifier]]:version}, e.g. {@code org.apache.tomcat:tomcat:tar.gz:11.0.24}
     */
    public static File artifact(String coordinate) {
        try {
            return Maven.configureResolver().workOffline().resolve(coordinate).withoutTransitivity().asSingleFile();
        } catch (RuntimeException notLocal) {
            return Maven.resolver().resolve(coordinate).withoutTransitivity().asSingleFile();
        }
    }

    /** Several artifacts, each without its dependencies. */
    public static List<File> artifacts(List<String> coordinates) {
        List<File> files = new ArrayList<>();
        for (String coordinate : coordinates) {
            files.add(artifact(coordinate));
        }
        return files;
    }

    /**
     * The distribution unpacked into {@code target/containers/<name>/}, done once per build
     * directory: a later call (and a later build) reuses it.
     *
     * @param name the directory name, e.g. {@code tomcat-11.0.24}
     * @param coordinate a {@code tar.gz} or {@code zip} artifact
     * @return the distribution's root: its single top-level directory (e.g. {@code apache-tomcat-11.0.24}),
     *         or the unpack directory itself if the archive has several top-level entries
     */
    public static Path unpacked(String name, String coordinate) {
        Path dir = containersDir().resolve(name);
        try {
            if (!Files.isRegularFile(dir.resolve(MARKER))) {
                File archive = artifact(coordinate);
                deleteTree(dir);
                Files.createDirectories(dir);
                if (archive.getName().endsWith(".zip")) {
                    unzip(archive.toPath(), dir);
                } else {
                    run(dir, "tar", "-xzf", archive.getAbsolutePath());
                }
                Files.writeString(dir.resolve(MARKER), coordinate);
            }
            List<Path> top = new ArrayList<>();
            try (var entries = Files.list(dir)) {
                entries.filter(p -> !p.getFileName().toString().equals(MARKER)).forEach(top::add);
            }
            return top.size() == 1 && Files.isDirectory(top.get(0)) ? top.get(0) : dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + coordinate + " into " + dir, e);
        }
    }

    /** {@code target/containers/<name>/}, emptied: a test's own working directory. */
    public static Path freshDirectory(String name) {
        Path dir = containersDir().resolve(name);
        try {
            deleteTree(dir);
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree (files keep their permissions); {@code to} is created. */
    public static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies files into a directory (created if missing), keeping their names. */
    public static void copyInto(Path dir, List<File> files) {
        try {
            Files.createDirectories(dir);
            for (File file : files) {
                Files.copy(file.toPath(), dir.resolve(file.getName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a text file (UTF-8) into a test's directory, creating its parent directories, and
     * returns it: configuration, password files and command scripts the servers read.
     */
    public static Path writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text file (UTF-8), or "" if it does not exist yet: a log the server may not have written. */
    public static String readIfExists(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree; nothing happens if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Unzips with java.util.zip; files in a {@code bin} directory and {@code *.sh} files become executable. */
    private static void unzip(Path archive, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                String fileName = target.getFileName().toString();
                if (fileName.endsWith(".sh") || target.getParent().getFileName().toString().equals("bin")) {
                    target.toFile().setExecutable(true);
                }
            }
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(".unpack.log").toFile()).start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + Files.readString(dir.resolve(".unpack.log")));
            }
            Files.delete(dir.resolve(".unpack.log"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
