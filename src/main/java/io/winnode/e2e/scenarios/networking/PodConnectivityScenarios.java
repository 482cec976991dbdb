package io.winnode.e2e.scenarios.networking;

import io.fabric8.kubernetes.api.model.Service;
import io.qameta.allure.Allure;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.framework.exec.CommandLines;
import io.winnode.e2e.framework.exec.ExecResult;
import io.winnode.e2e.framework.exec.InPod;
import io.winnode.e2e.framework.junit.ClassScoped;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.PodSecurityLevel;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.nodes.KubeletConfigz;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Placement;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.workloads.RunningPod;
import io.winnode.e2e.framework.wait.Waits;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pod-to-pod and pod-to-Service connectivity for every pair of OSes, and Service DNS names, in the
 * manner of upstream's hybrid_network.go: clients connect with agnhost, servers run agnhost
 * netexec behind a ClusterIP Service.
 *
 * <p>The namespace is privileged: NET-05a's pod publishes a {@code hostPort}, which the baseline and
 * restricted Pod Security Standards forbid (pod-security-standards.md, "Host Ports"), so on a cluster
 * whose default level is baseline (hardened distributions, policy-managed AKS) it would be rejected.
 * Upstream marks its Windows test namespaces privileged the same way
 * ({@code f.NamespacePodSecurityLevel = admissionapi.LevelPrivileged}, test/e2e/windows).
 */
@WindowsScenario(value = "Networking", podSecurity = PodSecurityLevel.PRIVILEGED)
@Feature("Networking")
@Tag(Tags.NETWORKING)
@Tag(Tags.CORE_NETWORK)
class PodConnectivityScenarios {

    private static final int SERVER_PORT = 8080;
    private static final int SERVICE_PORT = 80;
    /**
     * Outside the default NodePort range 30000-32767 (kube-apiserver --service-node-port-range), so that
     * a NodePort Service can never hold the same port on the node; the port upstream's hostPort test
     * uses (test/e2e/network/hostport.go).
     */
    private static final int HOST_PORT = 54323;
    /** Enough requests that three backends chosen at random would almost surely show more than one. */
    private static final int AFFINITY_REQUESTS = 10;

    /** One server (pod + Service) per side, deployed when a test first needs it, shared by the class. */
    private final Map<Side, Server> servers = new HashMap<>();

    private record Server(RunningPod pod, Service service) {
    }

    @ParityTest("NET-01a")
    @DisplayName("pods connect to a Linux pod by pod IP")
    @Severity(SeverityLevel.BLOCKER)
    @Tag(Tags.SMOKE)
    void connectToLinuxPodByIp(Side side, Workloads workloads, @ClassScoped Workloads shared, InPod inPod,
                               Placement placement, ParityCheck parity) {
        Server server = server(Side.linux(), shared, placement);
        RunningPod client = client(side, workloads);

        ExecResult result = connect(inPod, client, server.pod().podIp(), SERVER_PORT);

        parity.verify(connectionOutcome(result), client.node());
    }

    @ParityTest("NET-01b")
    @DisplayName("pods connect to a Windows pod by pod IP")
    @Severity(SeverityLevel.BLOCKER)
    void connectToWindowsPodByIp(Side side, Workloads workloads, @ClassScoped Workloads shared, InPod inPod,
                                 Placement placement, NodeInventory nodes, ParityCheck parity) {
        Server server = server(windowsServerSideFor(side, nodes), shared, placement);
        RunningPod client = client(side, workloads);

        ExecResult result = connect(inPod, client, server.pod().podIp(), SERVER_PORT);

        parity.verify(connectionOutcome(result), client.node());
    }

    @ParityTest("NET-01c")
    @DisplayName("pods connect to Linux backends through a ClusterIP Service")
    @Severity(SeverityLevel.BLOCKER)
    void connectToLinuxServiceByClusterIp(Side side, Workloads workloads, @ClassScoped Workloads shared, InPod inPod,
                                          Placement placement, ParityCheck parity) {
        Server server = server(Side.linux(), shared, placement);
        RunningPod client = client(side, workloads);

        ExecResult result = connectToService(inPod, workloads, client, server.service().getSpec().getClusterIP(), SERVICE_PORT);

        parity.verify(connectionOutcome(result), client.node());
    }

