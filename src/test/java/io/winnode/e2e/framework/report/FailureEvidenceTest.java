package io.winnode.e2e.framework.report;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed hook leaves, under {@code <artifacts>/failures/<test>/<hook>/}, the failure, the steps, the
 * namespace's events, each pod described and its logs (the previous container's too after a restart)
 * and its node's conditions, every file scrubbed of credentials and Secret data.
 */
@EnableKubernetesMockClient(https = false)
class FailureEvidenceTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2ln";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path artifacts;

    private static Pod restartedPod() {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("ns").addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName("win-1").addNewContainer().withName("main").withImage("agnhost:2.62")
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "creds", false)
                .endValueFrom().endEnv().endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("main").withRestartCount(2)
                .withReady(false).withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).endTerminated().endLastState()
                .endContainerStatus().endStatus().build();
    }

    @Test
    void aFailedTestLeavesItsEvidenceScrubbedInAStableFolder() throws IOException {
        server.expect().get().withPath("/api/v1/namespaces/ns/pods").andReturn(200,
                new PodListBuilder().addToItems(restartedPod()).build()).always();
        server.expect().get().withPath("/api/v1/namespaces/ns/events").andReturn(200, new EventListBuilder()
                .addToItems(new EventBuilder().withType("Warning").withReason("BackOff").withMessage("Back-off restarting")
                        .withNewInvolvedObject().withKind("Pod").withName("web").endInvolvedObject().build()).build()).always();
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/web/log?pretty=false&container=main&tailLines=200")
                .andReturn(200, "listening; password s3cr3t-value\n").always();
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/web/log?pretty=false&container=main&previous=true&tailLines=200")
                .andReturn(200, "crashed with token " + JWT + "\n").always();
        server.expect().get().withPath("/api/v1/nodes/win-1").andReturn(200, new NodeBuilder().withNewMetadata().withName("win-1")
                .endMetadata().withNewSpec().endSpec().withNewStatus().addNewCondition().withType("Ready").withStatus("False")
                .withReason("KubeletNotReady").withMessage("container runtime is down").endCondition().endStatus().build()).always();
        var redactor = new Redactor();
        redactor.rememberSecret(new SecretBuilder().addToStringData("password", "s3cr3t-value").build());
        String test = FailureEvidence.folderName(FailureEvidenceTest.class, "aTest", "[windows ltsc2022]");

        new FailureEvidence(client, Optional.of(artifacts), redactor)
                .capture("ns", test, "beforeEach", new AssertionError("pod web not Ready"));

        assertThat(test).isEqualTo("FailureEvidenceTest.aTest.windows-ltsc2022");
        Path folder = artifacts.resolve("failures").resolve(test).resolve("beforeEach");
        assertThat(Files.readString(folder.resolve("failure.txt"))).startsWith("java.lang.AssertionError: pod web not Ready");
        assertThat(folder.resolve("steps.txt")).exists();
        assertThat(Files.readString(folder.resolve("events.txt"))).contains("BackOff").contains("Pod/web");
        assertThat(Files.readString(folder.resolve("pod-web.describe.txt")))
                .contains("Node:           win-1").contains("Waiting (CrashLoopBackOff)").contains("Last State:")
                .contains("Restart Count:  2").contains("PASSWORD: <set to the key 'password' in secret 'creds'>")
                .contains("Back-off restarting");
        assertThat(Files.readString(folder.resolve("log-web-main.txt"))).isEqualTo("listening; password [REDACTED]\n");
        assertThat(Files.readString(folder.resolve("log-web-main.previous.txt"))).isEqualTo("crashed with token [REDACTED]\n");
        assertThat(Files.readString(folder.resolve("nodes.txt"))).contains("Ready").contains("KubeletNotReady");
    }

    @Test
    void aRetriedTestFailsIntoAFolderOfItsOwn() {
        server.expect().get().withPath("/api/v1/namespaces/ns/pods").andReturn(200, new PodListBuilder().build()).always();
        server.expect().get().withPath("/api/v1/namespaces/ns/events").andReturn(200, new EventListBuilder().build()).always();
        var evidence = new FailureEvidence(client, Optional.of(artifacts), new Redactor());

        evidence.capture("ns", "A.b", "test", new AssertionError("first"));
        evidence.capture("ns", "A.b", "test", new AssertionError("second"));

        assertThat(artifacts.resolve("failures/A.b/test/failure.txt")).content().contains("first");
        assertThat(artifacts.resolve("failures/A.b/test-attempt-2/failure.txt")).content().contains("second");
    }
}
