package io.winnode.e2e.framework.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.winnode.e2e.framework.nodes.NodeInventory;

/**
 * A connected cluster: the client, what kind of cluster it is, its version and its nodes.
 * One per run; closing it closes the client.
 */
public final class Cluster implements AutoCloseable {

    private final KubernetesClient client;
    private final ClusterTarget target;
    private final VersionInfo version;
    private final NodeInventory nodes;

    Cluster(KubernetesClient client, ClusterTarget target, VersionInfo version, NodeInventory nodes) {
        this.client = client;
        this.target = target;
        this.version = version;
        this.nodes = nodes;
    }

    public KubernetesClient client() {
        return client;
    }

    public ClusterKind kind() {
        return target.kind();
    }

    public ClusterTarget target() {
        return target;
    }

    public String kubernetesVersion() {
        return version.getGitVersion();
    }

    public String apiServerUrl() {
        return client.getMasterUrl().toString();
    }

    public NodeInventory nodes() {
        return nodes;
    }

    @Override
    public void close() {
        client.close();
    }
}
