package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.simulator.LatencyProfile;
import io.winnode.e2e.simulator.SimulatorOptions;
import io.winnode.e2e.simulator.api.ApiStore;
import io.winnode.e2e.simulator.api.SimulatorDispatcher;
import io.winnode.e2e.simulator.kubelet.ImagePuller;
import io.winnode.e2e.simulator.kubelet.Kubelet;
import io.winnode.e2e.simulator.kubelet.Latencies;
import io.winnode.e2e.simulator.kubelet.RuntimeRegistry;
import io.winnode.e2e.simulator.network.ClusterDns;
import io.winnode.e2e.simulator.network.ClusterNetwork;
import io.winnode.e2e.simulator.topology.Topology;

import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.framework.nodes.WindowsBuild;
import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.faults.FaultFile;
import io.winnode.e2e.simulator.faults.Mechanisms.FailingStepFault;
import io.winnode.e2e.simulator.faults.Mechanisms.NodeFault;
import io.winnode.e2e.simulator.faults.Mechanisms.ServiceProxyFault;
import io.winnode.e2e.simulator.faults.NodeFacts;
import io.winnode.e2e.simulator.faults.PodFacts;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts and stops everything that runs behind the simulated API: the control-plane controllers,
 * the scheduler and one kubelet per node, each a {@link Controller} run at the profile's sync period
 * on a small shared pool; plus the kubelet streaming server wired into the API server.
 */
public final class ControllerManager implements AutoCloseable {

    private final SimulatorOptions options;
    private final Topology topology;
    private final SimulatorDispatcher dispatcher;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String masterUrl;
    private final Latencies latencies;
    private final AtomicInteger threads = new AtomicInteger();
    private final java.util.Set<String> reportedFailures = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loops;
    private final ExecutorService processes;
    private final List<FaultFile> faultFiles;
    private final Instant started = Instant.now();
    private ClusterCache cache;
    private List<Node> nodes = List.of();

    public ControllerManager(SimulatorOptions options, Topology topology, SimulatorDispatcher dispatcher,
                             KubernetesMockServer server, KubernetesClient client, String masterUrl, List<FaultFile> faultFiles) {
        this.faultFiles = List.copyOf(faultFiles);
        this.options = options;
        this.topology = topology;
        this.dispatcher = dispatcher;
        this.server = server;
        this.client = client;
        this.masterUrl = masterUrl;
        this.latencies = new Latencies(options.latency(), options.seed());
        this.loops = Executors.newScheduledThreadPool(3, r -> daemon(r, "simulator-loop-"));
        this.processes = Executors.newCachedThreadPool(r -> daemon(r, "simulator-process-"));
    }

    private Thread daemon(Runnable r, String prefix) {
        Thread t = new Thread(r, prefix + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** Registers namespaces, nodes and the system Services; blocks until every node is listed Ready. */
    public void bootstrap() {
        nodes = Bootstrap.run(client, topology, options.gitVersion());
        Instant deadline = Instant.now().plusSeconds(10);
        while (client.nodes().list().getItems().stream().filter(n -> n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count() < nodes.size()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Simulated nodes did not register Ready");
            }
            sleep(10);
        }
    }

    public void start() {
        cache = new ClusterCache(client);
        EventRecorder events = new EventRecorder(client);
        ApiStore store = dispatcher.store();
        RuntimeRegistry registry = new RuntimeRegistry();
        ClusterNetwork network = new ClusterNetwork(store, registry, options.seed());
        ClusterDns dns = new ClusterDns(store, Bootstrap.CLUSTER_DOMAIN);
        ImagePuller puller = new ImagePuller(ImageCatalog.load(null));
        dispatcher.setPodTermination(registry);
        Duration retry = options.latency() == LatencyProfile.FAST ? Duration.ofMillis(500) : Duration.ofSeconds(5);
        List<Controller> controllers = new ArrayList<>(List.of(
                new Scheduler(client, cache, events, options.seed(), retry),
                new DeploymentController(client, cache, events),
                new ReplicaSetController(client, cache, events),
                new DaemonSetController(client, cache, events),
                new JobController(client, cache, events),
                new EndpointSliceController(client, cache, latencies::jitter),
                new NamespaceController(client, cache, masterUrl),
                new GarbageCollector(client, cache)));
        ActiveFaults faults = faultFiles.isEmpty() ? ActiveFaults.none() : new ActiveFaults(faultFiles, nodeFacts(), started);
        if (!faults.isEmpty()) {
            wireFaults(faults, store, registry, network, controllers);
        }
        Kubelet.Dependencies deps = new Kubelet.Dependencies(client, cache.pods, events, puller, latencies, registry, network,
                dns, Bootstrap.CLUSTER_DNS_IP, processes, faults);
        for (Node node : nodes) {
            controllers.add(new Kubelet(node, deps));
        }
        long period = latencies.syncPeriod().toMillis();
        for (Controller c : controllers) {
            loops.scheduleWithFixedDelay(() -> runSafely(c), 0, period, TimeUnit.MILLISECONDS);
        }
        // The mock web server records every request for takeRequest(); nobody reads them here, so drop them.
        loops.scheduleWithFixedDelay(this::drainRecordedRequests, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Fault hooks that live outside the kubelets: the API events {@code afterEvent} waits for, the
     * faulty kubelet server in front of exec/logs/stats, held pod deletions, node changes and the
     * Service-rule history frozen or slow proxies route by.
     */
    private void wireFaults(ActiveFaults faults, ApiStore store, RuntimeRegistry registry, ClusterNetwork network,
                            List<Controller> controllers) {
        FaultEventFeed.attach(cache, faults.events());
        dispatcher.setPodDeletionHold(pod -> faults.matching(FailingStepFault.class, pod.getSpec().getNodeName(),
                PodFacts.of(pod)).stream().anyMatch(f -> f.step().equals("termination")));
        if (faults.uses(NodeFault.class)) {
            controllers.add(new NodeFaults(client, cache, faults));
        }
        if (faults.uses(ServiceProxyFault.class)) {
            loops.scheduleWithFixedDelay(() -> network.history().capture(), 0, latencies.syncPeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Selectors match nodes as they registered (see {@link NodeFacts}). */
    private Map<String, NodeFacts> nodeFacts() {
        Map<String, NodeFacts> facts = new HashMap<>();
        for (Node n : nodes) {
            Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
            facts.put(n.getMetadata().getName(), new NodeFacts(n.getMetadata().getName(), labels.get(OsFamily.LABEL),
                    labels.get(WindowsBuild.LABEL), Map.copyOf(labels)));
        }
        return facts;
    }

    /** A failing pass is retried on the next one; each distinct failure is logged once, not every 25 ms. */
    private void runSafely(Controller c) {
        try {
            c.reconcile();
        } catch (RuntimeException e) {
            if (reportedFailures.add(c.name() + ":" + e.getClass().getName() + ":" + e.getMessage())) {
                System.getLogger(ControllerManager.class.getName()).log(System.Logger.Level.WARNING,
                        c.name() + " pass failed (retried every sync period): " + e, e);
            }
        }
    }

    private void drainRecordedRequests() {
        try {
            while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        loops.shutdownNow();
        processes.shutdownNow();
        try {
            loops.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cache != null) {
            cache.close();
        }
        client.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
