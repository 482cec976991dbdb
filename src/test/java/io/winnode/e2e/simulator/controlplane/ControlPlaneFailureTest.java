package io.winnode.e2e.simulator.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component that cannot start fails the start quickly, with its log in the message, and leaves nothing running. */
class ControlPlaneFailureTest {

    @TempDir
    Path dir;

    @Test
    void apiServerRefusingItsFlagsFailsTheStartWithItsLogAndStopsEtcd() throws Exception {
        List<String> progress = new ArrayList<>();
        ControlPlaneConfig config = new ControlPlaneConfig(dir.resolve("cluster"), "172.18.0.2", List.of("win-1"),
                "not-a-cidr", ControlPlaneConfig.DEFAULT_CLUSTER_CIDR, Path.of("").toAbsolutePath(), progress::add, null);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> ControlPlane.start(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kube-apiserver exited with code")
                .hasMessageContaining("not-a-cidr"); // from the apiserver's own log tail
        assertThat((System.nanoTime() - t0) / 1_000_000_000).as("seconds to fail").isLessThan(30);
        List<Long> pids = new ArrayList<>();
        for (String line : progress) {
            if (line.startsWith("started ")) {
                pids.add(Long.parseLong(line.replaceAll(".*\\(pid (\\d+)\\).*", "$1")));
            }
        }
        assertThat(pids).hasSize(2); // etcd and the apiserver
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d", pid).isEmpty();
        }
        assertThat(Files.readString(dir.resolve("cluster/logs/kube-apiserver.log"))).contains("not-a-cidr");
    }
}
