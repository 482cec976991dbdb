package io.winnode.e2e.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
 */
final class ClassDataArchive implements AutoCloseable {

    private final Path directory;
    private final Path archive;
    private final Path recording;
    private final AtomicBoolean recorderRunning = new AtomicBoolean();

    private ClassDataArchive(Path directory) {
        this.directory = directory;
        this.archive = directory.resolve("winnode-classes.jsa");
        this.recording = directory.resolve("winnode-classes.jsa.recording");
    }

    static ClassDataArchive create() {
        try {
            return new ClassDataArchive(Files.createTempDirectory("winnode-cds-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the child JVMs' class archive", e);
        }
    }

    /** JVM options for a child about to start: map the archive, record it, or (while another records) neither. */
    List<String> optionsForNextChild() {
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        if (recorderRunning.compareAndSet(false, true)) {
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
        } finally {
            // A recorder that ended without writing (stopped at its time limit) lets the next child try.
            recorderRunning.set(Files.isRegularFile(archive));
        }
    }

    @Override
    public void close() {
        Directories.deleteQuietly(directory);
    }
}
