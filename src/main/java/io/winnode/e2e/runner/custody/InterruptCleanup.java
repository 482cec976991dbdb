package io.winnode.e2e.runner.custody;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a run does on Ctrl-C (SIGINT) and SIGTERM (a CI job's timeout, {@code kubectl delete} of the runner's
 * pod): the first signal runs the cleanup, for at most {@link #BOUND}, then exits with 128 + the signal's
 * number (130, 143), the shells' convention for "ended by this signal"; a second signal exits at once.
 *
 * <p>Why signal handlers rather than a shutdown hook alone: a shutdown hook cannot tell a first signal from a
 * second, and the JVM runs hooks only once; Kubernetes sends SIGTERM and then, after the pod's grace period
 * (30 s by default, kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination), SIGKILL, so
 * the cleanup must finish within that. The JVM's shutdown hooks (open resource managers, a local cluster)
 * still run at the exit.
 */
public final class InterruptCleanup implements AutoCloseable {

    /** Kubernetes' default termination grace period: a runner pod's cleanup has that long before SIGKILL. */
    public static final Duration BOUND = Duration.ofSeconds(30);
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    /** Never counted down: the cleanup's System.exit ends whoever waits on it. */
    private final CountDownLatch exitByCleanup = new CountDownLatch(1);
    private final Runnable cleanup;
    private final PrintWriter err;

    private InterruptCleanup(Runnable cleanup, PrintWriter err) {
        this.cleanup = cleanup;
        this.err = err;
    }

    /** Installs the handlers until {@link #close()}; {@code cleanup} must itself stop at {@link #BOUND}. */
    static InterruptCleanup install(Runnable cleanup, PrintWriter err) {
        var handlers = new InterruptCleanup(cleanup, err);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                handlers.previous.put(signal, Signal.handle(signal, handlers::handle));
            } catch (IllegalArgumentException reservedByTheJvm) {
                // java -Xrs leaves SIGINT/SIGTERM to the operating system: the run then ends at once on them, and the
                // next run's sweep removes what it left, as after SIGKILL.
                err.println("winnode: note: SIG" + name + " cannot be handled in this JVM (" + reservedByTheJvm.getMessage()
                        + "); on it the run ends without cleaning up, and the next run removes what it left");
            }
        }
        return handlers;
    }

    private void handle(Signal signal) {
        int exitCode = 128 + signal.getNumber();
        if (!interrupted.compareAndSet(false, true)) {
            err.println("winnode: SIG" + signal.getName() + " again: exiting at once without cleaning up (exit " + exitCode + ")");
            err.flush();
            Runtime.getRuntime().halt(exitCode);
        }
        err.println("winnode: SIG" + signal.getName() + ": deleting this run's objects (at most " + BOUND.toSeconds()
                + " s; send it again to exit at once) ...");
        err.flush();
        // Not on the signal's own thread, which must stay free to take the second signal.
        new Thread(() -> cleanUpAndExit(signal, exitCode), "winnode-interrupt").start();
    }

    /** The cleanup bounds itself; a call that hangs in spite of that is abandoned a little after the bound. */
    private void cleanUpAndExit(Signal signal, int exitCode) {
        Thread worker = new Thread(() -> {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                err.println("winnode: the cleanup after SIG" + signal.getName() + " failed: " + e.getMessage());
            }
        }, "winnode-interrupt-cleanup");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(BOUND.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            err.println("winnode: the cleanup did not finish within " + BOUND.toSeconds() + " s; ./winnode clean removes "
                    + "what is left once the run's heartbeat has lapsed");
        }
        err.println("winnode: exiting after SIG" + signal.getName() + " (exit " + exitCode + ")");
        err.flush();
        System.exit(exitCode);
    }

    /**
     * When a signal came, waits for its cleanup, which ends the JVM with the signal's exit code: the run's own end
     * (its tests fail fast once no object may be created) must neither close the cluster connection under the
     * cleanup nor exit with a code of its own first.
     */
    void awaitCleanupIfInterrupted() throws InterruptedException {
        if (interrupted.get()) {
            exitByCleanup.await();
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
