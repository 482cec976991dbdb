package io.winnode.e2e.simulator.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.winnode.e2e.simulator.kubelet.EventRecorder;
import io.winnode.e2e.simulator.kubelet.Kubelet;
import io.winnode.e2e.simulator.kubelet.KubeletDns;
import io.winnode.e2e.simulator.kubelet.KubeletServer;
import io.winnode.e2e.simulator.topology.NodeFactory;
import io.winnode.e2e.simulator.topology.TopologyNode;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated node as the control plane sees it, in the order a kubelet starts: its kubelet API
 * server comes up (reachable through the tunnel at the node's InternalIP and port 10250), it
 * registers its Node, starts renewing its Lease, waits
 * for kube-controller-manager's node IPAM to assign its pod CIDR, then runs the pods the scheduler
 * binds to it. Every API call is made as the node ({@code system:node:NAME}), so the Node authorizer
 * and the NodeRestriction admission plugin judge it as they judge a real kubelet.
 */
final class NodeAgent implements AutoCloseable {

    private static final Duration POD_CIDR_WAIT = Duration.ofSeconds(60);

    private final String name;
    private final KubernetesClient client;
    private final KubeletServer server;
    private final SharedIndexInformer<Node> self;
    private final SharedIndexInformer<Pod> pods;
    private final ScheduledFuture<?> lease;
    private final ScheduledFuture<?> sync;

    private NodeAgent(String name, KubernetesClient client, KubeletServer server, SharedIndexInformer<Node> self,
                      SharedIndexInformer<Pod> pods, ScheduledFuture<?> lease, ScheduledFuture<?> sync) {
        this.name = name;
        this.client = client;
        this.server = server;
        this.self = self;
        this.pods = pods;
        this.lease = lease;
        this.sync = sync;
    }

    static NodeAgent start(TopologyNode spec, NodeCredentials credentials, NodeRuntime runtime) {
        String name = spec.name();
        KubernetesClient client = credentials.clientFor(name);
        SharedIndexInformer<Node> self = null;
        KubeletServer server = null;
        try {
            // The informer on its own Node serves the kubelet API's node-scoped answers (configz, stats).
            SharedIndexInformer<Node>[] selfRef = new SharedIndexInformer[1];
            server = KubeletServer.start(runtime.vertx(), name, () -> selfRef[0] == null ? null
                            : selfRef[0].getStore().getByKey(name), runtime.registry(), runtime.latencies(),
                    runtime.processes(), runtime.faults(), runtime.loops(), credentials.servingCert(name),
                    credentials.servingKey(name), new KubeletDns(runtime.dns().domain(), runtime.clusterDnsIp()));
            runtime.tunnel().route(spec.internalIP(), server.port());
            Node registered = register(client, NodeFactory.build(spec, KubeletTunnel.KUBELET_PORT, runtime.kubeletVersion()));
            NodeLease nodeLease = new NodeLease(client, registered);
            nodeLease.renew();
            ScheduledFuture<?> lease = runtime.loops().scheduleWithFixedDelay(nodeLease::renew,
                    NodeLease.RENEW_INTERVAL.toMillis(), NodeLease.RENEW_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            self = client.nodes().withField("metadata.name", name).inform();
            selfRef[0] = self;
            Node withCidr = awaitPodCidr(self, name);
            SharedIndexInformer<Pod> pods = client.pods().inAnyNamespace().withField("spec.nodeName", name).inform();
            Kubelet kubelet = new Kubelet(withCidr, spec.hostName(), new Kubelet.Dependencies(client, pods, new EventRecorder(client),
                    runtime.puller(), runtime.latencies(), runtime.registry(), runtime.network(), runtime.dns(),
                    runtime.clusterDnsIp(), runtime.processes(), runtime.faults()));
            long period = runtime.latencies().syncPeriod().toMillis();
            ScheduledFuture<?> sync = runtime.loops().scheduleWithFixedDelay(() -> runtime.runSafely(kubelet.name(),
                    kubelet::reconcile), 0, period, TimeUnit.MILLISECONDS);
            return new NodeAgent(name, client, server, self, pods, lease, sync);
        } catch (RuntimeException e) {
            if (self != null) {
                self.close();
            }
            if (server != null) {
                server.close();
            }
            client.close();
            throw e;
        }
    }

    /** Creates the Node; a Node left by an earlier start of the same node is taken over, as a restarted kubelet does. */
    private static Node register(KubernetesClient client, Node node) {
        try {
            return client.nodes().resource(node).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw new IllegalStateException("Simulated node " + node.getMetadata().getName()
                        + " could not register its Node: " + e.getMessage(), e);
            }
            Node existing = client.nodes().withName(node.getMetadata().getName()).get();
            node.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            node.setSpec(existing.getSpec());
            client.nodes().resource(node).updateStatus();
            return client.nodes().withName(node.getMetadata().getName()).get();
        }
    }

    private static Node awaitPodCidr(SharedIndexInformer<Node> self, String name) {
        Instant deadline = Instant.now().plus(POD_CIDR_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Node node = self.getStore().getByKey(name);
            if (node != null && node.getSpec().getPodCIDR() != null) {
                return node;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Simulated node " + name + " got no pod CIDR from kube-controller-manager's node IPAM within "
                + POD_CIDR_WAIT.toSeconds() + " s (is the controller-manager running with --allocate-node-cidrs?)");
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        sync.cancel(false);
        lease.cancel(false);
        pods.close();
        self.close();
        server.close();
        client.close();
    }
}
