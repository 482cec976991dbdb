package io.winnode.e2e.runner;

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
final class ControlPlanePool implements AutoCloseable {

    private final Path root;
    private final List<AutoCloseable> controlPlanes = new ArrayList<>();
    private final BlockingQueue<Path> free = new LinkedBlockingQueue<>();

    private ControlPlanePool(Path root) {
        this.root = root;
    }

    /** Starts {@code size} control planes, one after another (several starting at once only slow each other down). */
    static ControlPlanePool start(int size, PrintWriter out) {
        Path root;
        try {
            root = Files.createTempDirectory("winnode-cp-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the shared control planes", e);
        }
        ControlPlanePool pool = new ControlPlanePool(root);
        long t0 = System.nanoTime();
        try {
            for (int i = 1; i <= size; i++) {
                Path directory = root.resolve(String.valueOf(i));
                // The first start may build the control plane (minutes, the first time on a machine): say so.
                boolean first = i == 1;
                pool.controlPlanes.add(SimulatedClusterLauncher.startSharedControlPlane(directory, line -> {
                    if (first) {
                        out.println("winnode: " + line);
                        out.flush();
                    }
                }));
                pool.free.add(directory);
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        out.printf("Started %d shared control plane(s) in %.1f s%n", size, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return pool;
    }

    Path take() throws InterruptedException {
        return free.take();
    }

    void release(Path controlPlane) {
        free.add(controlPlane);
    }

    @Override
    public void close() {
        for (AutoCloseable controlPlane : controlPlanes) {
            try {
                controlPlane.close();
            } catch (Exception e) {
                System.err.println("winnode: stopping a shared control plane failed: " + e);
            }
        }
        Directories.deleteQuietly(root);
    }
}
