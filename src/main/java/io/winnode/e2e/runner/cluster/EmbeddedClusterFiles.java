package io.winnode.e2e.runner.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory of an embedded cluster started by {@code ./winnode cluster up}: what the background
 * process writes there and what {@code cluster down} reads.
 * <ul>
 *   <li>{@code kubeconfig}: the admin kubeconfig (mode 0600: it holds a client key), written last, once the cluster is ready;</li>
 *   <li>{@code pid}: the background JVM that holds the cluster;</li>
 *   <li>{@code cluster.log}: that JVM's output (the control plane's first build, start-up, errors);</li>
 *   <li>{@code state/}: the control plane's certificates, etcd data and component logs.</li>
 * </ul>
 */
public record EmbeddedClusterFiles(Path directory) {

    public static final Path DEFAULT_DIRECTORY = Path.of("target", "winnode", "cluster");

    public Path kubeconfig() {
        return directory.resolve("kubeconfig");
    }

    Path pidFile() {
        return directory.resolve("pid");
    }

    public Path log() {
        return directory.resolve("cluster.log");
    }

    public Path state() {
        return directory.resolve("state");
    }

    /** The background JVM, if its pid file names a live process. */
    public Optional<ProcessHandle> holder() {
        if (!Files.isRegularFile(pidFile())) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void writePid(long pid) {
        try {
            Files.writeString(pidFile(), pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pidFile(), e);
        }
    }
}
