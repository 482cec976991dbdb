package io.winnode.e2e.runner.faults;

import io.winnode.e2e.foundation.files.ProjectFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class (the command line's, which hands itself down, so this room never names the room
 * above it) in a JVM of its own, with this JVM's class path and project home, its output in a log
 * file and a wall-clock limit. Children still running when this JVM exits (Ctrl-C) are
 * stopped, so no simulated cluster outlives the verification.
 */
public final class ChildJvm {

    /**
     * How a child ended.
     *
     * @param exitCode the child's exit code; -1 when it was stopped at the wall-clock limit
     */
    public record Exit(int exitCode, boolean timedOut, Duration took) {
    }

    /** How long a child has to stop (and stop its simulator) after SIGTERM before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroy), "winnode-child-jvm-stop"));
    }

    private ChildJvm() {
    }

    /** The command line: this JVM's java, class path and project home, then {@code mainClass} with {@code args}. */
    public static List<String> command(Class<?> mainClass, List<String> args) {
        return command(List.of(), System.getProperty("java.class.path"), mainClass, args);
    }

    /** As {@link #command(Class, List)}, with extra JVM options and a class path (a {@link ClassDataArchive}'s). */
    public static List<String> command(List<String> jvmOptions, String classPath, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // A suite run on the simulated cluster lasts seconds: the C2 compiler's warm-up would cost more
        // CPU than it saves (measured: 32 s of CPU per default-suite run with it, 14 s without).
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Dwinnode.home=" + ProjectFiles.home());
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    public static Exit run(Class<?> mainClass, List<String> args, Path log, Duration limit, ClassDataArchive classes)
            throws InterruptedException {
        List<String> jvmOptions = classes.optionsForNextChild();
        try {
            return run(command(jvmOptions, classes.classPath(), mainClass, args), log, limit);
        } finally {
            classes.childEnded(jvmOptions);
        }
    }

    private static Exit run(List<String> command, Path log, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a child JVM: " + String.join(" ", command), e);
        }
        RUNNING.add(process);
        try {
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                stop(process);
                return new Exit(-1, true, Duration.ofNanos(System.nanoTime() - start));
            }
            return new Exit(process.exitValue(), false, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        } finally {
            RUNNING.remove(process);
        }
    }

    // SIGTERM first: the child's shutdown hook stops its simulated cluster and deletes its kubeconfig.
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
