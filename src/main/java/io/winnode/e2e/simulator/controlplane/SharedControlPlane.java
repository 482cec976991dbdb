package io.winnode.e2e.simulator.controlplane;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A control plane another process started and keeps running (a {@link ControlPlane} writes its endpoint when ready),
 * reached through the files it left in its working directory: {@code endpoint.properties} and the
 * PKI. Several simulated clusters can take turns on one control plane, each registering its nodes
 * anew, as a real cluster sees nodes replaced; the fault proof does this so that each of its runs
 * does not pay for starting etcd and the API server.
 */
public final class SharedControlPlane implements ControlPlaneEndpoint {

    static final String ENDPOINT_FILE = "endpoint.properties";

    private final String apiServerUrl;
    private final String gitVersion;
    private final Path egressSocket;
    private final ClusterCertificates certificates;
    private final List<String> nodeNames;

    private SharedControlPlane(String apiServerUrl, String gitVersion, Path egressSocket, ClusterCertificates certificates,
                               List<String> nodeNames) {
        this.apiServerUrl = apiServerUrl;
        this.gitVersion = gitVersion;
        this.egressSocket = egressSocket;
        this.certificates = certificates;
        this.nodeNames = List.copyOf(nodeNames);
    }

    /** Opens the control plane whose working directory is {@code directory}, for nodes named {@code nodeNames}. */
    public static SharedControlPlane open(Path directory, List<String> nodeNames) {
        Path file = directory.resolve(ENDPOINT_FILE);
        Properties endpoint = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            endpoint.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("No shared control plane at " + directory + " (cannot read " + file + ")", e);
        }
        String egress = endpoint.getProperty("kubeletEgressSocket", "");
        return new SharedControlPlane(endpoint.getProperty("apiServerUrl"), endpoint.getProperty("gitVersion"),
                egress.isEmpty() ? null : Path.of(egress), ClusterCertificates.load(directory.resolve("pki"), nodeNames),
                nodeNames);
    }

    @Override
    public String apiServerUrl() {
        return apiServerUrl;
    }

    @Override
    public String gitVersion() {
        return gitVersion;
    }

    @Override
    public String kubeconfigYaml(String identity) {
        String cn = ClusterCertificates.commonNameOf(identity, nodeNames);
        return Kubeconfig.yaml(apiServerUrl, certificates.caCertificate(), certificates.client(cn), cn);
    }

    @Override
    public Path kubeletServingCert(String node) {
        return certificates.kubeletServing(node).certificate();
    }

    @Override
    public Path kubeletServingKey(String node) {
        return certificates.kubeletServing(node).privateKey();
    }

    @Override
    public ClusterCertificates certificates() {
        return certificates;
    }

    @Override
    public Path kubeletEgressSocket() {
        return egressSocket;
    }
}
