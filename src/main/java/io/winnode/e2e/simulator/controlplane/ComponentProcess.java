package io.winnode.e2e.simulator.controlplane;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.winnode.e2e.simulator.controlplane.ControlPlaneBinaries.Component;

/**
 * One running control-plane component: a child process whose stdout and stderr go to {@code logs/<component>.log},
 * and whose stdin is a pipe this JVM holds open and never writes to. Our module's binary, started with
 * {@code WINNODE_EXIT_ON_STDIN_EOF=1}, exits when that pipe reaches EOF, which the kernel causes when the JVM
 * ends by any means, kill -9 included (controlplane/stdin.go). Official binaries ignore stdin; for them
 * {@link ControlPlane#reapOrphans} and the pids file are the safety net.
 */
final class ComponentProcess {

    static final String EXIT_ON_STDIN_EOF_ENV = "WINNODE_EXIT_ON_STDIN_EOF";

    private final Component component;
    private final Process process;
    private final Path log;
    // Held open and never written while the child runs: closing it tells the child to exit.
    private final OutputStream stdin;

    private ComponentProcess(Component component, Process process, Path log) {
        this.component = component;
        this.process = process;
        this.log = log;
        this.stdin = process.getOutputStream();
    }

    static ComponentProcess start(Component component, List<String> command, Path workingDirectory, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put(EXIT_ON_STDIN_EOF_ENV, "1");
        try {
            Files.createDirectories(log.getParent());
            // The command line heads the log, so a failure report shows what was run.
            Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            return new ComponentProcess(component, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + component.programName() + " (" + command.get(0) + ")", e);
        }
    }

    Component component() {
        return component;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCodeOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    Path log() {
        return log;
    }

    /**
     * SIGTERM, up to {@code grace} for the component's own graceful shutdown, then SIGKILL. Returns whether it had to
     * be killed.
     *
     * <p>The signal is sent through {@link ProcessHandle#destroy()}, not {@link Process#destroy()}: the latter also
     * closes the child's stdin (JDK ProcessImpl.destroy), which our binary takes for the JVM's death and answers with
     * an immediate exit, cutting the graceful shutdown short (seen in the logs: "standard input closed").
     */
    boolean stop(Duration grace) {
        boolean killed = false;
        if (process.isAlive()) {
            process.toHandle().destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    killed = true;
                    process.destroyForcibly();
                    process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            stdin.close(); // the child is gone: release the pipe
        } catch (IOException ignored) {
            // nothing to release
        }
        return killed;
    }

    /** VmRSS from /proc/<pid>/status in bytes, 0 when gone. */
    /** CPU time the component has used so far (user + system); zero once it is gone. */
    java.time.Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    long rssBytes() {
        return statusBytes(process.pid(), "VmRSS:");
    }

    /** RssAnon: the resident memory that is the process's own, without the mapped binary shared with its siblings. */
    long rssAnonBytes() {
        return statusBytes(process.pid(), "RssAnon:");
    }

    static long statusBytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    // "VmRSS:	  123456 kB" (man 5 proc)
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone, or /proc is not Linux's
        }
        return 0;
    }

    /** The last {@code lines} lines of the component's log, for error messages. */
    String logTail(int lines) {
        return tail(log, lines);
    }

    static String tail(Path file, int lines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 64 * 1024);
            raf.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            List<String> last = new ArrayList<>();
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
                last.add(all[i]);
            }
            return String.join("\n", last);
        } catch (IOException e) {
            return "(no log at " + file + ": " + e.getMessage() + ")";
        }
    }
}
