package io.winnode.e2e.runner.cluster;

import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Starts and stops a throwaway K3s cluster in Docker (Testcontainers) for {@code --cluster k3s}:
 * real Kubernetes on the developer's machine, with Linux nodes only. Like the simulator it is
 * reached only through the kubeconfig it writes, the code path of every other cluster.
 */
public final class K3sClusterLauncher implements LocalCluster {

    /** Pinned, so that runs on different machines and days meet the same Kubernetes. */
    static final DockerImageName IMAGE = DockerImageName.parse("rancher/k3s:v1.31.4-k3s1");

    private final K3sContainer container;
    private final Path kubeconfig;

    private K3sClusterLauncher(K3sContainer container, Path kubeconfig) {
        this.container = container;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts K3s and writes its kubeconfig into {@code kubeconfigDirectory}.
     *
     * @throws ClusterUnreachableException when no Docker engine answers or K3s does not come up
     */
    static K3sClusterLauncher start(Path kubeconfigDirectory) {
        requireDocker(DockerClientFactory.instance()::isDockerAvailable);
        // On stderr: stdout carries the command's own output, and the first start pulls the image for minutes.
        System.err.println("winnode: starting K3s (" + IMAGE.asCanonicalNameString() + ") in Docker ...");
        K3sContainer container = new K3sContainer(IMAGE);
        try {
            container.start();
            Path file = kubeconfigDirectory.resolve("k3s-kubeconfig.yaml");
            Files.writeString(file, container.getKubeConfigYaml());
            return new K3sClusterLauncher(container, file);
        } catch (IOException e) {
            stopQuietly(container);
            throw new UncheckedIOException("Cannot write the K3s cluster's kubeconfig into " + kubeconfigDirectory, e);
        } catch (RuntimeException e) {
            stopQuietly(container);
            throw new ClusterUnreachableException("K3s (" + IMAGE.asCanonicalNameString() + ") did not start in Docker: "
                    + e.getMessage() + ". Check that Docker can pull the image and run privileged containers "
                    + "(docker run --privileged), or use --cluster simulated or --kubeconfig.", e);
        }
    }

    /**
     * Fails fast, before any container work, when no Docker engine answers. Testcontainers' probe
     * takes well under a second where there is none (no socket, no DOCKER_HOST).
     */
    public static void requireDocker(BooleanSupplier dockerAvailable) {
        if (!dockerAvailable.getAsBoolean()) {
            throw new ClusterUnreachableException("no Docker engine reachable: --cluster k3s needs Docker to start "
                    + "a throwaway K3s cluster (Testcontainers looked at DOCKER_HOST, ~/.testcontainers.properties "
                    + "and /var/run/docker.sock). Start Docker, or use --cluster simulated or --kubeconfig.");
        }
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        stopQuietly(container);
    }

    private static void stopQuietly(K3sContainer container) {
        try {
            container.stop();
        } catch (RuntimeException e) {
            System.err.println("winnode: stopping the K3s container failed: " + e
                    + ". Testcontainers' reaper removes it when this process exits; else docker rm -f it.");
        }
    }
}
