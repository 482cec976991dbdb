package io.winnode.e2e.simulator.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.winnode.e2e.simulator.controlplane.ControlPlaneBinaries.Component;

/** No component may outlive the JVM: the module's stdin watch (controlplane/stdin.go) and ControlPlane.reapOrphans. */
class ProcessSafetyTest {

    static ControlPlaneBinaries binaries;
    @TempDir
    Path dir;
    final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void binaries() {
        binaries = ControlPlaneBinaries.resolve(Path.of("").toAbsolutePath(), System.err::println);
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process etcd(boolean exitOnStdinEof) throws Exception {
        int[] ports = ControlPlane.freeLoopbackPorts(2);
        List<String> command = new ArrayList<>(binaries.command(Component.ETCD));
        command.addAll(List.of("--data-dir=" + dir.resolve("etcd"), "--name=t",
                "--listen-client-urls=http://127.0.0.1:" + ports[0], "--advertise-client-urls=http://127.0.0.1:" + ports[0],
                "--listen-peer-urls=http://127.0.0.1:" + ports[1], "--initial-advertise-peer-urls=http://127.0.0.1:" + ports[1],
                "--initial-cluster=t=http://127.0.0.1:" + ports[1], "--unsafe-no-fsync", "--log-level=error"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("etcd.log").toFile());
        if (exitOnStdinEof) {
            pb.environment().put(ComponentProcess.EXIT_ON_STDIN_EOF_ENV, "1");
        } else {
            pb.environment().remove(ComponentProcess.EXIT_ON_STDIN_EOF_ENV);
        }
        Process p = pb.start();
        started.add(p);
        return p;
    }

    @Test
    void componentExitsWhenItsStdinCloses() throws Exception {
        Process p = etcd(true);
        Thread.sleep(1000);
        assertThat(p.isAlive()).as("etcd runs while its stdin is open; log: %s", Files.readString(dir.resolve("etcd.log"))).isTrue();
        p.getOutputStream().close(); // what the kernel does when the JVM dies, kill -9 included
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exited after stdin EOF").isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("etcd.log"))).contains("standard input closed");
    }

    @Test
    void withoutTheEnvironmentVariableStdinIsIgnored() throws Exception {
        Process p = etcd(false);
        p.getOutputStream().close();
        assertThat(p.waitFor(2, TimeUnit.SECONDS)).as("still running").isFalse();
    }

    @Test
    void componentsDieWithAKilledJvm() throws Exception {
        String javaExe = ProcessHandle.current().info().command().orElseThrow();
        Process jvm = new ProcessBuilder(javaExe, "-cp", System.getProperty("java.class.path"),
                ControlPlaneChildJvm.class.getName(), dir.resolve("cluster").toString())
                .redirectError(dir.resolve("child-jvm.log").toFile()).start();
        started.add(jvm);
        String pidsLine = null;
        try (var out = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.err.println("[child jvm] " + line);
                if (line.startsWith("PIDS ")) {
                    pidsLine = line;
                }
                if (line.startsWith("ANON ")) {
                    break;
                }
            }
        }
        assertThat(pidsLine).as("child JVM started a control plane; its log: %s",
                Files.exists(dir.resolve("child-jvm.log")) ? Files.readString(dir.resolve("child-jvm.log")) : "").isNotNull();
        List<Long> pids = Arrays.stream(pidsLine.substring(5).split(" ")).map(Long::parseLong).toList();
        assertThat(pids).hasSize(4).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

        new ProcessBuilder("kill", "-9", Long.toString(jvm.pid())).start().waitFor(); // no shutdown hook runs
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (long pid : pids) {
            while (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("component pid %d after kill -9 of its JVM", pid)
                    .isEmpty();
        }
        // The pids file is left behind (nobody closed), and reaping it now finds nothing alive to kill.
        assertThat(dir.resolve("cluster").resolve("pids")).exists();
        assertThat(ControlPlane.reapOrphans(dir.resolve("cluster"))).isZero();
    }

    @Test
    void reapOrphansKillsOurComponentsButNoStranger() throws Exception {
        Process ours = etcd(false);
        Process stranger = new ProcessBuilder("sleep", "60").start();
        started.add(stranger);
        Thread.sleep(500);
        Files.writeString(dir.resolve("pids"), ours.pid() + " etcd\n" + stranger.pid() + " kube-apiserver\n999999999 etcd\n");
        assertThat(ControlPlane.reapOrphans(dir)).isEqualTo(1);
        assertThat(ours.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stranger.isAlive()).as("a pid not running our binary for this directory is left alone").isTrue();
        assertThat(dir.resolve("pids")).doesNotExist();
    }
}
