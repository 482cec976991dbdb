package io.winnode.e2e.simulator.controlplane;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JVM that starts a control plane in the directory given, prints its component pids and RSS, and waits: the victim of
 * {@link ProcessSafetyTest#componentsDieWithAKilledJvm()}.
 */
public final class ControlPlaneChildJvm {

    public static void main(String[] args) throws Exception {
        ControlPlane cp = ControlPlane.start(ControlPlaneConfig.of(Path.of(args[0]), "172.18.0.2", List.of("win-1"),
                System.err::println));
        StringBuilder status = new StringBuilder();
        for (long pid : cp.pids()) {
            status.append(pid).append(' ');
        }
        System.err.println("RSS " + cp.memoryRssBytesByComponent());
        System.out.println("PIDS " + status.toString().trim());
        System.out.println("ANON " + cp.pids().stream().map(ControlPlaneChildJvm::anon).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static String anon(long pid) {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("RssAnon:") || l.startsWith("RssFile:"))
                    .map(l -> l.replaceAll("\\s+", "")).collect(Collectors.joining(","));
        } catch (Exception e) {
            return "?";
        }
    }
}