    @ParityTest("NET-01d")
    @DisplayName("pods connect to Windows backends through a ClusterIP Service")
    @Severity(SeverityLevel.BLOCKER)
    void connectToWindowsServiceByClusterIp(Side side, Workloads workloads, @ClassScoped Workloads shared, InPod inPod,
                                            Placement placement, NodeInventory nodes, ParityCheck parity) {
        Server server = server(windowsServerSideFor(side, nodes), shared, placement);
        RunningPod client = client(side, workloads);

        ExecResult result = connectToService(inPod, workloads, client, server.service().getSpec().getClusterIP(), SERVICE_PORT);

        parity.verify(connectionOutcome(result), client.node());
    }

    @ParityTest("NET-01e")
    @DisplayName("pods reach a Service again after it is deleted and created anew")
    @Severity(SeverityLevel.CRITICAL)
    void recreatedServiceIsReachableAgain(Side side, Workloads workloads, @ClassScoped Workloads shared, InPod inPod,
                                         Placement placement, ParityCheck parity) {
        Server server = server(Side.linux(), shared, placement);
        RunningPod client = client(side, workloads);
        String name = "recreated-" + side.slug();
        var values = Map.of("NAME", name, "SELECTOR", server.pod().name(), "TYPE", "ClusterIP");

        var first = workloads.deploy("networking/service.yaml", side, values);
        ExecResult before = connectToService(inPod, workloads, client,
                workloads.serviceWithReadyEndpoints(name, 1).getSpec().getClusterIP(), SERVICE_PORT);
        workloads.delete(first.get(0));
        workloads.deploy("networking/service.yaml", side, values);
        ExecResult after = connectToService(inPod, workloads, client,
                workloads.serviceWithReadyEndpoints(name, 1).getSpec().getClusterIP(), SERVICE_PORT);

        parity.verify(before.succeeded() && after.succeeded() ? Observed.outcome("reconnected")
                : Observed.detail("before: " + attempt(before) + "; after recreation: " + attempt(after)), client.node());
    }

    @ParityTest("NET-07a")
    @DisplayName("pods reach a NodePort Service through a node of each OS and of each Windows build")
    @Severity(SeverityLevel.CRITICAL)
    void nodePortIsReachableThroughNodesOfBothOses(Side side, Workloads workloads, @ClassScoped Workloads shared,
                                                   InPod inPod, Placement placement, NodeInventory nodes,
                                                   ParityCheck parity) {
        Server server = server(Side.linux(), shared, placement);
        RunningPod client = client(side, workloads);
        String name = "nodeport-" + side.slug();
        workloads.deploy("networking/service.yaml", side, Map.of("NAME", name, "SELECTOR", server.pod().name(), "TYPE", "NodePort"));
        int nodePort = workloads.serviceWithReadyEndpoints(name, 1).getSpec().getPorts().get(0).getNodePort();

        var entries = entryNodes(placement, nodes);
        Allure.step("enter NodePort " + nodePort + " through " + String.join(", ",
                entries.stream().map(n -> n.name() + " (" + n.platformLabel() + ")").toList()));
        var failures = new java.util.ArrayList<String>();
        for (var node : entries) {
            ExecResult result = connectToService(inPod, workloads, client, node.internalIp(), nodePort);
            if (!result.succeeded()) {
                failures.add(node.name() + " (" + node.platformLabel() + "): " + attempt(result));
            }
        }

        parity.verify(failures.isEmpty() ? Observed.outcome("every-node") : Observed.detail(String.join("; ", failures)),
                client.node());
    }

    @ParityTest("NET-05a")
    @DisplayName("a pod's hostPort is reachable on its node's IP from another pod")
    @Severity(SeverityLevel.NORMAL)
    void hostPortIsReachableOnTheNodeIp(Side side, Workloads workloads, @ClassScoped Workloads shared, InPod inPod,
                                        Placement placement, ParityCheck parity) {
        RunningPod client = sharedLinuxClient(shared);
        String name = "hostport-" + side.slug();
        workloads.deploy("networking/hostport-server.yaml", side, Map.of("NAME", name, "HOST_PORT", String.valueOf(HOST_PORT)));
        RunningPod server = workloads.running(name, side);

        ExecResult result = connect(inPod, client, server.hostIp(), HOST_PORT);

        parity.verify(result.succeeded() ? Observed.outcome("host-port") : Observed.detail(attempt(result)), server.node());
    }

