package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.foundation.os.OsFamily;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which run a log request reads, per the kubelet's validateContainerLogStatus, for the states a container goes through. */
class LogSelectionTest {

    static PodSandbox pod() {
        return SimulatedPods.sandbox("apps", "p", "linux-a", OsFamily.LINUX, List.of("c"));
    }

    @Test
    void duringCrashLoopBackOffTheRunThatJustEndedIsReadWithAndWithoutPrevious() {
        PodSandbox sb = pod();
        ContainerInstance c = SimulatedPods.running(sb, "c", "crashed output\n");
        c.phase = ContainerInstance.Phase.CRASH_BACKOFF;
        assertThat(LogSelection.of(sb, c, false).output()).isEqualTo("crashed output\n");
        assertThat(LogSelection.of(sb, c, true).output()).isEqualTo("crashed output\n");
    }

    @Test
    void whileARestartedContainerIsStartingItsLastRunIsRead() {
        PodSandbox sb = pod();
        ContainerInstance c = SimulatedPods.running(sb, "c", "run 1\n");
        SimulatedPods.restarted(c, "");
        c.phase = ContainerInstance.Phase.STARTING;
        LogSelection s = LogSelection.of(sb, c, false);
        assertThat(s.output()).isEqualTo("run 1\n");
        assertThat(s.currentRun()).isFalse();
    }

    @Test
    void waitingContainersSayWhyInTheKubeletsWords() {
        PodSandbox sb = pod();
        ContainerInstance c = sb.container("c");
        c.phase = ContainerInstance.Phase.PULL_FAILED;
        assertThat(LogSelection.of(sb, c, false).refusal())
                .isEqualTo("container \"c\" in pod \"p\" is waiting to start: image can't be pulled");
        c.phase = ContainerInstance.Phase.PULL_BACKOFF;
        assertThat(LogSelection.of(sb, c, false).refusal()).endsWith("is waiting to start: trying and failing to pull image");
        c.phase = ContainerInstance.Phase.CREATE_FAILED;
        c.waitingReason = "CreateContainerConfigError";
        assertThat(LogSelection.of(sb, c, false).refusal()).endsWith("is waiting to start: CreateContainerConfigError");
    }

    @Test
    void aMainContainerBehindUnfinishedInitContainersIsPodInitializing() {
        PodSandbox sb = new PodSandbox(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("p")
                .withNamespace("apps").withUid("u").endMetadata().withNewSpec().addNewInitContainer().withName("init")
                .withImage("busybox").endInitContainer().addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build(), "linux-a", OsFamily.LINUX);
        assertThat(LogSelection.of(sb, sb.container("c"), false).refusal()).endsWith("is waiting to start: PodInitializing");
        assertThat(LogSelection.of(sb, sb.container("init"), false).refusal()).endsWith("is waiting to start: ContainerCreating");
    }

    @Test
    void timestampsAreGoRfc3339Nano() {
        assertThat(LogOptions.rfc3339Nano(Instant.parse("2026-12-02T03:04:05.120Z"))).isEqualTo("2026-12-02T03:04:05.12Z");
        assertThat(LogOptions.rfc3339Nano(Instant.parse("2026-12-02T03:04:05Z"))).isEqualTo("2026-12-02T03:04:05Z");
    }
}
