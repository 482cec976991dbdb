package io.winnode.e2e.framework;

import io.winnode.e2e.framework.junit.PodSecurityLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodSecurityLevelTest {

    @Test
    void aLevelSetsEnforceWarnAndAuditAlike() {
        assertThat(PodSecurityLevel.PRIVILEGED.namespaceLabels()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "pod-security.kubernetes.io/enforce", "privileged",
                "pod-security.kubernetes.io/warn", "privileged",
                "pod-security.kubernetes.io/audit", "privileged"));
        assertThat(PodSecurityLevel.RESTRICTED.namespaceLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @Test
    void theClusterDefaultLabelsNothing() {
        assertThat(PodSecurityLevel.CLUSTER_DEFAULT.namespaceLabels()).isEmpty();
    }

    /** A scenario class that names no level: its pods are ordinary ones. */
    @io.winnode.e2e.framework.junit.WindowsScenario("Ordinary")
    static class OrdinaryScenarios {
    }

    @Test
    void aScenarioClassThatNamesNoLevelLabelsItsNamespaceBaselineSoARestrictedClusterDefaultStillAdmitsItsPods() {
        var level = OrdinaryScenarios.class.getAnnotation(io.winnode.e2e.framework.junit.WindowsScenario.class).podSecurity();

        assertThat(level.namespaceLabels()).containsEntry("pod-security.kubernetes.io/enforce", "baseline");
    }
}
