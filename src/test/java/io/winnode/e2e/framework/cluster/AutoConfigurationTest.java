package io.winnode.e2e.framework.cluster;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.framework.cluster.AutoConfiguration.Source;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which source auto-configuration takes the cluster from, decided from an environment given in full. */
class AutoConfigurationTest {

    private static final Path HOME = Path.of("/home/tester");
    private static final Path HOME_KUBECONFIG = HOME.resolve(".kube/config");
    private static final Map<String, String> IN_A_POD = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1",
            "KUBERNETES_SERVICE_PORT", "443");

    private static AutoConfiguration detect(Map<String, String> environment, Set<Path> files) {
        return AutoConfiguration.detect(environment::get, HOME, files::contains);
    }

    @Test
    void aPodWithoutKubeconfigUsesItsServiceAccount() {
        AutoConfiguration auto = detect(IN_A_POD, Set.of(AutoConfiguration.SERVICE_ACCOUNT_TOKEN));

        assertThat(auto.source()).isEqualTo(Source.SERVICE_ACCOUNT);
        assertThat(auto.description()).contains("in-cluster service account").contains("10.96.0.1:443");
        assertThatCode(() -> auto.requireUsable(Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void aKubeconfigWinsOverTheServiceAccountAsInFabric8() {
        assertThat(detect(IN_A_POD, Set.of(HOME_KUBECONFIG, AutoConfiguration.SERVICE_ACCOUNT_TOKEN)).source())
                .isEqualTo(Source.KUBECONFIG);
    }

    @Test
    void kubeconfigVariableNamesTheFilesAndReplacesTheHomeDefault() {
        var environment = Map.of("KUBECONFIG", "/missing/a" + java.io.File.pathSeparator + "/etc/b");

        AutoConfiguration auto = detect(environment, Set.of(Path.of("/etc/b"), HOME_KUBECONFIG));

        assertThat(auto.source()).isEqualTo(Source.KUBECONFIG);
        assertThat(auto.description()).contains("/etc/b").contains("KUBECONFIG");
        assertThat(detect(Map.of("KUBECONFIG", "/missing/a"), Set.of(HOME_KUBECONFIG)).source()).isEqualTo(Source.NONE);
    }

    @Test
    void serviceHostWithoutAMountedTokenIsNoServiceAccount() {
        AutoConfiguration auto = detect(IN_A_POD, Set.of());

        assertThat(auto.source()).isEqualTo(Source.NONE);
        assertThat(auto.description()).contains("no token at " + AutoConfiguration.SERVICE_ACCOUNT_TOKEN);
    }

    @Test
    void aMasterUrlSettingIsASourceOfItsOwn() {
        assertThat(detect(Map.of("KUBERNETES_MASTER", "https://api.example:6443"), Set.of()).source())
                .isEqualTo(Source.MASTER_URL);
    }

    @Test
    void nothingConfiguredIsBadInputNamingWhatWasLookedFor() {
        AutoConfiguration auto = detect(Map.of(), Set.of());

        assertThat(auto.source()).isEqualTo(Source.NONE);
        assertThatThrownBy(() -> auto.requireUsable(Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(HOME_KUBECONFIG + " does not exist")
                .hasMessageContaining("KUBERNETES_SERVICE_HOST is unset")
                .hasMessageContaining("--kubeconfig").hasMessageContaining("--cluster simulated");
    }

    @Test
    void aContextWithoutKubeconfigIsBadInputInsteadOfBeingIgnored() {
        AutoConfiguration auto = detect(IN_A_POD, Set.of(AutoConfiguration.SERVICE_ACCOUNT_TOKEN));

        assertThatThrownBy(() -> auto.requireUsable(Optional.of("prod")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--context prod").hasMessageContaining("service account");
        assertThatCode(() -> detect(Map.of(), Set.of(HOME_KUBECONFIG)).requireUsable(Optional.of("prod")))
                .doesNotThrowAnyException();
    }
}
