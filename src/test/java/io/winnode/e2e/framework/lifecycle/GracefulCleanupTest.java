package io.winnode.e2e.framework.lifecycle;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * M5: cleanup deletes pods gracefully (their own grace period, no {@code gracePeriodSeconds: 0}) and they
 * are gone when it returns; a Deployment goes in the foreground (with its pods); the namespace goes last.
 */
@EnableKubernetesMockClient(crud = true)
class GracefulCleanupTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void cleanupDeletesPodsGracefullyAndTheNamespaceLast() throws InterruptedException {
        var manager = new ResourceManager(client, new Ownership("run-1", "test"), Duration.ofSeconds(5));
        manager.create(new NamespaceBuilder().withNewMetadata().withName("wn-test").endMetadata().build());
        manager.create(new PodBuilder().withNewMetadata().withName("hostport").withNamespace("wn-test").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("agnhost").endContainer().endSpec().build());
        manager.create(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("replicas")
                .withNamespace("wn-test").endMetadata().withNewSpec().withReplicas(1).endSpec().build());

        manager.close();

        List<RecordedRequest> deletes = deletes();
        assertThat(deletes).extracting(RecordedRequest::getPath)
                .containsSubsequence("/apis/apps/v1/namespaces/wn-test/deployments/replicas",
                        "/api/v1/namespaces/wn-test/pods/hostport", "/api/v1/namespaces/wn-test");
        // A workload controller goes in the foreground: it is gone only once its pods are.
        assertThat(deletes.get(0).getBody().readUtf8()).contains("\"propagationPolicy\":\"Foreground\"");
        assertThat(deletes.get(1).getBody().readUtf8()).doesNotContain("gracePeriodSeconds");
        assertThat(client.pods().inNamespace("wn-test").withName("hostport").get()).isNull();
    }

    private List<RecordedRequest> deletes() throws InterruptedException {
        var deletes = new ArrayList<RecordedRequest>();
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if ("DELETE".equals(request.getMethod())) {
                deletes.add(request);
            }
        }
        return deletes;
    }
}
