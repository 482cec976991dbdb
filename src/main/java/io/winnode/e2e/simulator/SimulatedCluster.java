package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.winnode.e2e.simulator.api.SimulatorDispatcher;
import io.winnode.e2e.simulator.controllers.ControllerManager;
import io.winnode.e2e.simulator.topology.Topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import io.winnode.e2e.simulator.faults.FaultFile;
import io.winnode.e2e.simulator.faults.FaultFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An embedded, simulated mixed Linux + Windows cluster, reachable only through its Kubernetes API
 * (plain HTTP on 127.0.0.1, random port). Behind the API: fabric8's CRUD mock server with the
 * admission a real API server performs ({@link SimulatorDispatcher}), and controllers, a scheduler
 * and one kubelet per topology node that talk to that API like the real components do.
 */
public final class SimulatedCluster implements AutoCloseable {

    public static final String NAME = "winnode-simulated";

    /**
     * MockWebServer logs every request at INFO through java.util.logging; controllers poll and
     * watch constantly, so keep it to warnings. Held strongly: JUL loggers are weakly referenced.
     */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private final SimulatorOptions options;
    private final KubernetesMockServer server;
    private final ControllerManager controllers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SimulatedCluster(SimulatorOptions options, KubernetesMockServer server, ControllerManager controllers) {
        this.options = options;
        this.server = server;
        this.controllers = controllers;
    }

    /** Starts the API server and every controller; returns once all nodes are registered Ready. */
    public static SimulatedCluster start(SimulatorOptions options) {
        Topology topology = Topology.load(options.topologyFile());
        // Read (and reject) fault files before anything starts: a malformed one is bad input.
        List<FaultFile> faults = FaultFiles.readAll(options.faultFiles());
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesCrudDispatcher crud = new io.winnode.e2e.simulator.api.WatchSafeCrudDispatcher();
        SimulatorDispatcher dispatcher = new SimulatorDispatcher(crud, expectations, options.seed(),
                options.latency() == LatencyProfile.REALISTIC);
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                expectations, dispatcher, false);
        server.setVersionInfo(new VersionInfo.Builder().withMajor(options.major()).withMinor(options.minor())
                .withGitVersion(options.gitVersion()).withGitCommit("0000000000000000000000000000000000000000")
                .withGitTreeState("clean").withGoVersion("go1.24.6").withCompiler("gc").withPlatform("linux/amd64")
                .build());
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot start the simulated API server: " + e.getMessage(), e);
        }
        String url = "http://127.0.0.1:" + server.getPort();
        ControllerManager controllers = new ControllerManager(options, topology, dispatcher, server, internalClient(url), url, faults);
        SimulatedCluster cluster = new SimulatedCluster(options, server, controllers);
        try {
            controllers.bootstrap();
            controllers.start();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static KubernetesClient internalClient(String url) {
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty()).withMasterUrl(url)
                .withOauthToken("simulator-internal").withNamespace("default")
                .withRequestTimeout(10_000).withConnectionTimeout(5_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public String masterUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public String kubeconfigYaml() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-user
                    namespace: default
                current-context: %1$s
                preferences: {}
                users:
                - name: %1$s-user
                  user:
                    token: simulated-cluster-dummy-token
                """.formatted(NAME, masterUrl());
    }

    public Path writeKubeconfig(Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("kubeconfig-" + NAME + ".yaml");
            Files.writeString(file, kubeconfigYaml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the kubeconfig to " + directory, e);
        }
    }

    public SimulatorOptions options() {
        return options;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            controllers.close();
            server.destroy();
        }
    }
}
