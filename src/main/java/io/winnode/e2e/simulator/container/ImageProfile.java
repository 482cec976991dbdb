package io.winnode.e2e.simulator.container;

import io.winnode.e2e.framework.nodes.OsFamily;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What is inside an image variant, as far as the container model needs it: the executables on its
 * PATH, its ENTRYPOINT/CMD and its default user.
 * <ul>
 *   <li>agnhost (Linux: Alpine base with bind-tools and curl; Windows: Nano Server based, with
 *       cmd, PowerShell and curl.exe) — test/images/agnhost/Dockerfile(.windows).</li>
 *   <li>pause: only {@code /pause} on Linux (no shell); the Windows pause image is Nano Server based
 *       and also carries {@code wincat} (parity RT-02, OBS-03).</li>
 *   <li>busybox: BusyBox applets on Linux; on Windows "PowerShell plus a collection of scripts and
 *       utilities to mimic common busybox commands" (upstream cpu_limits.go).</li>
 *   <li>any other Linux image: an Alpine-like BusyBox userland.</li>
 * </ul>
 * Default user: root on Linux; {@code ContainerUser} on Nano Server based images (parity SEC-05).
 */
public record ImageProfile(String repository, OsFamily os, Set<String> executables, List<String> entrypoint,
                           List<String> cmd, String defaultUser) {

    private static final Set<String> BUSYBOX = Set.of("sh", "cat", "ls", "echo", "sleep", "hostname", "id", "true",
            "false", "env", "wget", "mkdir", "touch", "nslookup", "ping", "whoami");
    private static final Set<String> WINDOWS_BASE = Set.of("cmd", "hostname", "curl", "whoami", "ping", "ipconfig",
            "nslookup", "powershell", "pwsh", "timeout");

    public static ImageProfile of(String repository, OsFamily os) {
        String repo = repository.toLowerCase(Locale.ROOT);
        if (os == OsFamily.WINDOWS) {
            return switch (repo) {
                case "pause" -> new ImageProfile(repo, os, Set.of("pause", "cmd", "wincat", "hostname"), List.of("/pause"), List.of(), "ContainerUser");
                case "agnhost" -> new ImageProfile(repo, os, union(WINDOWS_BASE, Set.of("agnhost")), List.of("/agnhost"), List.of(), "ContainerUser");
                default -> new ImageProfile(repo, os, union(WINDOWS_BASE, Set.of("sleep", "cat", "ls", "echo")), List.of(), List.of("cmd"), "ContainerUser");
            };
        }
        return switch (repo) {
            case "pause" -> new ImageProfile(repo, os, Set.of("pause"), List.of("/pause"), List.of(), "root");
            case "agnhost" -> new ImageProfile(repo, os, union(BUSYBOX, Set.of("agnhost", "dig", "curl", "nc")), List.of("/agnhost"), List.of(), "root");
            default -> new ImageProfile(repo, os, BUSYBOX, List.of(), List.of("sh"), "root");
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    /** Whether {@code program} (a path or bare name, with or without {@code .exe}) exists in the image. */
    public boolean has(String program) {
        return executables.contains(baseName(program, os));
    }

    /** {@code /usr/bin/cat} -> {@code cat}; on Windows {@code C:\x\curl.exe} -> {@code curl}, case-insensitive. */
    public static String baseName(String program, OsFamily os) {
        String p = os == OsFamily.WINDOWS ? program.replace('\\', '/').toLowerCase(Locale.ROOT) : program;
        p = p.substring(p.lastIndexOf('/') + 1);
        if (os == OsFamily.WINDOWS && p.endsWith(".exe")) {
            p = p.substring(0, p.length() - 4);
        }
        return p;
    }
}
