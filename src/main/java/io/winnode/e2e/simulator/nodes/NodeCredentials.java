package io.winnode.e2e.simulator.nodes;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;

/** What a simulated node is given by whoever set up the cluster: its client identity and its kubelet's serving certificate. */
public interface NodeCredentials {

    /** A client authenticated as {@code system:node:NAME} in group {@code system:nodes}. */
    KubernetesClient clientFor(String nodeName);

    /** PEM certificate of the node's kubelet HTTPS server. */
    Path servingCert(String nodeName);

    /** PEM (PKCS#8) private key of that certificate. */
    Path servingKey(String nodeName);
}
