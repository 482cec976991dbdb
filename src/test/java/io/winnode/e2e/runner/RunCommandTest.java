package io.winnode.e2e.runner;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.winnode.e2e.framework.cluster.ClusterTarget;
import io.winnode.e2e.framework.junit.RunParameters;
import io.winnode.e2e.runner.fixtures.SeenParameters;
import io.winnode.e2e.runner.fixtures.execution.ExecutionLog;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.results.JunitXmlReport;
import io.winnode.e2e.runner.results.RunFact;
import io.winnode.e2e.runner.results.RunMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import static io.winnode.e2e.runner.Invocation.FAILING;
import static io.winnode.e2e.runner.Invocation.PASSING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run} against a fabric8 mock API server holding a mixed cluster's nodes, with fixture
 * scenarios that need no cluster access: the banner, summary, exit codes, JUnit XML and Allure output.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RunCommandTest {

    private static final String EXECUTION = "io.winnode.e2e.runner.fixtures.execution";
    private static final String SIDES = "io.winnode.e2e.runner.fixtures.sides";

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path tmp;

    Path kubeconfig;

    @BeforeEach
    void mixedCluster() throws IOException {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("34").withGitVersion("v1.34.1").build());
        client.nodes().delete();
        client.nodes().resource(node("linux-1", "linux", null)).create();
        client.nodes().resource(node("win-2022-1", "windows", "10.0.20348")).create();
        kubeconfig = Kubeconfigs.write(tmp, server.url("/"));
        SeenParameters.SEEN.clear();
    }

    @Test
    void aPassingRunExitsZeroAndEndsWithTheSummaryLine() {
        Invocation run = run(PASSING);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Cluster:     REAL (real cluster via kubeconfig " + kubeconfig)
                .contains("Kubernetes:  v1.34.1")
                .contains("win-2022-1").contains("ltsc2022")
                .contains("PASSED   [sig-windows] Scheduling: workloads land only on nodes of their OS [windows ltsc2022]")
                .contains("Parity matrix:")
                .contains("Pre-pull:    skipped (--skip-prepull)");
        List<String> lines = run.outLines();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Summary: 4 passed, 0 failed, 1 skipped");
    }

    @Test
    void theCatalogIsCheckedAgainstTheWindowsBuildsEvenWhenThePrePullIsSkipped() {
        client.nodes().resource(node("win-2016-1", "windows", "10.0.14393")).create();

        Invocation run = run(PASSING);

        assertThat(run.out()).contains("pre-pull: warning: catalog image agnhost (registry.k8s.io/e2e-test-images/agnhost:2.62) "
                + "lists no variant for Windows build 10.0.14393 (node win-2016-1)").doesNotContain("build 10.0.20348");
    }

    @Test
    void aPrePullBudgetThatIsNotADurationIsBadInput() {
        Invocation run = run(PASSING, "--prepull-timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'soon' is not a duration").contains("e.g. 30m, 90s, 1h");
    }

    @Test
    void scenariosReceiveTheClusterAndRunParameters() {
        Invocation run = run(PASSING, "--image-registry", "mirror.example.com/e2e");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(SeenParameters.SEEN).containsEntry(ClusterTarget.PARAM_KIND, "real")
                .containsEntry(ClusterTarget.PARAM_KUBECONFIG, kubeconfig.toString())
                .containsEntry(RunParameters.IMAGE_REGISTRY, "mirror.example.com/e2e");
        assertThat(SeenParameters.SEEN.get(RunParameters.RUN_ID)).matches("wn-\\d{8}-\\d{6}-[0-9a-f]{4}");
    }

    @Test
    void theJunitXmlNamesTestsForTestgridAndSaysWhereTheyRan() throws Exception {
        Invocation run = run(PASSING);

        Document xml = parse(tmp.resolve("artifacts/junit_default.xml"));
        assertThat(testcaseNames(xml)).containsExactlyInAnyOrder(
                "[sig-windows] Scheduling: workloads land only on nodes of their OS [linux]",
                "[sig-windows] Scheduling: workloads land only on nodes of their OS [windows ltsc2022]",
                "[sig-windows] Scheduling: a slow placement check",
                "[sig-windows] Scheduling: a disabled placement check",
                "[sig-windows] Services: a ClusterIP service reaches Windows pods");
        Map<String, String> properties = properties(xml);
        assertThat(properties).containsEntry("winnode.cluster.kind", "real")
                .containsEntry("winnode.kubernetes.version", "v1.34.1")
                .containsEntry("winnode.windows.builds", "ltsc2022")
                .containsEntry("winnode.suite", "default");
        assertThat(run.out()).contains("winnode-e2e run " + properties.get("winnode.run.id"));
        Element skipped = (Element) xml.getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("needs a GPU node");
    }

    @Test
    void caseNamesAvoidRepeatsAndStayUnique() throws Exception {
        Invocation run = run("io.winnode.e2e.runner.fixtures.naming");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(testcaseNames(parse(tmp.resolve("artifacts/junit_default.xml")))).containsExactlyInAnyOrder(
                "[sig-windows] Naming: an invocation that repeats its method [linux]",
                "[sig-windows] Naming: an invocation that repeats its method [linux] #2",
                "[sig-windows] Naming: when nested a nested test");
    }

    @Test
    void aFailingRunExitsOneAndRecordsTheFailures() throws Exception {
        Invocation run = run(FAILING, "--suite", "smoke");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(run.outLines().get(run.outLines().size() - 1)).isEqualTo("Summary: 0 passed, 2 failed, 0 skipped");
        Document xml = parse(tmp.resolve("artifacts/junit_smoke.xml"));
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(2);
        assertThat(((Element) failures.item(0)).getAttribute("message")).contains("data read back");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    }

    @Test
    void allureResultsGoToTheChosenDirectoryWithTheEnvironment() throws IOException {
        Path allure = tmp.resolve("allure");
        Files.createDirectories(allure);
        Files.writeString(allure.resolve("old-result.json"), "{}");
        Files.writeString(allure.resolve("README.md"), "kept");

        Invocation run = run(PASSING);

        assertThat(run.exitCode()).as(run.err()).isZero();
        String environment = Files.readString(allure.resolve("environment.properties"));
        assertThat(environment).contains("cluster.kind=real").contains("windows.builds=ltsc2022")
                .contains("suite=default").contains("nodes.windows=1").contains("run.id=wn-");
        List<Path> results = resultFiles(allure);
        assertThat(results).hasSize(5).noneMatch(p -> p.getFileName().toString().equals("old-result.json"));
        assertThat(allure.resolve("README.md")).exists();
        String all = String.join("\n", results.stream().map(RunCommandTest::read).toList());
        assertThat(all).contains("fixture step: place a workload");
    }

    @Test
    void aClusterWithoutWindowsNodesIsUnusable() {
        client.nodes().withName("win-2022-1").delete();

        Invocation run = run(PASSING);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CLUSTER_UNUSABLE);
        assertThat(run.err()).contains("no schedulable Windows nodes").contains("linux-1");
        assertThat(tmp.resolve("artifacts/junit_default.xml")).doesNotExist();
    }

    @Test
    void aWindowsNodeOfABuildTheSuiteDoesNotKnowIsASideOfItsOwn() throws Exception {
        client.nodes().withName("win-2022-1").delete();
        client.nodes().resource(node("win-23h2-1", "windows", "10.0.25398")).create();

        Invocation run = run(SIDES);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Document xml = parse(tmp.resolve("artifacts/junit_default.xml"));
        assertThat(testcaseNames(xml)).containsExactlyInAnyOrder("[sig-windows] Sides: a side runs [linux]",
                "[sig-windows] Sides: a side runs [windows 10.0.25398]");
        assertThat(properties(xml)).containsEntry("winnode.windows.builds", "10.0.25398");
        assertThat(properties(xml).get("winnode.test.images")).as("the images the run deployed, one record of facts")
                .startsWith("agnhost=registry.k8s.io/e2e-test-images/agnhost:");
        assertThat(Files.readString(tmp.resolve("artifacts/metadata.json"))).contains("\"windows.builds\" : \"10.0.25398\"")
                .contains("\"test.images\" : \"agnhost=registry.k8s.io/e2e-test-images/agnhost:");
        assertThat(Files.readString(tmp.resolve("artifacts/parity-matrix.md"))).contains("windows 10.0.25398");
    }

    @Test
    void aRunWhoseWindowsSidesAllAbortedIsNotAPassAndSaysWhy() {
        // Fault D-70 on every node: Windows nodes whose build label is gone can be pinned to no build.
        client.nodes().withName("win-2022-1").delete();
        client.nodes().resource(node("win-unlabelled-1", "windows", null)).create();

        Invocation run = run(SIDES);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(run.out()).contains("No Windows side ran")
                .contains("no node.kubernetes.io/windows-build label").contains("win-unlabelled-1");
        assertThat(run.outLines().get(run.outLines().size() - 1)).isEqualTo("Summary: 1 passed, 0 failed, 1 skipped");
    }

    @Test
    void nodesPrintsTheInventory() {
        Invocation nodes = Invocation.of("nodes", "--kubeconfig", kubeconfig.toString());

        assertThat(nodes.exitCode()).as(nodes.err()).isZero();
        assertThat(nodes.out()).contains("Cluster:     REAL").contains("NAME").contains("linux-1").contains("win-2022-1");
    }

    @Test
    void theParityMatrixIsWrittenEvenWhenNoScenarioObservedParity() throws IOException {
        run(PASSING);

        assertThat(Files.readString(tmp.resolve("artifacts/parity-matrix.md"))).contains("No parity observations");
        assertThat(Files.readString(tmp.resolve("artifacts/parity-matrix.json"))).contains("\"winnode.cluster.kind\" : \"real\"");
    }

    @Test
    void anUndeclaredParityBehaviourKeepsTheReportsButIsNotGreen() {
        Invocation run = run("io.winnode.e2e.runner.fixtures.parity");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("parity matrix could not be built");
        assertThat(run.outLines().get(run.outLines().size() - 1)).isEqualTo("Summary: 1 passed, 0 failed, 0 skipped");
        assertThat(tmp.resolve("artifacts/junit_default.xml")).exists();
    }

    @Test
    void classesRunInParallelAndSerialTestsRunAloneAfterwards() {
        ExecutionLog.reset();

        Invocation run = run(EXECUTION, "--parallel", "2", "--test", "FirstConcurrentScenarios#meetsTheSecondClass,"
                + "SecondConcurrentScenarios#meetsTheFirstClass,SerialScenarios#runsAlone");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> events = ExecutionLog.events();
        assertThat(events).as("the two classes ran at the same time").contains("met:first", "met:second");
        assertThat(events.indexOf("start:serial")).as("the serial test started after the others ended: " + events)
                .isGreaterThan(events.indexOf("end:first")).isGreaterThan(events.indexOf("end:second"));
        assertThat(run.out()).contains("Serial tests (1), one class at a time");
    }

    @Test
    void allureKeepsTheStepsOfConcurrentTestsApart() throws IOException {
        ExecutionLog.reset();

        Invocation run = run(EXECUTION, "--parallel", "2", "--tags", "networking");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(ExecutionLog.events()).as("both steps were open at once").contains("met:first-in-step", "met:second-in-step");
        Map<String, String> resultByTest = new LinkedHashMap<>();
        resultFiles(tmp.resolve("allure")).stream().map(RunCommandTest::read)
                .forEach(json -> resultByTest.put(json.contains("meets the second class") ? "first" : "second", json));
        assertThat(resultByTest.get("first")).contains("step of the first class").doesNotContain("step of the second class");
        assertThat(resultByTest.get("second")).contains("step of the second class").doesNotContain("step of the first class");
    }

    @Test
    void aTestThatPassesOnRetryIsFlakyAndItsFailureStaysInTheJunitXml() throws Exception {
        ExecutionLog.reset();

        Invocation run = run(EXECUTION, "--retries", "1", "--tags", "storage");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(ExecutionLog.events()).as("only the failed side ran again").containsExactly("flaky", "flaky", "flaky");
        assertThat(run.out()).contains("Retry 1 of 1: running 1 failed test(s) again")
                .contains("flaky (passed on retry): [sig-windows] Flaky: passes on the second try [linux]");
        Document xml = parse(tmp.resolve("artifacts/junit_default.xml"));
        assertThat(testcaseNames(xml)).containsExactly(
                "[sig-windows] Flaky: passes on the second try [linux]",
                "[sig-windows] Flaky: passes on the second try [windows ltsc2022]",
                "[sig-windows] Flaky: passes on the second try [linux]");
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isOne();
        assertThat(((Element) cases.item(2)).getElementsByTagName("failure").getLength()).isZero();
        assertThat(caseProperties((Element) cases.item(2))).containsEntry(JunitXmlReport.ATTEMPT_PROPERTY, "2");
        assertThat(xml.getDocumentElement().getAttribute("failures")).as("a rerun does not hide the failure").isEqualTo("1");
    }

    @Test
    void withoutRetriesTheSameTestFailsTheRun() {
        ExecutionLog.reset();

        Invocation run = run(EXECUTION, "--retries", "0", "--tags", "storage");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(run.outLines().get(run.outLines().size() - 1)).isEqualTo("Summary: 1 passed, 1 failed, 0 skipped");
    }

    @Test
    void theRunMetadataSaysWhatRanOnWhat() throws IOException {
        Invocation run = run(PASSING, "--parallel", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        RunMetadata metadata = RunMetadata.readFrom(tmp.resolve("artifacts"));
        assertThat(metadata.values()).containsEntry(RunFact.SUITE.key(), "default")
                .containsEntry(RunFact.CLUSTER_KIND.key(), "real")
                .containsEntry(RunFact.KUBERNETES_VERSION.key(), "v1.34.1")
                .containsEntry(RunFact.WINDOWS_BUILDS.key(), "ltsc2022")
                .containsEntry(RunMetadata.PARALLEL, "3")
                .containsEntry(RunFact.FAULTS.key(), "none")
                .containsKeys(RunMetadata.PROJECT_VERSION, RunMetadata.JAVA_VERSION, RunMetadata.STARTED, RunMetadata.FINISHED);
        assertThat(run.out()).contains(tmp.resolve("artifacts").resolve(RunMetadata.FILE).toString());
    }

    @Test
    void onATerminalAStatusLineShowsProgressInPlace() {
        Invocation run = run(PASSING, "--progress", "live");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\r\u001b[K[0/4] ").contains("[4/4] ").contains(" elapsed, ")
                .contains("left - running [sig-windows] ");
    }

    @Test
    void inCiEveryResultLineStartsWithATimestamp() {
        Invocation run = run(PASSING, "--progress", "plain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ PASSED   \\[sig-windows].*"))
                .noneMatch(l -> l.contains("\u001b"));
    }

    @Test
    void aGateSuiteEndsWithTheSignoffVerdictAsItsExitCode() throws IOException {
        Invocation run = run(PASSING, "--suite", "release-gate");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(run.out()).contains("Verdict: FAIL").contains("ltsc2025");
        assertThat(Files.readString(tmp.resolve("artifacts/signoff.json"))).contains("\"FAIL\"").contains("ltsc2025");
    }

    @Test
    void withReportTheRunEndsWithTheHtmlReportAndItsParityPage() {
        Path report = tmp.resolve("report");

        Invocation run = run(PASSING, "--report", "--report-output", report.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(report.resolve("index.html")).isRegularFile();
        assertThat(report.resolve("parity-matrix.html")).isRegularFile();
        assertThat(run.out()).contains("Allure report:  " + report.resolve("index.html"));
        assertThat(run.outLines().get(run.outLines().size() - 1)).startsWith("Summary: ");
    }

    @Test
    void outOfRangeExecutionSettingsAreBadInput() {
        Invocation run = run(PASSING, "--parallel", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--parallel 0 is out of range");
    }

    private static Map<String, String> caseProperties(Element testcase) {
        var properties = new LinkedHashMap<String, String>();
        NodeList list = testcase.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            properties.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        return properties;
    }

    /** The mock API server runs no pods, so the pre-pull phase (which waits for its pods) is skipped. */
    private Invocation run(String scenariosPackage, String... extra) {
        var args = new ArrayList<>(List.of("run", "--kubeconfig", kubeconfig.toString(), "--scenarios-package", scenariosPackage,
                "--artifacts", tmp.resolve("artifacts").toString(), "--allure-results", tmp.resolve("allure").toString(),
                "--skip-prepull"));
        args.addAll(List.of(extra));
        return Invocation.of(args.toArray(String[]::new));
    }

    private static Node node(String name, String os, String windowsBuild) {
        var labels = new LinkedHashMap<String, String>();
        labels.put("kubernetes.io/os", os);
        labels.put("kubernetes.io/arch", "amd64");
        if (windowsBuild != null) {
            labels.put("node.kubernetes.io/windows-build", windowsBuild);
        }
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withNewNodeInfo().withOperatingSystem(os).withContainerRuntimeVersion("containerd://2.1.4").endNodeInfo()
                .endStatus()
                .build();
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> testcaseNames(Document xml) {
        NodeList cases = xml.getElementsByTagName("testcase");
        var names = new ArrayList<String>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static Map<String, String> properties(Document xml) {
        NodeList properties = xml.getElementsByTagName("property");
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            map.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        return map;
    }

    private static List<Path> resultFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
