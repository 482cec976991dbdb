package io.winnode.e2e.framework.prepull;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.lifecycle.Ownership;

import java.util.List;

/**
 * The pod that pulls a node's images: one container per image, each running {@code cmd /c exit 0}
 * (cmd.exe is in every Nano Server based image, and the e2e Windows images are built on Nano Server)
 * so that the pod completes once every image is on the node. Upstream pre-pulls with a DaemonSet per
 * image (test/e2e/e2e.go prepullImages) or one DaemonSet holding every image
 * (kubernetes-sigs/windows-testing gce/prepull-1.21.yaml), whose containers must then be kept alive
 * with {@code ping -n 1800} because a DaemonSet only allows restartPolicy Always; a pod per node
 * with restartPolicy Never finishes by itself, tells per node and per image what happened, and needs
 * no permission beyond the pods the suite already creates.
 *
 * <p>The pod is bound to its node by required node affinity on {@code metadata.name}, as the DaemonSet
 * controller does, and tolerates every taint: it must reach each selected Windows node whatever the
 * provider taints it with, and only pulls images.
 */
final class PrePullPods {

    static final String LABEL = "winnode.io/prepull";

    private PrePullPods() {
    }

    /** The container that pulls {@code image} (a logical catalog name). */
    static String containerName(String image) {
        return Ownership.dnsLabel(image, 63);
    }

    static String name(PrePullPlan.Target target) {
        return "prepull-" + Ownership.dnsLabel(target.node().name(), 50);
    }

    static Pod pod(PrePullPlan.Target target, ImageCatalog catalog) {
        List<Container> containers = target.images().stream().map(image -> new ContainerBuilder()
                .withName(containerName(image))
                .withImage(catalog.reference(image))
                .withImagePullPolicy("IfNotPresent")
                .withCommand("cmd", "/c", "exit 0")
                .withNewResources().addToRequests("cpu", new Quantity("1m")).endResources()
                .build()).toList();
        return new PodBuilder()
                .withNewMetadata().withName(name(target)).addToLabels(LABEL, "true").endMetadata()
                .withNewSpec()
                .withNewOs().withName(OsFamily.WINDOWS.label()).endOs()
                .addToNodeSelector(OsFamily.LABEL, OsFamily.WINDOWS.label())
                .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In")
                .withValues(target.node().name()).endMatchField().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .withTolerations(new TolerationBuilder().withOperator("Exists").build())
                .withRestartPolicy("Never")
                .withTerminationGracePeriodSeconds(0L)
                .withContainers(containers)
                .endSpec().build();
    }
}
