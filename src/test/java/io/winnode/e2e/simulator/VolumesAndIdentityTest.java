package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.exec.CommandLines;
import io.winnode.e2e.framework.exec.ExecResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static io.winnode.e2e.foundation.os.OsFamily.LINUX;
import static io.winnode.e2e.foundation.os.OsFamily.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;

/** Volumes (parity STO-01, STO-03, STO-04, STO-06) and container identity (SEC-04, SEC-05) on both OSes. */
class VolumesAndIdentityTest extends SimulatorTestSupport {

    static String ns;

    @BeforeAll
    static void start() {
        startCluster();
        ns = namespace("vol");
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                .addToData("greeting", "hello from a configmap").build()).create();
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                .addToData("password", Base64.getEncoder().encodeToString("s3cret".getBytes())).build()).create();
        for (OsFamily os : OsFamily.values()) {
            create(volumePod(os));
        }
        for (OsFamily os : OsFamily.values()) {
            waitRunningReady(ns, name(os));
        }
    }

    @AfterAll
    static void stop() {
        stopCluster();
    }

    static String name(OsFamily os) {
        return "vol-" + os.label();
    }

    static String path(OsFamily os, String volume) {
        return CommandLines.volumePath(os, volume);
    }

    /** A writer and a reader container sharing an emptyDir; the reader mounts it read-only; plus configMap and secret. */
    static Pod volumePod(OsFamily os) {
        Container writer = new ContainerBuilder().withName("writer").withImage(AGNHOST).withArgs("pause")
                .addNewVolumeMount().withName("shared").withMountPath(path(os, "shared")).endVolumeMount()
                .addNewVolumeMount().withName("settings").withMountPath(path(os, "settings")).endVolumeMount()
                .addNewVolumeMount().withName("creds").withMountPath(path(os, "creds")).endVolumeMount()
                .build();
        Container reader = new ContainerBuilder().withName("reader").withImage(AGNHOST).withArgs("pause")
                .addNewVolumeMount().withName("shared").withMountPath(path(os, "shared")).withReadOnly(true).endVolumeMount()
                .build();
        if (os == WINDOWS) {
            reader.setSecurityContext(new io.fabric8.kubernetes.api.model.SecurityContextBuilder().withNewWindowsOptions()
                    .withRunAsUserName("ContainerUser").endWindowsOptions().build());
        }
        return podFor(os, ns, name(os), writer, reader).editSpec()
                .addNewVolume().withName("shared").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("settings").withNewConfigMap().withName("settings").endConfigMap().endVolume()
                .addNewVolume().withName("creds").withNewSecret().withSecretName("creds").endSecret().endVolume()
                .endSpec().build();
    }

    static ExecResult run(OsFamily os, String container, List<String> command) {
        return exec(ns, name(os), container, command);
    }

    @Test
    void emptyDirIsSharedBetweenContainersAndReadOnlyMountsRefuseWritesWithEachOsMessage() {
        for (OsFamily os : OsFamily.values()) {
            String file = CommandLines.join(os, path(os, "shared"), "data.txt");
            assertThat(run(os, "writer", CommandLines.writeFile(os, file, "shared-content")).exitCode()).isZero();
            String expected = os == WINDOWS ? "shared-content\r\n" : "shared-content\n";
            assertThat(run(os, "reader", CommandLines.readFile(os, file)).stdout()).isEqualTo(expected);
            assertThat(run(os, "reader", CommandLines.listDirectory(os, path(os, "shared"))).stdout().lines().toList())
                    .contains("data.txt");
            ExecResult refused = run(os, "reader", CommandLines.writeFile(os, CommandLines.join(os, path(os, "shared"), "x.txt"), "nope"));
            assertThat(refused.exitCode()).as(os.name()).isEqualTo(1);
            if (os == WINDOWS) {
                assertThat(refused.stderr().strip()).isEqualTo("Access is denied.");
            } else {
                assertThat(refused.stderr().strip()).isEqualTo("sh: can't create /shared/x.txt: Read-only file system");
            }
        }
    }

    @Test
    void configMapAndSecretKeysAreFilesWithDecodedSecretValues() {
        for (OsFamily os : OsFamily.values()) {
            assertThat(run(os, "writer", CommandLines.readFile(os, CommandLines.join(os, path(os, "settings"), "greeting"))).stdout())
                    .isEqualTo("hello from a configmap");
            assertThat(run(os, "writer", CommandLines.readFile(os, CommandLines.join(os, path(os, "creds"), "password"))).stdout())
                    .isEqualTo("s3cret");
        }
    }

    @Test
    void windowsPathsAreCaseInsensitiveAndAcceptBothSeparators() {
        run(WINDOWS, "writer", CommandLines.writeFile(WINDOWS, "C:\\shared\\Mixed.txt", "abc"));
        assertThat(run(WINDOWS, "writer", CommandLines.readFile(WINDOWS, "c:/SHARED/mixed.TXT")).stdout()).isEqualTo("abc\r\n");
    }

    @Test
    void windowsUserComesFromRunAsUserNameOrTheImageDefault() {
        // The Windows e2e images run as ContainerAdministrator (test/images/busybox/Dockerfile_windows: USER).
        assertThat(run(WINDOWS, "writer", CommandLines.whoAmI(WINDOWS)).stdout().strip()).isEqualTo("ContainerAdministrator");
        assertThat(run(WINDOWS, "reader", CommandLines.whoAmI(WINDOWS)).stdout().strip()).isEqualTo("ContainerUser");
        assertThat(run(LINUX, "writer", CommandLines.whoAmI(LINUX)).stdout().strip()).isEqualTo("root");
    }

    @Test
    void aWindowsE2eImageRunsAsContainerAdministratorSoRunAsNonRootRejectsIt() {
        // test/images/busybox/Dockerfile_windows: USER ContainerAdministrator, which the kubelet regards as
        // root identity for runAsNonRoot (kubernetes/kubernetes#92355); ContainerUser passes.
        create(podFor(WINDOWS, ns, "nonroot-default", new ContainerBuilder().withName("c").withImage(AGNHOST).withArgs("pause")
                .withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext().build()).build());
        create(podFor(WINDOWS, ns, "nonroot-user", new ContainerBuilder().withName("c").withImage(AGNHOST).withArgs("pause")
                .withNewSecurityContext().withRunAsNonRoot(true).withNewWindowsOptions().withRunAsUserName("ContainerUser")
                .endWindowsOptions().endSecurityContext().build()).build());
        Pod refused = waitFor(ns, "nonroot-default", p -> p.getStatus().getContainerStatuses() != null
                && p.getStatus().getContainerStatuses().stream().anyMatch(c -> c.getState().getWaiting() != null
                && "CreateContainerConfigError".equals(c.getState().getWaiting().getReason())));
        assertThat(refused.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
                .contains("ContainerAdministrator").contains("regarded as root identity");
        waitRunningReady(ns, "nonroot-user");
    }

    @Test
    void hostPathIsTheNodesOwnFilesystem() {
        String writer = hostPathPod("host-writer", "linux-worker-1");
        String sameNode = hostPathPod("host-reader", "linux-worker-1");
        String otherNode = hostPathPod("host-other", "linux-worker-2");
        assertThat(exec(ns, writer, "c", CommandLines.writeFile(LINUX, "/host/marker", "from-worker-1")).exitCode()).isZero();
        assertThat(exec(ns, sameNode, "c", CommandLines.readFile(LINUX, "/host/marker")).stdout()).isEqualTo("from-worker-1\n");
        assertThat(exec(ns, otherNode, "c", CommandLines.readFile(LINUX, "/host/marker")).exitCode()).isEqualTo(1);
    }

    private static String hostPathPod(String name, String node) {
        create(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage(AGNHOST).withArgs("pause")
                .addNewVolumeMount().withName("host").withMountPath("/host").endVolumeMount().endContainer()
                .addNewVolume().withName("host").withNewHostPath().withPath("/tmp/simulated").withType("DirectoryOrCreate").endHostPath()
                .endVolume().endSpec().build());
        waitRunningReady(ns, name);
        return name;
    }

    @Test
    void imagesMatchTheCatalogWhateverTheRegistrySoMirrorsWork() {
        create(podFor(WINDOWS, ns, "mirrored", container("c", "mirror.example.test:5000/e2e/agnhost:2.62", "pause")).build());
        Pod pod = waitRunningReady(ns, "mirrored");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getImage()).isEqualTo("mirror.example.test:5000/e2e/agnhost:2.62");
        create(podFor(LINUX, ns, "unknown-image", container("c", "registry.example.test/nothing:1.0")).build());
        Pod failing = waitFor(ns, "unknown-image", p -> p.getStatus().getContainerStatuses() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
                && p.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage() != null);
        assertThat(failing.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
                .endsWith("registry.example.test/nothing:1.0: not found");
    }

    @Test
    void pauseImageHasNoShell() {
        create(podFor(LINUX, ns, "bare-pause", container("p", "registry.k8s.io/pause:3.10.2")).build());
        waitRunningReady(ns, "bare-pause");
        ExecResult r = exec(ns, "bare-pause", "p", List.of("sh", "-c", "echo hi"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("exec: \"sh\": executable file not found in $PATH");
    }
}
