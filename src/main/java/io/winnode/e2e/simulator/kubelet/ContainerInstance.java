package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.winnode.e2e.simulator.container.CommandOutcome;
import io.winnode.e2e.simulator.container.ContainerFilesystem;
import io.winnode.e2e.simulator.container.ImageProfile;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * One container of a pod as the runtime tracks it: where it is in its life (pulling, pull back-off,
 * starting, running, exited, crash-loop back-off), its current and previous exit, its logs and
 * filesystem view. Mutated only by its node's kubelet thread (and read by exec/log under its lock).
 */
final class ContainerInstance {

    enum Phase { NEW, PULLING, PULL_FAILED, PULL_BACKOFF, STARTING, CREATE_FAILED, RUNNING, EXITED, CRASH_BACKOFF }

    final Container spec;
    final boolean init;
    Phase phase = Phase.NEW;
    Instant nextStepAt = Instant.EPOCH;
    int pullFailures;
    String pullError;
    // When the current pull was asked for and how long the pull itself takes (it may queue behind others first).
    Instant pullRequestedAt;
    Duration pullTook;
    // Why creating the container failed (CreateContainerError, CreateContainerConfigError, ...), shown while waiting.
    String waitingReason;
    String waitingMessage;
    ImageProfile image;
    ContainerFilesystem filesystem;
    Future<CommandOutcome> process;
    CommandOutcome outcome;
    int restartCount;
    String containerId;
    Instant startedAt;
    Instant finishedAt;
    Integer exitCode;
    String terminationReason;
    String terminationMessage;
    // The previous run, for lastState and logs --previous.
    Integer lastExitCode;
    String lastReason;
    Instant lastStartedAt;
    Instant lastFinishedAt;
    String lastContainerId;
    // Probe state: when the next probe is due, the readiness verdict, consecutive liveness failures.
    Instant nextProbeAt = Instant.EPOCH;
    boolean readinessPassed;
    int livenessFailures;
    final StringBuilder logs = new StringBuilder();
    String previousLogs = "";

    ContainerInstance(Container spec, boolean init) {
        this.spec = spec;
        this.init = init;
    }

    String name() {
        return spec.getName();
    }

    boolean running() {
        return phase == Phase.RUNNING;
    }

    /** Running and, when it has a readiness probe, passing it. */
    boolean ready() {
        return running() && (spec.getReadinessProbe() == null || readinessPassed);
    }

    boolean exitedSuccessfully() {
        return phase == Phase.EXITED && exitCode != null && exitCode == 0;
    }

    synchronized void appendLog(String text) {
        logs.append(text);
    }

    synchronized String logs(boolean previous) {
        return previous ? previousLogs : logs.toString();
    }

    synchronized void rotateLogs() {
        previousLogs = logs.toString();
        logs.setLength(0);
    }
}
