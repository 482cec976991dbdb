package io.winnode.e2e.runner;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code manifests/runner/} and {@code images/runner/}: the in-cluster runner's objects parse as
 * the Kubernetes objects they claim to be, reference each other consistently, grant what the
 * suite calls without wildcards, and the Sonobuoy plugin and image agree with them.
 */
class RunnerManifestsTest {

    private static final Path RUNNER = Path.of("manifests", "runner");
    private static final Path PLUGIN = RUNNER.resolve("sonobuoy").resolve("sonobuoy-plugin.yaml");
    private static final Path IMAGE = Path.of("images", "runner");

    /** Each file {@code kubectl apply -f manifests/runner/} reads, with the object it must hold. */
    private static final Map<String, Class<?>> KINDS = Map.of(
            "namespace.yaml", Namespace.class,
            "serviceaccount.yaml", ServiceAccount.class,
            "clusterrole.yaml", ClusterRole.class,
            "clusterrolebinding.yaml", ClusterRoleBinding.class,
            "pvc.yaml", PersistentVolumeClaim.class,
            "job.yaml", Job.class);

    /**
     * (API group, resource, verb) the framework and scenarios call: a new client call that the
     * ClusterRole does not grant fails in-cluster runs with 403, so it must be added to both.
     */
    private static final List<List<String>> REQUIRED = List.of(
            List.of("", "nodes", "list"), List.of("", "nodes", "get"),
            List.of("", "nodes/proxy", "get"),
            List.of("", "namespaces", "create"), List.of("", "namespaces", "delete"),
            List.of("", "namespaces", "get"), List.of("", "namespaces", "list"), List.of("", "namespaces", "patch"),
            List.of("coordination.k8s.io", "leases", "create"), List.of("coordination.k8s.io", "leases", "update"),
            List.of("coordination.k8s.io", "leases", "delete"), List.of("coordination.k8s.io", "leases", "list"),
            List.of("coordination.k8s.io", "leases", "watch"),
            List.of("", "serviceaccounts", "get"),
            List.of("", "pods", "create"), List.of("", "pods", "delete"), List.of("", "pods", "get"),
            List.of("", "pods", "list"), List.of("", "pods", "watch"),
            List.of("", "pods/exec", "create"), List.of("", "pods/exec", "get"),
            List.of("", "pods/log", "get"),
            List.of("", "services", "create"), List.of("", "services", "delete"), List.of("", "services", "get"),
            List.of("", "services", "list"), List.of("", "services", "watch"),
            List.of("", "configmaps", "create"), List.of("", "configmaps", "delete"),
            List.of("", "configmaps", "list"), List.of("", "configmaps", "watch"),
            List.of("", "secrets", "create"), List.of("", "secrets", "delete"),
            List.of("", "secrets", "list"), List.of("", "secrets", "watch"),
            List.of("apps", "deployments", "create"), List.of("apps", "deployments", "delete"),
            List.of("apps", "deployments", "list"), List.of("apps", "deployments", "watch"),
            List.of("", "events", "list"),
            List.of("discovery.k8s.io", "endpointslices", "list"));

    private static <T> T load(String file, Class<T> type) throws IOException {
        Object object = Serialization.unmarshal(Files.readString(RUNNER.resolve(file)));
        assertThat(object).as(file).isInstanceOf(type);
        return type.cast(object);
    }