    @ParityTest("NET-09")
    @DisplayName("a Service with ClientIP session affinity sends every request of a client to one backend")
    @Severity(SeverityLevel.NORMAL)
    void sessionAffinityKeepsAClientOnOneBackend(Side side, Workloads workloads, @ClassScoped Workloads shared,
                                                 InPod inPod, Placement placement, ParityCheck parity) {
        Service service = affinityService(shared, placement);
        RunningPod client = client(side, workloads);
        String url = "http://" + service.getSpec().getClusterIP() + ":" + SERVICE_PORT + "/";

        // The first request waits for the new Service to answer at all; the others are counted as they come.
        var answers = new java.util.ArrayList<ExecResult>();
        answers.add(Waits.lastSeen("GET " + url + " from " + client + " to answer", workloads.timeouts().serviceResponding(),
                () -> inPod.httpGet(client, "client", url), ExecResult::succeeded));
        for (int request = 1; request < AFFINITY_REQUESTS; request++) {
            answers.add(inPod.httpGet(client, "client", url));
        }

        parity.verify(AffinityAnswers.of(answers).outcome(), client.node());
    }

    @ParityTest("NET-16a")
    @DisplayName("a Service's short name and FQDN resolve to its ClusterIP")
    @Severity(SeverityLevel.CRITICAL)
    void serviceNamesResolve(Side side, Workloads workloads, @ClassScoped Workloads shared, InPod inPod,
                             Placement placement, NodeInventory nodes, KubeletConfigz configz, ParityCheck parity) {
        Service service = anyServer(shared, placement, nodes).service();
        String name = service.getMetadata().getName();
        RunningPod client = client(side, workloads);
        // The cluster's DNS domain as the client's kubelet knows it (clusterDomain), not an assumed cluster.local.
        String fqdn = name + "." + workloads.namespace() + ".svc." + configz.clusterDomain(client.node());

        Observed shortAnswer = resolution(inPod, client, name, service);
        Observed fqdnAnswer = resolution(inPod, client, fqdn, service);

        parity.verify(shortAnswer.equals(RESOLVED) && fqdnAnswer.equals(RESOLVED) ? Observed.outcome("both-resolved")
                : Observed.detail("short name " + name + ": " + parity.describe(shortAnswer) + "; FQDN " + fqdn + ": "
                        + parity.describe(fqdnAnswer)), client.node());
    }

    @ParityTest("NET-16b")
    @DisplayName("a Service's partially qualified name <service>.<namespace> resolves only where a DNS search list applies")
    @Severity(SeverityLevel.NORMAL)
    void partiallyQualifiedServiceName(Side side, Workloads workloads, @ClassScoped Workloads shared, InPod inPod,
                                       Placement placement, NodeInventory nodes, ParityCheck parity) {
        Service service = anyServer(shared, placement, nodes).service();
        RunningPod client = client(side, workloads);

        Observed answer = resolution(inPod, client, service.getMetadata().getName() + "." + workloads.namespace(), service);

        parity.verify(answer, client.node());
    }

    /** What one name's resolution showed: outcome keys of both NET-16 rows. */
    private static final Observed RESOLVED = Observed.outcome("resolved");
    private static final Observed NOT_RESOLVED = Observed.outcome("not-resolved");

    /** What resolving a name showed: the Service's ClusterIP, another address, no such name, or no answer. */
    private static Observed resolution(InPod inPod, RunningPod client, String name, Service service) {
        String clusterIp = service.getSpec().getClusterIP();
        ExecResult result = inPod.resolveUntilAnswered(client, "client", name);
        var addresses = result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (addresses.contains(clusterIp)) {
            return RESOLVED;
        }
        if (CommandLines.nameDoesNotExist(client.os(), result)) {
            return NOT_RESOLVED;
        }
        return Observed.detail(addresses.isEmpty() ? "no answer from the resolver: " + result.reason()
                : "resolved to " + String.join(",", addresses) + " instead of " + clusterIp);
    }

    private static ExecResult connect(InPod inPod, RunningPod client, String host, int port) {
        return inPod.untilSucceeds("connecting from " + client + " to " + host + ":" + port,
                () -> inPod.connect(client, "client", host, port));
    }

    /**
     * A first connection through a Service (ClusterIP or NodePort): every node's proxy must program the
     * Service before it answers, so it gets upstream's new-Service budget ({@link
     * io.winnode.e2e.framework.wait.Timeouts#serviceResponding()}), not the endpoint-change one.
     */
    private static ExecResult connectToService(InPod inPod, Workloads workloads, RunningPod client, String host, int port) {
        return Waits.lastSeen("connecting from " + client + " to " + host + ":" + port, workloads.timeouts().serviceResponding(),
                () -> inPod.connect(client, "client", host, port), ExecResult::succeeded);
    }

