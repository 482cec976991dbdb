package io.winnode.e2e.scenarios.storage;

import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.framework.exec.CommandLines;
import io.winnode.e2e.framework.exec.ExecResult;
import io.winnode.e2e.framework.exec.InPod;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.workloads.RunningPod;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** emptyDir, ConfigMap, Secret and read-only volume mounts, in the manner of upstream's volumes.go. */
@WindowsScenario("Storage")
@Feature("Storage")
@Tag(Tags.STORAGE)
@Tag(Tags.CORE_STORAGE)
class VolumeScenarios {

    private static final String CONTENT = "winnode-volume-test";

    @ParityTest("STO-01")
    @DisplayName("an emptyDir volume is shared by the containers of a pod")
    @Severity(SeverityLevel.BLOCKER)
    @Tag(Tags.SMOKE)
    void emptyDirIsSharedBetweenContainers(Side side, Workloads workloads, InPod inPod, ParityCheck parity) {
        String dir = CommandLines.volumePath(side.os(), "shared");
        String file = CommandLines.join(side.os(), dir, "message.txt");
        String name = "emptydir-" + side.slug();
        workloads.deploy("storage/shared-emptydir.yaml", side, Map.of("NAME", name, "VOLUME_DIR", dir));
        RunningPod pod = workloads.running(name, side);

        ExecResult written = inPod.writeFile(pod, "writer", file, CONTENT);
        assertThat(written.succeeded()).as("writing %s in the writer container: %s", file, written).isTrue();
        ExecResult read = inPod.readFile(pod, "reader", file);

        parity.verify(read.succeeded() && read.stdout().strip().equals(CONTENT) ? Observed.outcome("shared")
                : Observed.detail("the reader saw: " + read), pod.node());
    }

    @ParityTest("STO-06")
    @DisplayName("ConfigMap and Secret volumes expose every key as a file")
    @Severity(SeverityLevel.CRITICAL)
    void configMapAndSecretContentsAreReadable(Side side, Workloads workloads, InPod inPod, ParityCheck parity) {
        String configDir = CommandLines.volumePath(side.os(), "config");
        String secretDir = CommandLines.volumePath(side.os(), "secret");
        String name = "config-" + side.slug();
        workloads.deploy("storage/configmap-secret.yaml", side,
                Map.of("NAME", name, "CONFIG_DIR", configDir, "SECRET_DIR", secretDir));
        RunningPod pod = workloads.running(name, side);

        // The values the manifest declares; each must come back from its file unchanged.
        var expected = new LinkedHashMap<String, String>();
        expected.put(CommandLines.join(side.os(), configDir, "greeting"), "hello-from-configmap");
        expected.put(CommandLines.join(side.os(), configDir, "colour"), "blue");
        expected.put(CommandLines.join(side.os(), secretDir, "password"), "s3cr3t-value");
        var wrong = new ArrayList<String>();
        expected.forEach((path, value) -> {
            ExecResult read = inPod.readFile(pod, "consumer", path);
            if (!read.succeeded() || !read.stdout().strip().equals(value)) {
                wrong.add(path + " -> " + read);
            }
        });

        parity.verify(wrong.isEmpty() ? Observed.outcome("read-back") : Observed.detail(String.join("; ", wrong)), pod.node());
    }

    @ParityTest("STO-04")
    @DisplayName("a read-only volume mount refuses writes while a read-write mount of it accepts them")
    @Severity(SeverityLevel.CRITICAL)
    void readOnlyMountRefusesWrites(Side side, Workloads workloads, InPod inPod, ParityCheck parity) {
        String dir = CommandLines.volumePath(side.os(), "data");
        String file = CommandLines.join(side.os(), dir, "test-file.txt");
        String name = "readonly-" + side.slug();
        workloads.deploy("storage/readonly-mount.yaml", side, Map.of("NAME", name, "VOLUME_DIR", dir));
        RunningPod pod = workloads.running(name, side);

        ExecResult refused = inPod.writeFile(pod, "read-only", file, CONTENT);
        ExecResult accepted = inPod.writeFile(pod, "read-write", file, CONTENT);
        ExecResult readBack = inPod.readFile(pod, "read-only", file);

        assertThat(accepted.succeeded()).as("write through the read-write mount: %s", accepted).isTrue();
        assertThat(readBack.stdout().strip()).as("read through the read-only mount: %s", readBack).isEqualTo(CONTENT);
        // The refusal is quoted as the OS worded it; the row says which wording each OS is expected to give.
        parity.verify(Observed.detail(refused.succeeded() ? "write accepted" : "write refused: " + refusalReason(refused)),
                pod.node());
    }

    /** The reason after the last ': ' of the error line ("sh: can't create f: Read-only file system"). */
    private static String refusalReason(ExecResult result) {
        String line = result.reason();
        int colon = line.lastIndexOf(": ");
        return colon < 0 ? line : line.substring(colon + 2);
    }
}
