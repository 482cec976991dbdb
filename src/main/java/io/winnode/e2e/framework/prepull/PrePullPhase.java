package io.winnode.e2e.framework.prepull;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.junit.PodSecurityLevel;
import io.winnode.e2e.framework.lifecycle.Ownership;
import io.winnode.e2e.framework.lifecycle.ResourceManager;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.workloads.PodStates;
import io.winnode.e2e.framework.workloads.PodTrouble;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Before the first test, puts every Windows-capable catalog image on every schedulable Windows node,
 * so that no test's pod-start budget pays for a cold pull (Windows images are hundreds of MB to GB;
 * upstream runs its Windows conformance jobs with {@code --prepull-images=true}, capz
 * {@code run-capz-e2e.sh}, after Windows starts timed out, kubernetes/kubernetes#102100,
 * kubernetes/test-infra#24500; windows-testing#126 gives the phase 30 minutes).
 *
 * <p>One pod per node ({@link PrePullPods}) in the phase's own namespace, labelled like every object of
 * the run ({@link Ownership}) and deleted afterwards. Progress is printed as each node finishes. A
 * failure (containerd's platform mismatch, a node that cannot create the pod's sandbox, or an image
 * still not there when the budget ends) is reported with the image, the node and the runtime's
 * message, and the run goes on: a test whose pod meets the same problem reports it itself.
 */
public final class PrePullPhase {

    /** Upstream's pre-pull budget for the Windows testgrid jobs (windows-testing#126, PREPULL_TIMEOUT=30m). */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(30);

    private final KubernetesClient client;
    private final ImageCatalog catalog;
    private final String runId;
    private final Duration budget;
    private final Duration pollEvery;
    private final PrintWriter out;
    private final Clock clock;

    public PrePullPhase(KubernetesClient client, ImageCatalog catalog, String runId, Duration budget, Duration pollEvery,
                        PrintWriter out, Clock clock) {
        this.client = client;
        this.catalog = catalog;
        this.runId = runId;
        this.budget = budget;
        this.pollEvery = pollEvery;
        this.out = out;
        this.clock = clock;
    }

    /** Pulls the plan's images onto its nodes; never throws for a pull that failed, only reports it. */
    public PrePullResult run(List<ClusterNode> windowsNodes) {
        PrePullPlan plan = PrePullPlan.of(catalog, windowsNodes);
        plan.warnings().forEach(w -> line("warning: " + w));
        if (plan.targets().isEmpty()) {
            line("nothing to pull (no schedulable Windows node, or no catalog image with a variant for its build)");
            return new PrePullResult(plan, List.of(), List.of(), Duration.ZERO);
        }
        line(plan.images().size() + " image(s) " + plan.images() + " on " + plan.targets().size() + " Windows node(s), budget "
                + seconds(budget) + " (--skip-prepull skips this phase)");
        Instant start = clock.instant();
        try (ResourceManager resources = new ResourceManager(client, new Ownership(runId, "prepull"))) {
            String namespace = createNamespace(resources);
            Map<String, PrePullPlan.Target> byPod = new LinkedHashMap<>();
            for (PrePullPlan.Target target : plan.targets()) {
                Pod pod = PrePullPods.pod(target, catalog);
                pod.getMetadata().setNamespace(namespace);
                resources.create(pod);
                byPod.put(PrePullPods.name(target), target);
            }
            PrePullResult result = watch(plan, namespace, byPod, start);
            line("done in " + seconds(result.took()) + ": " + result.pulled().size() + " of " + plan.pulls() + " image pull(s)"
                    + (result.failures().isEmpty() ? "" : "; " + result.failures().size()
                    + " failed (the run goes on; tests whose pods need those images on those nodes will say why)"));
            return result;
        }
    }

