package io.winnode.e2e.runner.report;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.util.ResultsUtils;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.parity.Expectation;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.parity.ParityLedger;
import io.winnode.e2e.framework.parity.ParityRow;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.wait.Waits;
import io.winnode.e2e.framework.workloads.PodStates;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The categories against failures as the suite's code produces them: each throwable is made by the
 * real code (ParityCheck, Waits, fabric8, Awaitility, JUnit) where it can be, and turned into the
 * status, message and trace allure-java writes ({@link ResultsUtils}); messages only seen in a run
 * are copied from one (simulated cluster, faults D-56, D-67).
 */
@EnableKubernetesMockClient
class AllureCategoriesTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final ParityRow SAME = new ParityRow("NET-01c", "A pod connects to Linux backends through a ClusterIP Service",
            Expectation.SAME, Map.of("connected", "connected"), "connected", null, null, "windows-parity.md NET-01 (kubernetes.io/docs/concepts/services-networking/windows-networking)");
    private static final ParityRow DIFFERENT = new ParityRow("SCH-04", "A Linux-only image placed on a node",
            Expectation.DIFFERENT, Map.of("running", "running", "no-variant", "image pull failed: no variant for this platform"),
            null, "running", "no-variant", "windows-parity.md SCH-04");

    @Test
    void aParityMismatchOnWindowsIsAWindowsParityGapWhateverItObserved() {
        assertThat(categoriesOf(parityFailure(SAME, Side.windows(WindowsBuild.LTSC2022), "not connected: REFUSED")))
                .containsExactly("Windows parity gap");
        // Observed outcomes that name other categories' symptoms stay parity gaps.
        assertThat(categoriesOf(parityFailure(SAME, Side.windows(WindowsBuild.LTSC2025),
                "not connected: hcs::System::CreateProcess: The RPC server is unavailable.")))
                .containsExactly("Windows parity gap");
        assertThat(categoriesOf(parityFailure(DIFFERENT, Side.windows(WindowsBuild.LTSC2022),
                "Timed out after 30 s: ErrImagePull, Connection refused, node NotReady")))
                .containsExactly("Windows parity gap");
        assertThat(categoriesOf(parityFailure(SAME, Side.anyWindows(), "not connected"))).containsExactly("Windows parity gap");
    }

    @Test
    void aParityMismatchOnLinuxIsNotAWindowsGap() {
        assertThat(categoriesOf(parityFailure(DIFFERENT, Side.linux(), "image pull failed: ErrImagePull")))
                .containsExactly("Linux missed its parity expectation");
    }

    @Test
    void aPodThatCannotPullItsImageIsAnImagePullFailure() {
        Pod pulling = waiting("ErrImagePull", "failed to pull and unpack image \"registry.k8s.io/e2e-test-images/busybox:1.36\": "
                + "no match for platform in manifest: not found");

        assertThat(categoriesOf(hopelessWait(pulling))).containsExactly("Image pull");
        assertThat(categoriesOf(timedOutWait(waiting("ImagePullBackOff", "Back-off pulling image")))).containsExactly("Image pull");
    }

    @Test
    void aPodWhoseSandboxCannotBeCreatedCouldNotStartOnItsNode() {
        // As a D-67 run (pause image built for another Windows build) reported it.
        String message = "pod wn-volume-2qbh/config-windows-ltsc2025 (windows ltsc2025) to be Running and Ready can no longer "
                + "happen; state: phase=Pending, node=win2025-1, container consumer: waiting ContainerCreating; stuck: "
                + "FailedCreatePodSandBox (5 times): Failed to create pod sandbox: The container operating system does not "
                + "match the host operating system.";
        assertThat(categoriesOf(new io.winnode.e2e.framework.wait.WaitTimeoutError(message, null)))
                .containsExactly("Pod could not start on its node");
        assertThat(categoriesOf(hopelessWait(waiting("CrashLoopBackOff", "back-off 40s restarting failed container"))))
                .containsExactly("Pod could not start on its node");
    }

    @Test
    void anUnreachableApiServerIsTheCluster() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Config config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:" + closedPort).withRequestRetryBackoffLimit(0).build();
        Throwable refused;
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            refused = catchThrowable(() -> unreachable.pods().inNamespace("ns").withName("web").get());
        }
        // fabric8 says "Operation: [get] ... failed." on top; "Connection refused" is only in the causes.
        assertThat(refused.getMessage()).doesNotContain("Connection refused");

        assertThat(categoriesOf(refused)).containsExactly(AllureCategories.CLUSTER_NAME);
        // A wait whose probe kept failing at the transport reports the top message only.
        assertThat(categoriesOf(timedOutWaitFailingWith(refused))).containsExactly(AllureCategories.CLUSTER_NAME);
    }

    @Test
    void aServerErrorFromTheApiServerIsTheCluster() {
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/web").andReturn(503, new StatusBuilder().withCode(503)
                .withReason("ServiceUnavailable").withMessage("the server is currently unable to handle the request").build())
                .always();

        Throwable unavailable;
        // Without retries: the client's default backs off for seconds on a 5xx.
        try (KubernetesClient once = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build()) {
            unavailable = catchThrowable(() -> once.pods().inNamespace("ns").withName("web").get());
        }

        assertThat(categoriesOf(unavailable)).containsExactly(AllureCategories.CLUSTER_NAME);
    }

    @Test
    void aRequestTheApiServerForbidsIsASetupProblemNotAFinding() {
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/web").andReturn(403, new StatusBuilder().withCode(403)
                .withReason("Forbidden").withMessage("pods \"web\" is forbidden: User \"system:serviceaccount:winnode:runner\" "
                        + "cannot get resource \"pods\" in API group \"\" in the namespace \"ns\"").build()).always();
        Throwable forbidden = catchThrowable(() -> client.pods().inNamespace("ns").withName("web").get());

        Throwable reported = io.winnode.e2e.framework.junit.SetupProblem.of(forbidden).orElseThrow();

        assertThat(reported.getMessage()).startsWith(io.winnode.e2e.framework.junit.SetupProblem.PREFIX)
                .contains("cannot get resource \"pods\"");
        assertThat(categoriesOf(reported)).containsExactly("Setup: the run's credentials lack a permission");
        assertThat(io.winnode.e2e.framework.junit.SetupProblem.of(new IllegalStateException("boom"))).isEmpty();
    }

    @Test
    void aPodThatNoReadyNodeTakesIsTheCluster() {
        Pod unschedulable = new PodBuilder(waiting("ContainerCreating", null)).editStatus().addNewCondition()
                .withType("PodScheduled").withStatus("False").withMessage("0/5 nodes are available: 2 node(s) had untolerated "
                        + "taint {node.kubernetes.io/not-ready: }").endCondition().endStatus().editSpec().withNodeName(null).endSpec().build();

        assertThat(categoriesOf(timedOutWait(unschedulable))).containsExactly(AllureCategories.CLUSTER_NAME);
    }

    @Test
    void aWaitThatRanOutOfTimeIsATimeoutEvenWithNodeTaintsInItsTrace() {
        // Awaitility's cause prints the whole last pod, tolerations for node.kubernetes.io/not-ready included.
        Pod creating = new PodBuilder(waiting("ContainerCreating", null)).editSpec().addNewToleration()
                .withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute").endToleration().endSpec().build();
        Throwable timeout = timedOutWait(creating);
        assertThat(ResultsUtils.getStatusDetails(timeout).orElseThrow().getTrace()).contains("node.kubernetes.io/not-ready");

        assertThat(categoriesOf(timeout)).containsExactly("Timeout");
    }

    @Test
    void awaitilityAndJunitTimeoutsAreTimeouts() {
        Throwable awaitility = catchThrowable(() -> await("the moon").pollDelay(Duration.ZERO).atMost(Duration.ofMillis(50))
                .until(() -> false));
        Throwable preemptive = catchThrowable(() -> assertTimeoutPreemptively(Duration.ofMillis(10), () -> Thread.sleep(2000)));
        // What JUnit's @Timeout throws (its own exception type is internal).
        Throwable annotated = new TimeoutException("aServiceAnswers() timed out after 5 seconds");

        assertThat(awaitility).isInstanceOf(ConditionTimeoutException.class);
        assertThat(categoriesOf(awaitility)).containsExactly("Timeout");
        assertThat(categoriesOf(preemptive)).containsExactly("Timeout");
        assertThat(categoriesOf(annotated)).containsExactly("Timeout");
    }

    @Test
    void anyOtherExceptionIsATestDefect() {
        server.expect().post().withPath("/api/v1/namespaces/ns/pods").andReturn(409, new StatusBuilder().withCode(409)
                .withReason("AlreadyExists").withMessage("pods \"web\" already exists").build()).always();
        Throwable conflict = catchThrowable(() -> client.pods().inNamespace("ns").resource(
                new PodBuilder().withNewMetadata().withName("web").endMetadata().build()).create());

        assertThat(categoriesOf(conflict)).containsExactly("Test defect");
        assertThat(categoriesOf(new NullPointerException("Cannot invoke \"String.length()\" because \"name\" is null")))
                .containsExactly("Test defect");
    }

    @Test
    void otherAssertionFailuresAreLeftToAlluresProductDefects() {
        // A D-56 run (exec into Windows containers fails): the scenario's own assertion, no category of ours.
        Throwable failure = catchThrowable(() -> assertThat(false).as("writing C:\\shared\\message.txt in the writer "
                + "container: exit -1, stdout='', stderr='hcs::System::CreateProcess: The RPC server is unavailable.'").isTrue());

        assertThat(categoriesOf(failure)).isEmpty();
    }

    @Test
    void theTwoClusterRulesShareOneNameAndEveryOtherNameIsUnique() {
        List<String> names = AllureCategories.categories().stream().map(c -> (String) c.get("name")).toList();

        assertThat(names).containsExactly("Setup: the run's credentials lack a permission", "Windows parity gap", "Linux missed its parity expectation", "Image pull",
                "Pod could not start on its node", AllureCategories.CLUSTER_NAME, AllureCategories.CLUSTER_NAME, "Timeout",
                "Test defect");
    }

    // --- making failures with the real code ---------------------------------------------------

    private static Throwable parityFailure(ParityRow row, Side side, String observed) {
        return catchThrowable(() -> new ParityCheck(row, side, new ParityLedger()).verify(Observed.detail(observed), side.isWindows() ? "win-1" : "linux-1"));
    }

    private static Pod waiting(String reason, String message) {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("ns").endMetadata()
                .withNewSpec().withNodeName("win2022-1").endSpec()
                .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("main").withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().endContainerStatus().endStatus().build();
    }

    private static Throwable timedOutWait(Pod pod) {
        return catchThrowable(() -> Waits.until("pod ns/web to be Running and Ready", Duration.ofMillis(50), () -> pod,
                PodStates::isRunningAndReady, p -> false, PodStates::describe));
    }

    private static Throwable hopelessWait(Pod pod) {
        return catchThrowable(() -> Waits.until("pod ns/web to be Running and Ready", Duration.ofSeconds(5), () -> pod,
                PodStates::isRunningAndReady, p -> true, PodStates::describe));
    }

    private static Throwable timedOutWaitFailingWith(Throwable error) {
        return catchThrowable(() -> Waits.until("pod ns/web to be Running and Ready", Duration.ofMillis(50), () -> {
            throw (RuntimeException) error;
        }, PodStates::isRunningAndReady, p -> false, PodStates::describe));
    }

    // --- Allure's side ------------------------------------------------------------------------

    /** The categories Allure 2 gives a result with this failure: allure-java's status and details, then matching. */
    private static Set<String> categoriesOf(Throwable failure) {
        assertThat(failure).isNotNull();
        String status = ResultsUtils.getStatus(failure).orElseThrow().value();
        StatusDetails details = ResultsUtils.getStatusDetails(failure).orElseThrow();
        return categoriesOf(status, details.getMessage(), details.getTrace());
    }

    /**
     * allure-generator 2.34's CategoriesPlugin.matches: status listed, and each regex given matches
     * its whole text with DOTALL; a result goes into every category it matches.
     */
    @SuppressWarnings("unchecked")
    static Set<String> categoriesOf(String status, String message, String trace) {
        var names = new LinkedHashSet<String>();
        for (Map<String, Object> category : AllureCategories.categories()) {
            boolean statusMatches = ((List<String>) category.get("matchedStatuses")).contains(status);
            boolean messageMatches = matches((String) category.get("messageRegex"), message);
            boolean traceMatches = matches((String) category.get("traceRegex"), trace);
            if (statusMatches && messageMatches && traceMatches) {
                names.add((String) category.get("name"));
            }
        }
        return names;
    }

    private static boolean matches(String regex, String text) {
        return regex == null || text != null && Pattern.compile(regex, Pattern.DOTALL).matcher(text).matches();
    }
}
