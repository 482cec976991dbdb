package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.winnode.e2e.foundation.os.OsFamily;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node-level figures the kubelet serves as upstream's Windows e2e tests read them through
 * {@code nodes/{name}/proxy}: {@code /configz} (reservations and eviction thresholds, consistent
 * with capacity − allocatable, parity RES-06), {@code /stats/summary} (node and per-pod CPU/memory
 * with values > 0 for running containers, CPU below the container's limit, parity OBS-07/RES-02)
 * and {@code /metrics/resource} (the same figures in Prometheus text). Only this node's pods count.
 */
final class NodeFigures {

    private final RuntimeRegistry registry;
    private final KubeletDns dns;

    NodeFigures(RuntimeRegistry registry, KubeletDns dns) {
        this.registry = registry;
        this.dns = dns;
    }

    /** {@code /configz}: the kubelet wraps its configuration in {@code kubeletconfig}. */
    String configzJson(Node node) {
        Map<String, Object> config = configz(node);
        // The kubelet's DNS settings (KubeletConfiguration clusterDomain/clusterDNS), from which it
        // builds every ClusterFirst pod's resolver: nameserver and search <ns>.svc.<domain> ...
        config.put("clusterDomain", dns.clusterDomain());
        config.put("clusterDNS", List.of(dns.clusterDnsIp()));
        return Serialization.asJson(Map.of("kubeletconfig", config));
    }

    String summaryJson(Node node) {
        return Serialization.asJson(summary(node));
    }

    String resourceMetrics(Node node) {
        return resourceMetrics(summary(node));
    }

    private static OsFamily os(Node node) {
        return OsFamily.fromLabel(node.getMetadata().getLabels().get(OsFamily.LABEL));
    }

    /** Eviction default: 100Mi on Linux, 500Mi on Windows (kubernetes/kubernetes PR #122922); the rest of capacity − allocatable is system-reserved. */
    private static Map<String, Object> configz(Node node) {
        boolean windows = os(node) == OsFamily.WINDOWS;
        long evictionMi = windows ? 500 : 100;
        BigDecimal capMem = Quantity.getAmountInBytes(node.getStatus().getCapacity().get("memory"));
        BigDecimal allocMem = Quantity.getAmountInBytes(node.getStatus().getAllocatable().get("memory"));
        long reservedMi = capMem.subtract(allocMem).longValue() / (1024 * 1024) - evictionMi;
        BigDecimal capCpu = Quantity.getAmountInBytes(node.getStatus().getCapacity().get("cpu"));
        BigDecimal allocCpu = Quantity.getAmountInBytes(node.getStatus().getAllocatable().get("cpu"));
        long reservedMilli = capCpu.subtract(allocCpu).multiply(BigDecimal.valueOf(1000)).longValue();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("kind", "KubeletConfiguration");
        config.put("apiVersion", "kubelet.config.k8s.io/v1beta1");
        config.put("systemReserved", Map.of("cpu", reservedMilli + "m", "memory", Math.max(reservedMi, 0) + "Mi"));
        config.put("kubeReserved", Map.of());
        config.put("evictionHard", Map.of("memory.available", evictionMi + "Mi", "nodefs.available", "10%"));
        config.put("evictionSoft", Map.of());
        config.put("enforceNodeAllocatable", windows ? List.of() : List.of("pods"));
        config.put("cgroupDriver", windows ? "" : "systemd");
        config.put("maxPods", Quantity.getAmountInBytes(node.getStatus().getCapacity().get("pods")).intValue());
        return config;
    }

    /**
     * The kubelet's resource metrics (what metrics-server scrapes), in Prometheus text format, from the
     * same figures as the stats summary: node, pod and container CPU seconds and memory working set.
     */
    @SuppressWarnings("unchecked")
    private static String resourceMetrics(Map<String, Object> summary) {
        long ts = Instant.now().toEpochMilli();
        Map<String, Object> node = (Map<String, Object>) summary.get("node");
        StringBuilder b = new StringBuilder();
        b.append("# HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds\n")
                .append("# TYPE node_cpu_usage_seconds_total counter\n")
                .append("node_cpu_usage_seconds_total ").append(seconds(node)).append(' ').append(ts).append('\n')
                .append("# HELP node_memory_working_set_bytes [STABLE] Current working set of the node in bytes\n")
                .append("# TYPE node_memory_working_set_bytes gauge\n")
                .append("node_memory_working_set_bytes ").append(workingSet(node)).append(' ').append(ts).append('\n');
        StringBuilder podCpu = new StringBuilder();
        StringBuilder podMem = new StringBuilder();
        StringBuilder ctrCpu = new StringBuilder();
        StringBuilder ctrMem = new StringBuilder();
        for (Map<String, Object> pod : (List<Map<String, Object>>) summary.get("pods")) {
            Map<String, Object> ref = (Map<String, Object>) pod.get("podRef");
            String podLabels = "namespace=\"" + ref.get("namespace") + "\",pod=\"" + ref.get("name") + "\"";
            podCpu.append("pod_cpu_usage_seconds_total{").append(podLabels).append("} ").append(seconds(pod)).append(' ').append(ts).append('\n');
            podMem.append("pod_memory_working_set_bytes{").append(podLabels).append("} ").append(workingSet(pod)).append(' ').append(ts).append('\n');
            for (Map<String, Object> c : (List<Map<String, Object>>) pod.get("containers")) {
                String labels = "{container=\"" + c.get("name") + "\"," + podLabels + "} ";
                ctrCpu.append("container_cpu_usage_seconds_total").append(labels).append(seconds(c)).append(' ').append(ts).append('\n');
                ctrMem.append("container_memory_working_set_bytes").append(labels).append(workingSet(c)).append(' ').append(ts).append('\n');
            }
        }
        b.append("# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds\n")
                .append("# TYPE container_cpu_usage_seconds_total counter\n").append(ctrCpu)
                .append("# HELP container_memory_working_set_bytes [STABLE] Current working set of the container in bytes\n")
                .append("# TYPE container_memory_working_set_bytes gauge\n").append(ctrMem)
                .append("# HELP pod_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the pod in core-seconds\n")
                .append("# TYPE pod_cpu_usage_seconds_total counter\n").append(podCpu)
                .append("# HELP pod_memory_working_set_bytes [STABLE] Current working set of the pod in bytes\n")
                .append("# TYPE pod_memory_working_set_bytes gauge\n").append(podMem);
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static String seconds(Map<String, Object> stats) {
        long nanos = ((Number) ((Map<String, Object>) stats.get("cpu")).get("usageCoreNanoSeconds")).longValue();
        return String.format(java.util.Locale.ROOT, "%.6f", nanos / 1e9);
    }

    @SuppressWarnings("unchecked")
    private static long workingSet(Map<String, Object> stats) {
        return ((Number) ((Map<String, Object>) stats.get("memory")).get("workingSetBytes")).longValue();
    }

    private Map<String, Object> summary(Node node) {
        String now = Instant.now().toString();
        boolean windows = os(node) == OsFamily.WINDOWS;
        List<Map<String, Object>> pods = new ArrayList<>();
        long nodeCpu = 50_000_000L;
        long nodeMem = (windows ? 1_500L : 600L) * 1024 * 1024;
        for (PodSandbox sb : registry.onNode(node.getMetadata().getName())) {
            if (sb.startTime == null) {
                continue;
            }
            List<Map<String, Object>> containers = new ArrayList<>();
            long podCpu = 0;
            long podMem = 0;
            for (ContainerInstance c : sb.containers.values()) {
                if (!c.running()) {
                    continue;
                }
                long seed = Math.abs((sb.uid + c.name()).hashCode());
                long cpu = 1_000_000L + seed % 20_000_000L;
                Quantity cpuLimit = c.spec.getResources() == null || c.spec.getResources().getLimits() == null ? null
                        : c.spec.getResources().getLimits().get("cpu");
                if (cpuLimit != null) {
                    cpu = Math.min(cpu, (long) (Quantity.getAmountInBytes(cpuLimit).doubleValue() * 0.9e9));
                }
                long mem = (windows ? 60L : 12L) * 1024 * 1024 + seed % (20L * 1024 * 1024);
                Quantity memLimit = c.spec.getResources() == null || c.spec.getResources().getLimits() == null ? null
                        : c.spec.getResources().getLimits().get("memory");
                if (memLimit != null) {
                    // A container's working set stays below its memory limit (cgroup / job object cap).
                    mem = Math.min(mem, (long) (Quantity.getAmountInBytes(memLimit).doubleValue() * 0.9));
                }
                long seconds = Math.max(1, Duration.between(c.startedAt, Instant.now()).toSeconds());
                podCpu += cpu;
                podMem += mem;
                containers.add(Map.of("name", c.name(), "startTime", c.startedAt.toString(),
                        "cpu", Map.of("time", now, "usageNanoCores", cpu, "usageCoreNanoSeconds", cpu * seconds),
                        "memory", Map.of("time", now, "workingSetBytes", mem, "usageBytes", mem),
                        "logs", Map.of("time", now, "availableBytes", 40L * 1024 * 1024 * 1024, "usedBytes", 4096L)));
            }
            nodeCpu += podCpu;
            nodeMem += podMem;
            long seconds = Math.max(1, Duration.between(sb.startTime, Instant.now()).toSeconds());
            pods.add(Map.of("podRef", Map.of("name", sb.name, "namespace", sb.namespace, "uid", sb.uid),
                    "startTime", sb.startTime.toString(), "containers", containers,
                    "cpu", Map.of("time", now, "usageNanoCores", podCpu, "usageCoreNanoSeconds", podCpu * seconds),
                    "memory", Map.of("time", now, "workingSetBytes", podMem, "usageBytes", podMem)));
        }
        long capMem = Quantity.getAmountInBytes(node.getStatus().getCapacity().get("memory")).longValue();
        Map<String, Object> nodeStats = new LinkedHashMap<>();
        nodeStats.put("nodeName", node.getMetadata().getName());
        nodeStats.put("startTime", node.getMetadata().getCreationTimestamp());
        nodeStats.put("cpu", Map.of("time", now, "usageNanoCores", nodeCpu, "usageCoreNanoSeconds", nodeCpu * 60));
        nodeStats.put("memory", Map.of("time", now, "availableBytes", capMem - nodeMem, "usageBytes", nodeMem,
                "workingSetBytes", nodeMem));
        return Map.of("node", nodeStats, "pods", pods);
    }
}
