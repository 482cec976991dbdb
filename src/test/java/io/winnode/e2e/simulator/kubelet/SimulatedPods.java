package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.container.ContainerFilesystem;
import io.winnode.e2e.simulator.container.FileTree;
import io.winnode.e2e.simulator.container.ImageProfile;
import io.winnode.e2e.simulator.container.PathStyle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Nodes and pod sandboxes in the state the kubelet leaves them in, for serving tests: a sandbox with
 * its IP and start time, containers with an image profile, a filesystem and a container id, as
 * {@code Kubelet} and {@code ContainerLifecycle} set them up.
 */
final class SimulatedPods {

    private SimulatedPods() {
    }

    static Node node(String name, OsFamily os) {
        return new NodeBuilder().withNewMetadata().withName(name).withCreationTimestamp("2026-12-01T00:00:00Z")
                .withLabels(Map.of(OsFamily.LABEL, os.label())).endMetadata()
                .withNewStatus()
                .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "pods", new Quantity("110")))
                .withAllocatable(Map.of("cpu", new Quantity("3500m"), "memory", new Quantity("15Gi"), "pods", new Quantity("110")))
                .endStatus().build();
    }

    /** A pod bound to {@code nodeName} with the given containers (name, image repository), none started. */
    static PodSandbox sandbox(String namespace, String name, String nodeName, OsFamily os, List<String> containers) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withUid("uid-" + name)
                .withLabels(Map.of("app", name)).endMetadata().withNewSpec().withNodeName(nodeName).endSpec();
        for (String c : containers) {
            b.editSpec().addNewContainer().withName(c).withImage("registry.k8s.io/e2e-test-images/agnhost:2.62")
                    .endContainer().endSpec();
        }
        Pod pod = b.build();
        PodSandbox sb = new PodSandbox(pod, nodeName, os);
        sb.hostIp = "127.0.0.1";
        sb.podIp = os == OsFamily.WINDOWS ? "10.244.1.7" : "10.244.0.7";
        sb.startTime = Instant.now().minusSeconds(60);
        sb.volumesReady = true;
        return sb;
    }

    /** Puts a container in the running state with an agnhost image, a filesystem and what it has logged. */
    static ContainerInstance running(PodSandbox sb, String container, String logged) {
        ContainerInstance c = sb.container(container);
        c.image = ImageProfile.of("agnhost", sb.os);
        c.filesystem = new ContainerFilesystem(PathStyle.of(sb.os), List.of(), new FileTree());
        c.containerId = "containerd://" + sb.name + "-" + container + "-1";
        c.startedAt = Instant.now().minusSeconds(30);
        c.phase = ContainerInstance.Phase.RUNNING;
        c.appendLog(logged);
        return c;
    }

    /** Records a restart as ContainerLifecycle does: the run that ended becomes the last state and its output the previous log. */
    static void restarted(ContainerInstance c, String loggedByNewRun) {
        c.lastExitCode = 1;
        c.lastReason = "Error";
        c.lastStartedAt = c.startedAt;
        c.lastFinishedAt = Instant.now();
        c.lastContainerId = c.containerId;
        c.restartCount++;
        c.rotateLogs();
        c.containerId = c.lastContainerId.replaceAll("-\\d+$", "-" + (c.restartCount + 1));
        c.startedAt = Instant.now();
        c.appendLog(loggedByNewRun);
    }
}
