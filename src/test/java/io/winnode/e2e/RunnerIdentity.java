package io.winnode.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The in-cluster runner's identity from {@code manifests/runner/}: its namespace, ServiceAccount,
 * ClusterRole and binding applied as an administrator would apply them, and a kubeconfig that
 * authenticates with a token of that ServiceAccount (TokenRequest API), so that a run uses exactly
 * the permissions the shipped role grants.
 */
final class RunnerIdentity {

    static final String NAMESPACE = "winnode-e2e";
    static final String SERVICE_ACCOUNT = "winnode-e2e";
    static final String CLUSTER_ROLE = "winnode-e2e";
    private static final Path MANIFESTS = Path.of("manifests", "runner");

    private RunnerIdentity() {
    }

    static void install(KubernetesClient admin) throws IOException {
        for (String file : List.of("namespace.yaml", "serviceaccount.yaml", "clusterrole.yaml", "clusterrolebinding.yaml")) {
            try (InputStream in = Files.newInputStream(MANIFESTS.resolve(file))) {
                for (HasMetadata item : admin.load(in).items()) {
                    admin.resource(item).create();
                }
            }
        }
    }

    /** Removes {@code verb} from every rule of the runner's ClusterRole that grants it on {@code resource}, and waits until the API server enforces that. */
    static void revoke(KubernetesClient admin, String resource, String verb) throws IOException {
        ClusterRole role = admin.rbac().clusterRoles().withName(CLUSTER_ROLE).get();
        role.getRules().stream().filter(r -> r.getResources().contains(resource))
                .forEach(r -> r.setVerbs(new ArrayList<>(r.getVerbs().stream().filter(v -> !v.equals(verb)).toList())));
        admin.rbac().clusterRoles().resource(role).update();
        try (KubernetesClient runner = client(kubeconfig(admin, Files.createTempDirectory("winnode-rbac-check")))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !allowed(runner, resource, verb));
        }
    }

    private static boolean allowed(KubernetesClient client, String resource, String verb) {
        String[] parts = resource.split("/", 2);
        return client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes().withNamespace("default").withVerb(verb).withResource(parts[0])
                .withSubresource(parts.length > 1 ? parts[1] : null).endResourceAttributes().endSpec().build())
                .getStatus().getAllowed();
    }

    /** A kubeconfig (mode 0600) for the runner's ServiceAccount: the admin's server and CA, a one-hour token. */
    static Path kubeconfig(KubernetesClient admin, Path directory) throws IOException {
        String token = admin.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config config = admin.getConfiguration();
        String ca = config.getCaCertData();
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: embedded
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                contexts:
                - name: runner
                  context: {cluster: embedded, user: runner, namespace: %s}
                current-context: runner
                users:
                - name: runner
                  user:
                    token: %s
                """.formatted(config.getMasterUrl(), ca, NAMESPACE, token);
        Files.createDirectories(directory);
        Path file = directory.resolve("kubeconfig");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static KubernetesClient client(Path kubeconfig) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig.toFile())).build();
    }
}
