package io.winnode.e2e.simulator.controlplane;

import java.nio.file.Path;

/**
 * What the simulated nodes and their installer need of a running control plane: where its API
 * server is, which release it runs, each identity's kubeconfig, each kubelet's serving
 * certificate, and where the API server expects the proxy that reaches the nodes. Either the
 * {@link ControlPlane} this process started, or one another process started and shares
 * ({@link SharedControlPlane}).
 */
public interface ControlPlaneEndpoint {

    /** {@code https://127.0.0.1:<port>}. */
    String apiServerUrl();

    /** The Kubernetes release, as {@code GET /version} reports it. */
    String gitVersion();

    /**
     * A self-contained kubeconfig for {@code identity}: {@code "admin"} (kubernetes-admin, group
     * system:masters), {@code "kube-proxy"} (system:kube-proxy) or a node name (system:node:NAME).
     */
    String kubeconfigYaml(String identity);

    /** PEM serving certificate for the simulated kubelet of {@code node}. */
    Path kubeletServingCert(String node);

    /** PKCS#8 PEM private key of {@link #kubeletServingCert}. */
    Path kubeletServingKey(String node);

    /** The cluster's PKI (the API-server proxy serves and forwards with it). */
    ClusterCertificates certificates();

    /** The Unix socket where the API server expects the nodes' HTTP CONNECT proxy; null if it dials nodes directly. */
    Path kubeletEgressSocket();
}
