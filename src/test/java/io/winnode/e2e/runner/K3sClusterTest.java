package io.winnode.e2e.runner;

import io.winnode.e2e.framework.cluster.ClusterKind;
import io.winnode.e2e.framework.cluster.ClusterTarget;
import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import io.winnode.e2e.runner.cluster.K3sClusterLauncher;
import io.winnode.e2e.runner.results.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --cluster k3s}: a throwaway K3s cluster in Docker. Starting one needs a Docker engine, so
 * one test runs only with an engine and one only without; the rest hold either way.
 */
class K3sClusterTest {

    @TempDir
    Path tmp;

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @Test
    @EnabledIf("dockerAvailable")
    void k3sStartsALinuxOnlyClusterThatTheBannerNamesK3s() {
        Invocation nodes = Invocation.of("nodes", "--cluster", "k3s");

        assertThat(nodes.exitCode()).as(nodes.err()).isZero();
        assertThat(nodes.out()).contains("Cluster:     K3S").contains("Linux nodes only")
                .contains("Kubernetes:  v1.31.4+k3s1");
        assertThat(nodes.outLines()).anyMatch(line -> line.matches("\\S+\\s+linux\\s+.*Ready.*"))
                .noneMatch(line -> line.matches("\\S+\\s+windows\\s+.*"));
    }

    @Test
    @DisabledIf("dockerAvailable")
    void withoutADockerEngineARunStopsWithExitThreeWithinSeconds() {
        Invocation run = Invocation.of("run", "--cluster", "k3s", "--artifacts", tmp.resolve("artifacts").toString(),
                "--allure-results", tmp.resolve("allure").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CLUSTER_UNUSABLE);
        assertThat(run.err()).contains("no Docker engine reachable: --cluster k3s needs Docker")
                .contains("use --cluster simulated or --kubeconfig");
        assertThat(run.out()).doesNotContain("Summary:");
        // Test discovery comes first; the Docker probe itself takes well under a second without an engine.
        assertThat(run.took()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void theDockerCheckRefusesOnlyWithoutAnEngine() {
        assertThatThrownBy(() -> K3sClusterLauncher.requireDocker(() -> false))
                .isInstanceOf(ClusterUnreachableException.class)
                .hasMessageStartingWith("no Docker engine reachable: --cluster k3s needs Docker");
        assertThatCode(() -> K3sClusterLauncher.requireDocker(() -> true)).doesNotThrowAnyException();
    }

    @Test
    void k3sStartsItsOwnClusterSoAKubeconfigOrTopologyIsBadInput() {
        Invocation withKubeconfig = Invocation.of("nodes", "--cluster", "k3s", "--kubeconfig", tmp.resolve("kc").toString());
        Invocation withTopology = Invocation.of("nodes", "--cluster", "k3s", "--sim-topology", tmp.resolve("t.yaml").toString());

        assertThat(withKubeconfig.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(withKubeconfig.err()).contains("cannot be combined with --cluster k3s");
        assertThat(withTopology.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(withTopology.err()).contains("--sim-topology only applies to --cluster simulated");
    }

    @Test
    void faultsStayWithTheSimulator() {
        Invocation run = Invocation.of("run", "--cluster", "k3s", "--faults", "D-22");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--faults only applies to --cluster simulated");
    }

    @Test
    void theK3sKindReachesTheScenariosSoNoOutputCallsTheRunReal() {
        var target = new ClusterTarget(Optional.of(tmp.resolve("kubeconfig")), Optional.empty(), ClusterKind.K3S);

        var params = target.asConfigurationParameters();

        assertThat(params).containsEntry(ClusterTarget.PARAM_KIND, "k3s");
        assertThat(ClusterTarget.fromParameters(name -> Optional.ofNullable(params.get(name))).kind())
                .isEqualTo(ClusterKind.K3S);
    }
}
