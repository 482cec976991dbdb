package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * kube-scheduler's default profile, reduced to what the suite observes. Filters in the real order
 * (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit); the first failing filter is
 * the node's reason. It ignores {@code spec.os.name} (parity SCH-05). Scores by LeastAllocated with
 * the scheduler's non-zero request defaults; ties broken at random (seeded). Binding sets
 * {@code spec.nodeName} through the API; an unschedulable pod gets PodScheduled=False/Unschedulable
 * and a {@code FailedScheduling} event worded like the real one (FitError).
 */
public final class Scheduler implements Controller {

    private static final String NAME = "default-scheduler";

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;
    private final Random random;
    private final Duration retryUnschedulable;
    private final Map<String, Instant> nextAttempt = new HashMap<>();

    public Scheduler(KubernetesClient client, ClusterCache cache, EventRecorder events, long seed, Duration retryUnschedulable) {
        this.client = client;
        this.cache = cache;
        this.events = events;
        this.random = new Random(seed);
        this.retryUnschedulable = retryUnschedulable;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reconcile() {
        List<Pod> pending = cache.pods.getStore().list().stream()
                .filter(p -> p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty())
                .filter(p -> NAME.equals(p.getSpec().getSchedulerName()))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted((a, b) -> String.valueOf(a.getMetadata().getCreationTimestamp())
                        .compareTo(String.valueOf(b.getMetadata().getCreationTimestamp())))
                .toList();
        if (pending.isEmpty()) {
            return;
        }
        List<Node> nodes = cache.nodes.getStore().list().stream()
                .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName())).toList();
        Map<String, PodResources> used = new HashMap<>();
        Map<String, PodResources> usedForScoring = new HashMap<>();
        Map<String, Integer> podCount = new HashMap<>();
        for (Pod p : cache.pods.getStore().list()) {
            String n = p.getSpec().getNodeName();
            if (n == null || "Succeeded".equals(p.getStatus().getPhase()) || "Failed".equals(p.getStatus().getPhase())) {
                continue;
            }
            used.merge(n, PodResources.of(p, false), PodResources::plus);
            usedForScoring.merge(n, PodResources.of(p, true), PodResources::plus);
            podCount.merge(n, 1, Integer::sum);
        }
        Instant now = Instant.now();
        for (Pod pod : pending) {
            String uid = pod.getMetadata().getUid();
            if (nextAttempt.getOrDefault(uid, Instant.EPOCH).isAfter(now)) {
                continue;
            }
            schedule(pod, nodes, used, usedForScoring, podCount, now);
        }
        nextAttempt.keySet().retainAll(pending.stream().map(p -> p.getMetadata().getUid()).toList());
    }

    private void schedule(Pod pod, List<Node> nodes, Map<String, PodResources> used, Map<String, PodResources> usedForScoring,
                          Map<String, Integer> podCount, Instant now) {
        PodResources request = PodResources.of(pod, false);
        Map<String, Integer> reasons = new TreeMap<>();
        List<Node> feasible = new ArrayList<>();
        for (Node node : nodes) {
            List<String> why = filter(pod, node, request, used, podCount);
            if (why.isEmpty()) {
                feasible.add(node);
            } else {
                why.forEach(r -> reasons.merge(r, 1, Integer::sum));
            }
        }
        if (feasible.isEmpty()) {
            unschedulable(pod, nodes.size(), reasons);
            nextAttempt.put(pod.getMetadata().getUid(), now.plus(retryUnschedulable));
            return;
        }
        Node chosen = best(pod, feasible, usedForScoring);
        String nodeName = chosen.getMetadata().getName();
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
                p.getSpec().setNodeName(nodeName);
                List<PodCondition> conditions = new ArrayList<>(p.getStatus().getConditions());
                conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
                PodCondition scheduled = new PodCondition();
                scheduled.setType("PodScheduled");
                scheduled.setStatus("True");
                scheduled.setLastTransitionTime(Instant.now().toString());
                conditions.add(scheduled);
                p.getStatus().setConditions(conditions);
                return p;
            });
        } catch (KubernetesClientException e) {
            return;
        }
        used.merge(nodeName, request, PodResources::plus);
        usedForScoring.merge(nodeName, PodResources.of(pod, true), PodResources::plus);
        podCount.merge(nodeName, 1, Integer::sum);
        nextAttempt.put(pod.getMetadata().getUid(), Instant.MAX);
        events.normal(pod, "Scheduled", "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName() + " to " + nodeName, NAME, null);
    }

    /** Reasons this node cannot take the pod; empty when it can. */
    private static List<String> filter(Pod pod, Node node, PodResources request, Map<String, PodResources> used,
                                       Map<String, Integer> podCount) {
        if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            boolean tolerated = pod.getSpec().getTolerations() != null && pod.getSpec().getTolerations().stream()
                    .anyMatch(t -> "node.kubernetes.io/unschedulable".equals(t.getKey()) || (t.getKey() == null && "Exists".equals(t.getOperator())));
            if (!tolerated) {
                return List.of("node(s) were unschedulable");
            }
        }
        boolean ready = node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (!ready) {
            return List.of("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
        }
        Optional<Taint> taint = NodeMatching.untoleratedTaint(pod.getSpec(), node);
        if (taint.isPresent()) {
            return List.of("node(s) had untolerated taint {" + taint.get().getKey() + ": "
                    + (taint.get().getValue() == null ? "" : taint.get().getValue()) + "}");
        }
        if (!NodeMatching.matchesSelectorAndAffinity(pod.getSpec(), node)) {
            return List.of("node(s) didn't match Pod's node affinity/selector");
        }
        List<String> insufficient = new ArrayList<>();
        String name = node.getMetadata().getName();
        PodResources already = used.getOrDefault(name, new PodResources(0, 0));
        double cpu = PodResources.value(node.getStatus().getAllocatable().get("cpu"));
        double memory = PodResources.value(node.getStatus().getAllocatable().get("memory"));
        double pods = PodResources.value(node.getStatus().getAllocatable().get("pods"));
        if (podCount.getOrDefault(name, 0) + 1 > pods) {
            insufficient.add("Too many pods");
        }
        if (request.cpu() > 0 && already.cpu() + request.cpu() > cpu + 1e-9) {
            insufficient.add("Insufficient cpu");
        }
        if (request.memory() > 0 && already.memory() + request.memory() > memory) {
            insufficient.add("Insufficient memory");
        }
        return insufficient;
    }

    private Node best(Pod pod, List<Node> feasible, Map<String, PodResources> usedForScoring) {
        PodResources request = PodResources.of(pod, true);
        double bestScore = -1;
        List<Node> top = new ArrayList<>();
        for (Node node : feasible) {
            PodResources already = usedForScoring.getOrDefault(node.getMetadata().getName(), new PodResources(0, 0));
            double cpu = PodResources.value(node.getStatus().getAllocatable().get("cpu"));
            double memory = PodResources.value(node.getStatus().getAllocatable().get("memory"));
            double score = Math.round(50 * (Math.max(0, (cpu - already.cpu() - request.cpu()) / cpu)
                    + Math.max(0, (memory - already.memory() - request.memory()) / memory)));
            if (score > bestScore) {
                bestScore = score;
                top.clear();
            }
            if (score == bestScore) {
                top.add(node);
            }
        }
        return top.get(random.nextInt(top.size()));
    }

    private void unschedulable(Pod pod, int nodeCount, Map<String, Integer> reasons) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(String::compareTo);
        String message = "0/" + nodeCount + " nodes are available: " + String.join(", ", parts) + ". preemption: 0/"
                + nodeCount + " nodes are available: " + nodeCount + " Preemption is not helpful for scheduling.";
        boolean alreadyReported = pod.getStatus().getConditions().stream().anyMatch(c -> "PodScheduled".equals(c.getType())
                && "False".equals(c.getStatus()) && message.equals(c.getMessage()));
        if (!alreadyReported) {
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
                    List<PodCondition> conditions = new ArrayList<>(p.getStatus().getConditions());
                    conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
                    PodCondition c = new PodCondition();
                    c.setType("PodScheduled");
                    c.setStatus("False");
                    c.setReason("Unschedulable");
                    c.setMessage(message);
                    c.setLastTransitionTime(Instant.now().toString());
                    conditions.add(c);
                    p.getStatus().setConditions(conditions);
                    return p;
                });
            } catch (KubernetesClientException e) {
                return;
            }
        }
        events.warning(pod, "FailedScheduling", message, NAME, null);
    }
}