    private String createNamespace(ResourceManager resources) {
        String name = "wn-prepull-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
        // Baseline: a plain Windows pod needs nothing more, and a cluster whose default is restricted would refuse it.
        Namespace namespace = resources.create(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(PodSecurityLevel.BASELINE.namespaceLabels()).endMetadata().build());
        awaitDefaultServiceAccount(name);
        return namespace.getMetadata().getName();
    }

    /** Pods are refused until the namespace's default ServiceAccount exists (plugin/pkg/admission/serviceaccount). */
    private void awaitDefaultServiceAccount(String namespace) {
        Instant deadline = clock.instant().plus(budget);
        while (client.serviceAccounts().inNamespace(namespace).withName("default").get() == null
                && clock.instant().isBefore(deadline)) {
            sleep();
        }
    }

    private PrePullResult watch(PrePullPlan plan, String namespace, Map<String, PrePullPlan.Target> byPod, Instant start) {
        PodTrouble trouble = new PodTrouble(client);
        PullTally tally = new PullTally();
        Instant deadline = start.plus(budget);
        while (true) {
            for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
                PrePullPlan.Target target = byPod.get(pod.getMetadata().getName());
                if (target != null) {
                    readPod(pod, target, trouble, start, tally);
                }
            }
            if (tally.settledCount() >= plan.pulls() || !clock.instant().isBefore(deadline)) {
                break;
            }
            sleep();
        }
        for (PrePullPlan.Target target : plan.targets()) {
            String node = target.node().name();
            for (String image : target.images()) {
                if (!tally.settled(node, image)) {
                    fail(tally, target, image, "not on the node after " + seconds(budget)
                            + tally.lastError(node, image).map(e -> "; last pull error: " + e).orElse(""));
                }
            }
        }
        return new PrePullResult(plan, tally.pulls(), tally.failures(), Duration.between(start, clock.instant()));
    }

    private void readPod(Pod pod, PrePullPlan.Target target, PodTrouble trouble, Instant start, PullTally tally) {
        String node = target.node().name();
        Map<String, ContainerStatus> statuses = new HashMap<>();
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            pod.getStatus().getContainerStatuses().forEach(s -> statuses.put(s.getName(), s));
        }
        int before = tally.pulledOn(target);
        for (String image : target.images()) {
            if (tally.settled(node, image)) {
                continue;
            }
            ImagePullState state = ImagePullState.of(statuses.get(PrePullPods.containerName(image)));
            if (state.pulled()) {
                tally.pulled(node, image);
            } else if (state.failure() != null) {
                fail(tally, target, image, state.failure());
            } else if (state.lastError() != null) {
                tally.retrying(node, image, state.lastError());
            }
        }
        boolean finished = "Succeeded".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase());
        if (!finished) {
            // A node that cannot set the pod up at all (sandbox, admission) fails every image still missing there;
            // one container's own trouble (read per image above) does not stop the kubelet from pulling the next.
            String containerTrouble = PodStates.waitingReason(pod).orElse("");
            trouble.stuck(pod).filter(why -> !why.equals(containerTrouble)).ifPresent(why -> target.images().stream()
                    .filter(image -> !tally.settled(node, image)).forEach(image -> fail(tally, target, image, why)));
        }
        int after = tally.pulledOn(target);
        if (after > before && after == target.images().size()) {
            line(node + " (" + target.node().platformLabel() + "): " + after + "/" + target.images().size()
                    + " images " + target.images() + " after " + seconds(Duration.between(start, clock.instant())));
        }
    }

    private void fail(PullTally tally, PrePullPlan.Target target, String image, String why) {
        var failure = new PrePullResult.Failure(target.node().name(), image, catalog.reference(image), why);
        if (tally.failed(failure)) {
            line("FAILED " + image + " (" + failure.reference() + ") on node " + failure.node() + ": " + why);
        }
    }

    private void line(String text) {
        out.println("  pre-pull: " + text);
        out.flush();
    }

    private void sleep() {
        try {
            Thread.sleep(pollEvery.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pre-pull interrupted", e);
        }
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + " s";
    }
}
