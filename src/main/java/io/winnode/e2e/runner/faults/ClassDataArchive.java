package io.winnode.e2e.runner.faults;

import io.winnode.e2e.foundation.files.DirectoryTrees;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive for the child JVMs of one command (dynamic CDS, JEP 350): the first
 * child records the classes it loaded when it exits ({@code -XX:ArchiveClassesAtExit}), and every
 * child started after that maps them ({@code -XX:SharedArchiveFile}) instead of parsing and
 * verifying the same thousands of classes again. Measured on a simulated smoke run: 21.5 s of CPU
 * without, 18.5 s with; {@code faults verify} starts three dozen such JVMs on two cores.
 *
 * <p>The archive lives in a temporary directory of this command only, so it never outlives the class
 * path it was made from (and the JVM itself ignores an archive whose class path does not match). A
 * child records into a side file that is renamed once it has ended, so no child maps a half-written
 * archive.
 *
 * <p>The JVM archives classes from JAR files only: with a non-empty directory on the class path the
 * recording child fails its dump ("non-empty directory") and exits 1 although its run passed. So a
 * directory on this JVM's class path (the project's own tests run from {@code target/classes}) is
 * packed into a JAR of this command's, and the children run from the packed class path; if packing
 * fails, no child records. A recording that wrote nothing is not retried.
 */
public final class ClassDataArchive implements AutoCloseable {

    private final Path directory;
    private final Path archive;
    private final Path recording;
    private final String classPath;
    private final boolean usable;
    private final AtomicBoolean recordingClaimed = new AtomicBoolean();

    private ClassDataArchive(Path directory, String classPath, boolean usable) {
        this.directory = directory;
        this.classPath = classPath;
        this.usable = usable;
        this.archive = directory.resolve("winnode-classes.jsa");
        this.recording = directory.resolve("winnode-classes.jsa.recording");
    }

    public static ClassDataArchive create() {
        return create(System.getProperty("java.class.path"));
    }

    /** For children of class path {@code classPath}: its directories are packed into JARs (see above). */
    public static ClassDataArchive create(String classPath) {
        Path directory;
        try {
            directory = Files.createTempDirectory("winnode-cds-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the child JVMs' class archive", e);
        }
        List<String> entries = new ArrayList<>();
        try {
            for (String entry : classPath.split(File.pathSeparator)) {
                Path path = entry.isEmpty() ? null : Path.of(entry);
                entries.add(path != null && Files.isDirectory(path)
                        ? pack(path, directory.resolve("classes-" + entries.size() + ".jar")).toString() : entry);
            }
            return new ClassDataArchive(directory, String.join(File.pathSeparator, entries), true);
        } catch (IOException | UncheckedIOException e) {
            return new ClassDataArchive(directory, classPath, false);
        }
    }

    /** Writes every file and directory below {@code root} into {@code jar}, with JAR paths relative to it. */
    private static Path pack(Path root, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = root.relativize(file).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                boolean isDirectory = Files.isDirectory(file);
                out.putNextEntry(new JarEntry(isDirectory ? name + "/" : name));
                if (!isDirectory) {
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The class path the children run from: this JVM's, with its directories packed into JARs. */
    String classPath() {
        return classPath;
    }

    /** JVM options for a child about to start: map the archive, record it, or (while another records) neither. */
    List<String> optionsForNextChild() {
        if (!usable) {
            return List.of();
        }
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        if (recordingClaimed.compareAndSet(false, true)) {
            return List.of("-XX:ArchiveClassesAtExit=" + recording);
        }
        return List.of();
    }

    /** Called when a child started with {@code options} has ended: publishes what it recorded. */
    void childEnded(List<String> options) {
        if (!options.contains("-XX:ArchiveClassesAtExit=" + recording)) {
            return;
        }
        try {
            if (Files.isRegularFile(recording)) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // Without the archive the children only start slower.
        }
    }

    @Override
    public void close() {
        DirectoryTrees.deleteQuietly(directory);
    }
}
