package io.winnode.e2e.simulator.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.winnode.e2e.simulator.controlplane.ControlPlaneBinaries.Component;

/** Resolution of the control-plane programs, without building or starting anything. */
class ControlPlaneBinariesTest {

    @TempDir
    Path dir;

    private Path fakeModule(String kubernetesVersion) throws Exception {
        Path module = Files.createDirectories(dir.resolve("repo").resolve("controlplane"));
        Files.writeString(module.resolve("go.mod"), "module example.com/cp\n\ngo 1.26.0\n\nrequire (\n"
                + "\tgithub.com/spf13/cobra v1.10.2\n\tk8s.io/kubernetes " + kubernetesVersion + "\n)\n\n"
                + "replace k8s.io/api => k8s.io/api v0.37.2\n");
        Files.writeString(module.resolve("go.sum"), "");
        Files.writeString(module.resolve("main.go"), "package main\n\nfunc main() {}\n");
        return module;
    }

    @Test
    void releaseComesFromGoModAndCachePathFromContent() throws Exception {
        Path module = fakeModule("v1.37.2");
        Map<String, String> env = Map.of("WINNODE_CACHE_DIR", dir.resolve("cache").toString(), "PATH", "");
        ControlPlaneBuild build = ControlPlaneBuild.of(module, env);
        assertThat(build.release()).isEqualTo("v1.37.2");
        assertThat(build.binary().getParent().getParent()).isEqualTo(dir.resolve("cache").resolve("controlplane"));
        assertThat(build.binary().getParent().getFileName().toString()).matches("v1\\.37\\.2-[0-9a-f]{12}");
        assertThat(String.join(" ", build.buildCommand(Path.of("/out"))))
                .contains("-X k8s.io/component-base/version.gitVersion=v1.37.2")
                .contains("-X k8s.io/component-base/version.gitMajor=1 ")
                .contains("-X k8s.io/component-base/version.gitMinor=37 ")
                .contains("-X k8s.io/client-go/pkg/version.gitVersion=v1.37.2")
                .contains("-trimpath");

        String before = ControlPlaneBuild.contentHash(module);
        Files.writeString(module.resolve("extra.go"), "package main\n");
        assertThat(ControlPlaneBuild.contentHash(module)).as("a new *.go file changes the hash").isNotEqualTo(before);
        Files.writeString(module.resolve("README.md"), "not hashed");
        String withGo = ControlPlaneBuild.contentHash(module);
        assertThat(ControlPlaneBuild.contentHash(module)).isEqualTo(withGo);

        assertThat(ControlPlaneBuild.of(fakeModule("v1.38.0"), env).release()).isEqualTo("v1.38.0");
    }

    @Test
    void cacheRootFollowsTheEnvironment() {
        assertThat(ControlPlaneBuild.cacheRoot(Map.of("WINNODE_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x"))).isEqualTo(Path.of("/c"));
        assertThat(ControlPlaneBuild.cacheRoot(Map.of("XDG_CACHE_HOME", "/x"))).isEqualTo(Path.of("/x/winnode"));
        assertThat(ControlPlaneBuild.cacheRoot(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "winnode"));
    }

    @Test
    void withoutGoAndWithoutBinariesTheErrorNamesBothFixes() throws Exception {
        fakeModule("v1.37.2");
        Map<String, String> env = Map.of("WINNODE_CACHE_DIR", dir.resolve("cache").toString(), "PATH", dir.resolve("empty").toString());
        List<String> progress = new ArrayList<>();
        assertThatThrownBy(() -> ControlPlaneBinaries.resolve(env, dir.resolve("repo"), progress::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Install Go 1.26")
                .hasMessageContaining(ControlPlaneBinaries.BINARIES_DIR_ENV)
                .hasMessageContaining("v1.37.x");
    }

    @Test
    void officialBinariesDirectoryMustHoldAllFour() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("etcd"), "exit 0");
        script(bin.resolve("kube-apiserver"), "echo 'Kubernetes v1.37.5'");
        Map<String, String> env = Map.of(ControlPlaneBinaries.BINARIES_DIR_ENV, bin.toString());
        assertThatThrownBy(() -> ControlPlaneBinaries.resolve(env, dir, line -> { }))
                .hasMessageContaining(bin.resolve("kube-scheduler").toString())
                .hasMessageContaining(bin.resolve("kube-controller-manager").toString())
                .message().doesNotContain(bin.resolve("etcd").toString());

        script(bin.resolve("kube-scheduler"), "exit 0");
        script(bin.resolve("kube-controller-manager"), "exit 0");
        ControlPlaneBinaries official = ControlPlaneBinaries.resolve(env, dir, line -> { });
        assertThat(official.official()).isTrue();
        assertThat(official.gitVersion()).isEqualTo("v1.37.5");
        assertThat(official.command(Component.KUBE_SCHEDULER)).containsExactly(bin.resolve("kube-scheduler").toString());
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