    /**
     * agnhost connect (test/images/agnhost/connect/connect.go) exits 1 and prints {@code TIMEOUT},
     * {@code REFUSED}, {@code DNS: <err>} or {@code OTHER: <err>} when it fails; on Windows a refused
     * connection is {@code OTHER: ... actively refused it.}, since Go's ECONNREFUSED never matches
     * WSAECONNREFUSED (golang/go#45621). The outcome quotes that line as it is.
     */
    private static Observed connectionOutcome(ExecResult result) {
        return result.succeeded() ? Observed.outcome("connects") : Observed.detail(attempt(result));
    }

    /** One connection attempt, for a failure detail: {@code answered}, or agnhost's failure line. */
    private static String attempt(ExecResult result) {
        return result.succeeded() ? "answered" : "not connected: " + result.reason();
    }

    private static RunningPod client(Side side, Workloads workloads) {
        String name = "client-" + side.slug();
        workloads.deploy("networking/client.yaml", side, Map.of("NAME", name));
        return workloads.running(name, side);
    }

    /** A Linux client pod shared by the class, for checks whose side is the server's. */
    private RunningPod sharedLinuxClient(Workloads shared) {
        if (sharedLinuxClient == null) {
            shared.deploy("networking/client.yaml", Side.linux(), Map.of("NAME", "shared-client-linux"));
            sharedLinuxClient = shared.running("shared-client-linux", Side.linux());
        }
        return sharedLinuxClient;
    }

    private RunningPod sharedLinuxClient;

    /**
     * The nodes to enter a NodePort through: one Linux node and one node of every Windows build. NodePort
     * defects are per node and build (windows-parity D-23: NodePort failures on WS2022 only), so a
     * cluster with WS2019 and WS2022 nodes must be entered through both.
     */
    static java.util.List<io.winnode.e2e.framework.nodes.ClusterNode> entryNodes(Placement placement, NodeInventory nodes) {
        var entries = new java.util.ArrayList<io.winnode.e2e.framework.nodes.ClusterNode>();
        placement.candidateNodes(Side.linux()).stream().findFirst().ifPresent(entries::add);
        for (var build : nodes.windowsBuilds()) {
            placement.candidateNodes(Side.windows(build)).stream().findFirst().ifPresent(entries::add);
        }
        return entries;
    }

    /** A Windows client talks to a server of its own build; a Linux client to the oldest build present. */
    private static Side windowsServerSideFor(Side client, NodeInventory nodes) {
        if (client.isWindows()) {
            return client;
        }
        var builds = nodes.windowsBuilds();
        Assumptions.assumeFalse(builds.isEmpty(), "the cluster has no schedulable Windows node to run a server on");
        return Side.windows(builds.get(0));
    }

    /** Three Linux serve-hostname backends behind a ClientIP-affinity Service, shared by the class. */
    private Service affinityService(Workloads shared, Placement placement) {
        placement.unavailableReason(Side.linux()).ifPresent(reason -> Assumptions.abort("no Linux backends: " + reason));
        if (affinityService == null) {
            shared.deploy("networking/affinity-servers.yaml", Side.linux(), Map.of("NAME", "affinity"));
            shared.runningReplicas("affinity", 3, Side.linux());
            affinityService = shared.serviceWithReadyEndpoints("affinity", 3);
        }
        return affinityService;
    }

    private Service affinityService;

    /** DNS checks need a Service, not a particular OS behind it: reuse any server, else start a Linux one. */
    private Server anyServer(Workloads shared, Placement placement, NodeInventory nodes) {
        Optional<Server> existing = servers.values().stream().findFirst();
        return existing.orElseGet(() -> server(placement.unavailableReason(Side.linux()).isEmpty() ? Side.linux()
                : windowsServerSideFor(Side.linux(), nodes), shared, placement));
    }

    private Server server(Side side, Workloads shared, Placement placement) {
        placement.unavailableReason(side).ifPresent(reason ->
                Assumptions.abort("no " + side.label() + " server can run: " + reason));
        return servers.computeIfAbsent(side, s -> {
            String name = "server-" + s.slug();
            shared.deploy("networking/server.yaml", s, Map.of("NAME", name));
            RunningPod pod = shared.running(name, s);
            return new Server(pod, shared.serviceWithReadyEndpoints(name, 1));
        });
    }
}
