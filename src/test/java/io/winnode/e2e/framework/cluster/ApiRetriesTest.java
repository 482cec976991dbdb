package io.winnode.e2e.framework.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * M11: the suite's API client survives what a busy real API server answers now and then: a 429 with
 * Retry-After (API Priority and Fairness), a 503, a connection reset. Before, a single one failed the call.
 */
@EnableKubernetesMockClient(https = false)
class ApiRetriesTest {

    KubernetesMockServer server;
    KubernetesClient mockClient;

    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("agnhost").endContainer().endSpec().build();
    }

    private KubernetesClient suiteClient(String url) {
        Config config = new ConfigBuilder(mockClient.getConfiguration()).withMasterUrl(url).build();
        return ClusterConnection.apiClient(config, new ApiAnswers());
    }

    @Test
    void aCreateIsRetriedAfterA429WithRetryAfterAndSucceeds() {
        server.expect().post().withPath("/api/v1/namespaces/ns/pods")
                .andReturn(429, new StatusBuilder().withCode(429).withReason("TooManyRequests")
                        .withMessage("Too many requests, please try again later.").build())
                .withHeader("Retry-After", "1").once();
        server.expect().post().withPath("/api/v1/namespaces/ns/pods").andReturn(201, pod()).once();

        try (KubernetesClient client = suiteClient(mockClient.getConfiguration().getMasterUrl())) {
            assertThat(client.pods().inNamespace("ns").resource(pod()).create().getMetadata().getName()).isEqualTo("p");
        }
        assertThat(server.getRequestCount()).as("the 429, then the retry").isEqualTo(2);
    }

    @Test
    void statsAndLogReadsSurviveA503() {
        server.expect().get().withPath("/api/v1/nodes/win-1/proxy/stats/summary").andReturn(503, "unavailable").once();
        server.expect().get().withPath("/api/v1/nodes/win-1/proxy/stats/summary").andReturn(200, "{\"node\":{}}").once();
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/p/log?pretty=false&container=c&tailLines=200")
                .andReturn(503, "unavailable").once();
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/p/log?pretty=false&container=c&tailLines=200")
                .andReturn(200, "Started HTTP server on port 8080\n").once();

        try (KubernetesClient client = suiteClient(mockClient.getConfiguration().getMasterUrl())) {
            assertThat(client.raw("/api/v1/nodes/win-1/proxy/stats/summary")).contains("node");
            assertThat(client.pods().inNamespace("ns").withName("p").inContainer("c").tailingLines(200).getLog())
                    .contains("Started HTTP server");
        }
    }

    @Test
    void aDeleteSurvivesAConnectionReset() throws Exception {
        server.expect().delete().withPath("/api/v1/namespaces/ns/pods/p").andReturn(200, pod()).once();
        String direct = mockClient.getConfiguration().getMasterUrl();
        int port = java.net.URI.create(direct).getPort();

        try (ResettingRelay relay = new ResettingRelay(port, 1);
             KubernetesClient client = suiteClient(relay.url())) {
            assertThat(client.pods().inNamespace("ns").withName("p").delete()).isNotEmpty();
            assertThat(relay.resetsDone()).isEqualTo(1);
        }
    }

    /** fabric8 8.0 alone retries after 250 ms whatever Retry-After says; client-go waits Retry-After. */
    @Test
    void aRetryWaitsTheRetryAfterOfA429AndTheRunIsTold() {
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/p")
                .andReturn(429, "Too many requests, please try again later.").withHeader("Retry-After", "1").once();
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/p").andReturn(200, pod()).once();
        ApiAnswers answers = new ApiAnswers();
        Config config = new ConfigBuilder(mockClient.getConfiguration()).build();

        long start = System.nanoTime();
        try (KubernetesClient client = ClusterConnection.apiClient(config, answers)) {
            assertThat(client.pods().inNamespace("ns").withName("p").get()).isNotNull();
        }
        long tookMillis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(tookMillis).as("waited Retry-After: 1 s, not the 250 ms back-off").isGreaterThanOrEqualTo(1000);
        assertThat(answers.tally().summary()).isEqualTo("API server: 1 answer retried (429 x1)");
    }
}