    @Test
    void everyManifestIsOneKubernetesObjectOfItsKind() throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(RUNNER)) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml")).toList();
        }

        assertThat(files).containsExactlyInAnyOrderElementsOf(KINDS.keySet());
        for (var entry : KINDS.entrySet()) {
            load(entry.getKey(), entry.getValue());
        }
    }

    @Test
    void theBindingGivesTheServiceAccountInTheNamespaceTheClusterRole() throws IOException {
        String namespace = load("namespace.yaml", Namespace.class).getMetadata().getName();
        ServiceAccount account = load("serviceaccount.yaml", ServiceAccount.class);
        ClusterRoleBinding binding = load("clusterrolebinding.yaml", ClusterRoleBinding.class);

        assertThat(account.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.getRoleRef().getName()).isEqualTo(load("clusterrole.yaml", ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies((Subject s) -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(s.getNamespace()).isEqualTo(namespace);
        });
    }

    @Test
    void noRuleUsesAWildcard() throws IOException {
        List<PolicyRule> rules = load("clusterrole.yaml", ClusterRole.class).getRules();

        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).isNotEmpty().doesNotContain("*").noneMatch(r -> r.contains("*"));
            assertThat(rule.getVerbs()).isNotEmpty().doesNotContain("*");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        });
    }

    @Test
    void theClusterRoleGrantsEveryCallOfTheSuite() throws IOException {
        List<PolicyRule> rules = load("clusterrole.yaml", ClusterRole.class).getRules();

        assertThat(REQUIRED).allSatisfy(required -> assertThat(rules).as("a rule granting %s", required)
                .anyMatch(rule -> rule.getApiGroups().contains(required.get(0))
                        && rule.getResources().contains(required.get(1)) && rule.getVerbs().contains(required.get(2))));
    }

    @Test
    void theJobRunsTheDefaultSuiteAsTheServiceAccountWithResultsOnTheClaim() throws IOException {
        String namespace = load("namespace.yaml", Namespace.class).getMetadata().getName();
        PersistentVolumeClaim claim = load("pvc.yaml", PersistentVolumeClaim.class);
        Job job = load("job.yaml", Job.class);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container runner = pod.getContainers().get(0);

        assertThat(job.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(claim.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(pod.getServiceAccountName()).isEqualTo(load("serviceaccount.yaml", ServiceAccount.class).getMetadata().getName());
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isGreaterThanOrEqualTo(24 * 3600);
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(runner.getArgs()).containsExactly("--suite", "default");
        assertThat(runner.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(runner.getResources().getLimits()).containsKey("memory");

        assertThat(runner.getEnv()).contains(new EnvVar("ARTIFACTS", "/results", null));
        String resultsVolume = runner.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/results"))
                .map(VolumeMount::getName).findFirst().orElseThrow();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(resultsVolume)).singleElement()
                .extracting(Volume::getPersistentVolumeClaim).isNotNull()
                .satisfies(source -> assertThat(source.getClaimName()).isEqualTo(claim.getMetadata().getName()));
    }

    @Test
    void theJobPodIsRestricted() throws IOException {
        PodSpec pod = load("job.yaml", Job.class).getSpec().getTemplate().getSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        SecurityContext security = pod.getContainers().get(0).getSecurityContext();

        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(imageUid());
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(load("namespace.yaml", Namespace.class).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    /** The layout of a Sonobuoy plugin definition (sonobuoy's pkg/plugin/manifest.Manifest). */
    record SonobuoyPlugin(@JsonProperty("sonobuoy-config") Map<String, Object> config, Container spec) {
    }

    @Test
    void theSonobuoyPluginIsAJunitJobPluginWritingToTheResultsVolume() throws IOException {
        SonobuoyPlugin plugin = Serialization.unmarshal(Files.readString(PLUGIN), SonobuoyPlugin.class);
        Container job = load("job.yaml", Job.class).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(plugin.config()).containsEntry("driver", "Job").containsEntry("plugin-name", "winnode-e2e")
                .containsEntry("result-format", "junit");
        assertThat(plugin.spec().getName()).isNotBlank();
        assertThat(plugin.spec().getImage()).isNotBlank().isEqualTo(job.getImage());
        assertThat(plugin.spec().getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo("results");
            assertThat(mount.getMountPath()).isEqualTo("/tmp/sonobuoy/results");
        });
        // The entrypoint switches to Sonobuoy's contract only when told where the results go.
        assertThat(plugin.spec().getEnv()).contains(new EnvVar("SONOBUOY_RESULTS_DIR", "/tmp/sonobuoy/results", null));
        assertThat(plugin.spec().getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(plugin.spec().getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void theImageRunsTheEntrypointWhichRunsTheRunnerAndHandsResultsToSonobuoy() throws IOException {
        String dockerfile = Files.readString(IMAGE.resolve("Dockerfile"));
        Path entrypoint = IMAGE.resolve("entrypoint.sh");
        String script = Files.readString(entrypoint);

        assertThat(dockerfile).contains("COPY --chmod=0755 images/runner/entrypoint.sh /opt/winnode/entrypoint.sh")
                .contains("ENTRYPOINT [\"/opt/winnode/entrypoint.sh\"]")
                .contains("ENV WINNODE_HOME=/opt/winnode").containsPattern("(?m)^USER \\$\\{UID}:\\$\\{UID}$");
        for (String folder : List.of("suites", "manifests", "images", "parity", "faults")) {
            assertThat(dockerfile).contains("COPY " + folder + "/ " + folder + "/").contains("COPY --from=build /src/" + folder + "/ " + folder + "/");
            assertThat(Files.readString(Path.of(".dockerignore"))).contains("!" + folder + "/");
        }
        assertThat(Files.isExecutable(entrypoint)).as("entrypoint.sh is executable").isTrue();
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("io.winnode.e2e.runner.Winnode")
                .contains("SONOBUOY_RESULTS_DIR").contains("$sonobuoy_dir/done");
    }

    /** The runner user's id in the image, which the Job's runAsUser must name. */
    private static long imageUid() throws IOException {
        return Files.readAllLines(IMAGE.resolve("Dockerfile")).stream().filter(l -> l.startsWith("ARG UID="))
                .map(l -> Long.parseLong(l.substring("ARG UID=".length()).strip())).findFirst().orElseThrow();
    }
}
