package io.winnode.e2e.simulator.nodes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.faults.FaultFile;
import io.winnode.e2e.simulator.faults.Mechanisms.NodeFault;
import io.winnode.e2e.simulator.faults.Mechanisms.ServiceProxyFault;
import io.winnode.e2e.simulator.faults.NodeFacts;
import io.winnode.e2e.simulator.kubelet.ImagePuller;
import io.winnode.e2e.simulator.kubelet.Latencies;
import io.winnode.e2e.simulator.kubelet.RegistryContents;
import io.winnode.e2e.simulator.kubelet.RuntimeRegistry;
import io.winnode.e2e.simulator.network.ClusterDns;
import io.winnode.e2e.simulator.network.ClusterNetwork;
import io.winnode.e2e.simulator.network.ServiceView;
import io.winnode.e2e.simulator.topology.Topology;
import io.winnode.e2e.simulator.topology.TopologyNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated half of the cluster: one {@link NodeAgent} per topology node over one shared
 * container-runtime and data-plane model, and the fault hooks that live outside single nodes
 * (the API events {@code afterEvent} waits for, node faults, the Service-rule history that frozen
 * or slow proxies route by). Everything reaches the control plane through its API.
 */
public final class SimulatedNodes implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<NodeAgent> agents = new ArrayList<>();
    private final ScheduledExecutorService loops;
    private final ExecutorService processes;
    private final Vertx vertx;

    private SimulatedNodes(ScheduledExecutorService loops, ExecutorService processes, Vertx vertx) {
        this.loops = loops;
        this.processes = processes;
        this.vertx = vertx;
    }

    /**
     * Starts every node of {@code topology}; returns once each has registered and received its pod CIDR.
     *
     * @param admin        the installer's client: fault hooks that act on the cluster as a whole (closed with the nodes)
     * @param proxyClient  a client authenticated as {@code system:kube-proxy}, for the data plane's view (closed with the nodes)
     * @param clusterDnsIp the ClusterIP of the {@code kube-dns} Service, which pods' resolvers use
     */
    public static SimulatedNodes start(Topology topology, KubeletTunnel tunnel, NodeCredentials credentials, KubernetesClient admin,
                                       KubernetesClient proxyClient, String clusterDnsIp, String kubeletVersion,
                                       Latencies latencies, long seed, List<FaultFile> faultFiles) {
        AtomicInteger threads = new AtomicInteger();
        ScheduledExecutorService loops = Executors.newScheduledThreadPool(3, r -> daemon(r, "simulator-loop-", threads));
        ExecutorService processes = Executors.newCachedThreadPool(r -> daemon(r, "simulator-process-", threads));
        SimulatedNodes nodes = new SimulatedNodes(loops, processes, Vertx.vertx());
        nodes.track(admin);
        nodes.track(proxyClient);
        try {
            nodes.startAll(topology, tunnel, credentials, admin, proxyClient, clusterDnsIp, kubeletVersion, latencies, seed, faultFiles);
            return nodes;
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    private void startAll(Topology topology, KubeletTunnel tunnel, NodeCredentials credentials, KubernetesClient admin, KubernetesClient proxyClient,
                          String clusterDnsIp, String kubeletVersion, Latencies latencies, long seed,
                          List<FaultFile> faultFiles) {
        ServiceView view = track(new ServiceView(proxyClient));
        RuntimeRegistry registry = new RuntimeRegistry();
        ClusterNetwork network = new ClusterNetwork(view, registry, seed);
        ClusterDns dns = new ClusterDns(view, topology.clusterDomain());
        ImagePuller puller = new ImagePuller(RegistryContents.load());
        ActiveFaults faults = faultFiles.isEmpty() ? ActiveFaults.none()
                : new ActiveFaults(faultFiles, nodeFacts(topology), Instant.now());
        if (!faults.isEmpty()) {
            wireFaults(faults, admin, network, latencies);
        }
        NodeRuntime runtime = new NodeRuntime(vertx, tunnel, kubeletVersion, latencies, registry, network, dns, clusterDnsIp, puller,
                processes, loops, faults, null);
        for (TopologyNode spec : topology.nodes()) {
            agents.add(NodeAgent.start(spec, credentials, runtime));
        }
    }

    /**
     * Fault hooks that live outside the kubelets: the API events {@code afterEvent} waits for, node
     * changes and the Service-rule history frozen or slow proxies route by.
     */
    private void wireFaults(ActiveFaults faults, KubernetesClient admin, ClusterNetwork network, Latencies latencies) {
        track(FaultEventFeed.attach(admin, faults.events()));
        long period = latencies.syncPeriod().toMillis();
        if (faults.uses(NodeFault.class)) {
            NodeFaults nodeFaults = track(new NodeFaults(admin, faults));
            loops.scheduleWithFixedDelay(nodeFaults::reconcile, 0, period, TimeUnit.MILLISECONDS);
        }
        if (faults.uses(ServiceProxyFault.class)) {
            loops.scheduleWithFixedDelay(() -> network.history().capture(), 0, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Selectors match nodes as the topology describes them: their OS, build and every label they end up with. */
    private static Map<String, NodeFacts> nodeFacts(Topology topology) {
        Map<String, NodeFacts> facts = new HashMap<>();
        for (TopologyNode n : topology.nodes()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(OsFamily.LABEL, n.os());
            labels.put("kubernetes.io/hostname", n.name());
            labels.put("kubernetes.io/arch", n.arch());
            if (n.windowsBuild() != null) {
                labels.put(WindowsBuild.LABEL, n.windowsBuild());
            }
            if (n.labels() != null) {
                labels.putAll(n.labels());
            }
            facts.put(n.name(), new NodeFacts(n.name(), n.os(), n.windowsBuild(), Map.copyOf(labels)));
        }
        return facts;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private static Thread daemon(Runnable r, String prefix, AtomicInteger threads) {
        Thread t = new Thread(r, prefix + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        loops.shutdownNow();
        processes.shutdownNow();
        for (NodeAgent agent : agents) {
            closeQuietly(agent);
        }
        for (AutoCloseable r : resources) {
            closeQuietly(r);
        }
        vertx.close();
        try {
            loops.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // stopping: nothing left to do with it
        }
    }
}
