package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.container.ContainerEnvironment;
import io.winnode.e2e.simulator.container.ContainerFilesystem;
import io.winnode.e2e.simulator.container.ImageProfile;
import io.winnode.e2e.simulator.container.NetworkAccess;

import java.time.Duration;

/** A container's environment for running its process or an exec: the sandbox's network and the container's files and user. */
final class SandboxEnvironment implements ContainerEnvironment {

    private final PodSandbox sandbox;
    private final ContainerInstance container;
    private final Latencies latencies;

    SandboxEnvironment(PodSandbox sandbox, ContainerInstance container, Latencies latencies) {
        this.sandbox = sandbox;
        this.container = container;
        this.latencies = latencies;
    }

    @Override
    public OsFamily os() {
        return sandbox.os;
    }

    @Override
    public ImageProfile image() {
        return container.image;
    }

    @Override
    public ContainerFilesystem filesystem() {
        return container.filesystem;
    }

    @Override
    public String hostname() {
        return sandbox.hostname();
    }

    /**
     * Windows: container {@code windowsOptions.runAsUserName} over the pod's over the image default
     * (parity SEC-04/SEC-05). Linux: {@code runAsUser} (container over pod), 0 = root, 65534 = nobody.
     */
    @Override
    public String userName() {
        Pod pod = sandbox.pod;
        Container c = container.spec;
        SecurityContext sc = c.getSecurityContext();
        PodSecurityContext psc = pod.getSpec().getSecurityContext();
        if (sandbox.os == OsFamily.WINDOWS) {
            if (sc != null && sc.getWindowsOptions() != null && sc.getWindowsOptions().getRunAsUserName() != null) {
                return sc.getWindowsOptions().getRunAsUserName();
            }
            if (psc != null && psc.getWindowsOptions() != null && psc.getWindowsOptions().getRunAsUserName() != null) {
                return psc.getWindowsOptions().getRunAsUserName();
            }
            return container.image.defaultUser();
        }
        Long uid = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : psc != null ? psc.getRunAsUser() : null;
        if (uid == null) {
            return container.image.defaultUser();
        }
        return uid == 0 ? "root" : uid == 65534 ? "nobody" : String.valueOf(uid);
    }

    @Override
    public NetworkAccess network() {
        return sandbox.network;
    }

    @Override
    public void pause(Duration realDuration) {
        try {
            Thread.sleep(latencies.scaled(realDuration).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
