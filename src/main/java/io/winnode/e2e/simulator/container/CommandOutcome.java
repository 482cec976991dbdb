package io.winnode.e2e.simulator.container;

import java.util.Set;

/**
 * What running a command line did. {@code keepsRunning} marks a server or endless sleep (a
 * container whose process never exits), listening on {@code listensOn}. {@code startError} is set
 * when the runtime could not even start the process (executable missing); exec and the kubelet
 * report that differently from an ordinary non-zero exit.
 */
public record CommandOutcome(int exitCode, String stdout, String stderr, boolean keepsRunning, Set<Integer> listensOn,
                             String startError, String server) {

    public static CommandOutcome exit(int code, String stdout, String stderr) {
        return new CommandOutcome(code, stdout, stderr, false, Set.of(), null, null);
    }

    public static CommandOutcome ok(String stdout) {
        return exit(0, stdout, "");
    }

    public static CommandOutcome fail(int code, String stderr) {
        return exit(code, "", stderr);
    }

    /** A process that keeps running; {@code server} names what answers on its ports (e.g. {@code netexec}). */
    public static CommandOutcome server(String stdout, Set<Integer> ports, String server) {
        return new CommandOutcome(0, stdout, "", true, Set.copyOf(ports), null, server);
    }

    public static CommandOutcome server(String stdout, Set<Integer> ports) {
        return server(stdout, ports, null);
    }

    public static CommandOutcome notStarted(String message) {
        return new CommandOutcome(127, "", message, false, Set.of(), message, null);
    }

    /** This outcome followed by {@code next} (for {@code a; b}): outputs concatenated, next's code. */
    public CommandOutcome then(CommandOutcome next) {
        java.util.Set<Integer> ports = new java.util.HashSet<>(listensOn);
        ports.addAll(next.listensOn);
        return new CommandOutcome(next.exitCode, stdout + next.stdout, stderr + next.stderr, next.keepsRunning,
                Set.copyOf(ports), next.startError, next.server != null ? next.server : server);
    }
}
