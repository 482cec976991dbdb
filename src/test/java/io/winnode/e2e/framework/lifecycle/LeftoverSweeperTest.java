package io.winnode.e2e.framework.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweeper against an API server (fabric8's mock in CRUD mode): it finds run namespaces and stray
 * run-labelled objects, leaves what is inside a run namespace to the namespace, removes what it found,
 * and a live run's heartbeat (a real {@link RunHeartbeat}) protects that run; {@code --keep-on-failure}
 * keeps a manager's objects and marks its namespace.
 */
@EnableKubernetesMockClient(crud = true)
class LeftoverSweeperTest {

    private static final Instant LONG_AGO = Instant.parse("2026-12-01T00:00:00Z");

    KubernetesClient client;

    private <T extends HasMetadata> T createdLongAgo(T object, String runId) {
        object.getMetadata().setLabels(Map.of(Ownership.RUN_ID, runId));
        T created = client.resource(object).create();
        created.getMetadata().setCreationTimestamp(LONG_AGO.toString());
        return client.resource(created).update();
    }

    @Test
    void findsDeadRunsNamespacesAndStraysButNeverALiveRunOrAnUnlabelledObject() {
        createdLongAgo(new NamespaceBuilder().withNewMetadata().withName("wn-dead").endMetadata().build(), "run-dead");
        // The heartbeat of a run killed long ago: its last renewal lapsed.
        createdLongAgo(new LeaseBuilder().withNewMetadata().withName("heartbeat").withNamespace("wn-dead").endMetadata()
                .withNewSpec().withLeaseDurationSeconds(30).withRenewTime(LONG_AGO.atZone(ZoneOffset.UTC)).endSpec().build(),
                "run-dead");
        createdLongAgo(new PodBuilder().withNewMetadata().withName("inside").withNamespace("wn-dead").endMetadata().build(), "run-dead");
        createdLongAgo(new PodBuilder().withNewMetadata().withName("stray").withNamespace("default").endMetadata().build(), "run-dead");
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("someone-elses")
                .endMetadata().build()).create();
        createdLongAgo(new NamespaceBuilder().withNewMetadata().withName("wn-live").endMetadata().build(), "run-live");

        try (RunHeartbeat live = RunHeartbeat.start(client, "run-live", Duration.ofSeconds(30), Clock.systemUTC())) {
            var sweeper = new LeftoverSweeper(client, Clock.systemUTC());
            var found = sweeper.find(Duration.ZERO, "run-me", false);

            assertThat(found).extracting(l -> l.object().describe())
                    .containsExactlyInAnyOrder("Namespace wn-dead", "Pod default/stray");
            assertThat(found).allSatisfy(l -> assertThat(l.evidence()).startsWith("heartbeat ").endsWith(" ago"));

            sweeper.remove(found);

            assertThat(client.namespaces().withName("wn-dead").get()).isNull();
            assertThat(client.pods().inNamespace("default").withName("stray").get()).isNull();
            assertThat(client.pods().inNamespace("default").withName("someone-elses").get()).isNotNull();
            assertThat(client.namespaces().withName("wn-live").get()).isNotNull();
            assertThat(client.namespaces().withName(RunHeartbeat.namespaceOf("run-live")).get()).isNotNull();
        }
        assertThat(client.namespaces().withName(RunHeartbeat.namespaceOf("run-live")).get())
                .as("closing the heartbeat deletes it").isNull();
    }

    @Test
    void keepOnCloseKeepsEverythingAndMarksTheNamespaceForClean() {
        KeptNamespaces.takeAll();
        var manager = new ResourceManager(client, new Ownership("run-failed", "SomeScenarios"), Duration.ofSeconds(5));
        manager.create(new NamespaceBuilder().withNewMetadata().withName("wn-some-1a2b").endMetadata().build());
        manager.create(new PodBuilder().withNewMetadata().withName("web").withNamespace("wn-some-1a2b").endMetadata().build());

        manager.keepOnClose();
        manager.close();

        assertThat(client.pods().inNamespace("wn-some-1a2b").withName("web").get()).isNotNull();
        var namespace = client.namespaces().withName("wn-some-1a2b").get();
        assertThat(namespace.getMetadata().getAnnotations()).containsEntry(LabelledObject.KEPT_ANNOTATION, "true");
        assertThat(namespace.getMetadata().getLabels()).containsEntry(Ownership.RUN_ID, "run-failed");
        assertThat(KeptNamespaces.takeAll()).containsExactly("wn-some-1a2b");
    }
}
