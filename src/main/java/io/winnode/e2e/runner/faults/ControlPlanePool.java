package io.winnode.e2e.runner.faults;

import io.winnode.e2e.foundation.files.DirectoryTrees;
import io.winnode.e2e.runner.cluster.SimulatedClusterLauncher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One running control plane per worker of {@code faults verify}: each child run registers its
 * simulated nodes on a free one ({@code --sim-control-plane}) and hands it back when it ends, so the
 * proof pays for starting etcd and the API server once per worker rather than once per run (about
 * a third of a clean run's CPU on two cores). Runs on one control plane follow each other; the next
 * one replaces the previous run's nodes and removes what its workloads left.
 */
public final class ControlPlanePool implements AutoCloseable {

    private final Path root;
    private final int size;
    private final PrintWriter out;
    private final List<AutoCloseable> controlPlanes = new ArrayList<>();
    private final BlockingQueue<Path> free = new LinkedBlockingQueue<>();
    private int started;

    private ControlPlanePool(Path root, int size, PrintWriter out) {
        this.root = root;
        this.size = size;
        this.out = out;
    }

    /** A pool of at most {@code size} control planes, each started by the first worker that finds none free. */
    public static ControlPlanePool start(int size, PrintWriter out) {
        try {
            return new ControlPlanePool(Files.createTempDirectory("winnode-cp-"), size, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the shared control planes", e);
        }
    }

    /**
     * A free control plane, or a new one while fewer than {@code size} exist: workers start theirs at
     * the same time as others already run, rather than all waiting for every start.
     */
    public Path take() throws InterruptedException {
        Path free = this.free.poll();
        if (free != null) {
            return free;
        }
        int number;
        synchronized (controlPlanes) {
            if (started >= size) {
                number = 0;
            } else {
                number = ++started;
            }
        }
        return number == 0 ? this.free.take() : startOne(number);
    }

    private Path startOne(int number) {
        Path directory = root.resolve(String.valueOf(number));
        // The first start may build the control plane (minutes, the first time on a machine): say so.
        AutoCloseable controlPlane = SimulatedClusterLauncher.startSharedControlPlane(directory, line -> {
            if (number == 1) {
                synchronized (out) {
                    out.println("winnode: " + line);
                    out.flush();
                }
            }
        });
        synchronized (controlPlanes) {
            controlPlanes.add(controlPlane);
        }
        return directory;
    }

    public void release(Path controlPlane) {
        free.add(controlPlane);
    }

    @Override
    public void close() {
        List<AutoCloseable> running;
        synchronized (controlPlanes) {
            running = List.copyOf(controlPlanes);
        }
        for (AutoCloseable controlPlane : running) {
            try {
                controlPlane.close();
            } catch (Exception e) {
                System.err.println("winnode: stopping a shared control plane failed: " + e);
            }
        }
        DirectoryTrees.deleteQuietly(root);
    }
}
