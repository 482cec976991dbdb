package io.winnode.e2e;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.Winnode;
import io.winnode.e2e.framework.report.Redactor;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.winnode.e2e.framework.parity.ParityExpectations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job on the path a real cluster takes: {@code ./winnode cluster up} starts the embedded
 * cluster (the real control plane, simulated nodes) in the background, {@code ./winnode run
 * --kubeconfig} runs the whole default suite against it as against any cluster, passes, and leaves
 * the outputs each kind of user reads; sign-off still knows the cluster is simulated; a run as the
 * in-cluster runner's ServiceAccount ({@code manifests/runner/}) passes too, and fails as a setup
 * problem when its role lacks a verb; nothing either run writes holds a credential or a Secret's data,
 * while the failed tests leave their evidence; {@code ./winnode cluster down} leaves nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedClusterPathTest {

    /** The release controlplane/go.mod pins, read the way the launcher reads it. */
    private static final String PINNED_RELEASE =
            io.winnode.e2e.simulator.controlplane.ControlPlaneBuild.of(Path.of("controlplane"), System.getenv()).release();

    // Static: a PER_CLASS @BeforeAll runs before instance @TempDir fields are filled.
    @TempDir
    static Path work;

    private Path clusterDir;
    private Path kubeconfig;
    /** The admin kubeconfig with a bearer token beside its client key: the main run's credentials. */
    private Path kubeconfigWithToken;
    private Path artifacts;
    private Path allureResults;
    private int exitCode;

    @BeforeAll
    void startTheClusterAndRunTheDefaultSuiteThroughItsKubeconfig() throws IOException {
        clusterDir = work.resolve("cluster");
        kubeconfig = clusterDir.resolve("kubeconfig");
        assertThat(Winnode.execute("cluster", "up", "--dir", clusterDir.toString())).as("cluster up").isZero();
        artifacts = work.resolve("artifacts");
        allureResults = work.resolve("allure-results");
        kubeconfigWithToken = withServiceAccountToken(kubeconfig, clusterDir.resolve("kubeconfig-with-token"));
        exitCode = Winnode.execute("run", "--kubeconfig", kubeconfigWithToken.toString(),
                "--artifacts", artifacts.toString(), "--allure-results", allureResults.toString());
    }

    @AfterAll
    void clusterDownStopsEverythingAndRemovesItsFiles() throws Exception {
        Optional<ProcessHandle> holder = holder();
        List<ProcessHandle> controlPlane = holder.map(h -> h.descendants().toList()).orElse(List.of());

        assertThat(Winnode.execute("cluster", "down", "--dir", clusterDir.toString())).isZero();

        assertThat(holder).as("cluster up left a background process holding the cluster").isPresent();
        assertThat(controlPlane).as("the control plane runs under the holder").hasSizeGreaterThanOrEqualTo(4);
        assertThat(holder.get().isAlive()).isFalse();
        assertThat(controlPlane).noneMatch(ProcessHandle::isAlive);
        assertThat(clusterDir).doesNotExist();
    }

    private Optional<ProcessHandle> holder() throws IOException {
        Path pid = clusterDir.resolve("pid");
        return Files.exists(pid) ? ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())) : Optional.empty();
    }

    @Test
    @Order(1)
    void theKubeconfigLeadsToTheRealApiServerOfThePinnedRelease() throws IOException {
        assertThat(Files.getPosixFilePermissions(kubeconfig)).as("it holds a client key")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (KubernetesClient admin = admin()) {
            assertThat(admin.getKubernetesVersion().getGitVersion()).isEqualTo(PINNED_RELEASE);
        }
        assertThat(Files.readString(artifacts.resolve("metadata.json")))
                .contains("\"kubernetes.version\" : \"" + PINNED_RELEASE + "\"");
    }

    @Test
    @Order(2)
    void everyScenarioPassesOnEverySide() throws Exception {
        assertThat(exitCode).isZero();
        Element suite = junitXml().getDocumentElement();
        List<String> names = testcaseNames(suite);

        assertThat(names).hasSizeGreaterThanOrEqualTo(12 * 3).doesNotHaveDuplicates();
        assertThat(names).anyMatch(n -> n.endsWith("[linux]"))
                .anyMatch(n -> n.endsWith("[windows ltsc2022]"))
                .anyMatch(n -> n.endsWith("[windows ltsc2025]"));
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
        assertThat(suite.getElementsByTagName("error").getLength()).isZero();
    }

    @Test
    void theJunitXmlSaysTheClusterWasSimulated() throws Exception {
        NodeList properties = junitXml().getElementsByTagName("property");
        var found = new ArrayList<String>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            found.add(p.getAttribute("name") + "=" + p.getAttribute("value"));
        }
        assertThat(found).contains("winnode.cluster.kind=simulated");
    }

    @Test
    void allureHasOnePassedResultPerTestWithLabelsAndASimulatedEnvironment() throws Exception {
        List<Path> results;
        try (Stream<Path> files = Files.list(allureResults)) {
            results = files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList();
        }
        assertThat(results).hasSize(testcaseNames(junitXml().getDocumentElement()).size());
        for (Path result : results) {
            String json = Files.readString(result);
            assertThat(json).as(result.toString()).contains("\"status\":\"passed\"")
                    .contains("\"name\":\"feature\"").contains("\"name\":\"tag\"").contains("\"name\":\"OS\"");
        }
        assertThat(Files.readString(allureResults.resolve("environment.properties"))).containsIgnoringCase("simulated");
    }

    @Test
    void theParityMatrixIsWrittenWithEveryBehaviourPassing() throws IOException {
        String matrix = Files.readString(artifacts.resolve("parity-matrix.md"));

        assertThat(matrix).contains("STO-04").contains("Access is denied.").contains("NET-16b").contains("SCH-01");
        assertThat(matrix).as("the HostProcess rows of the default suite").contains("NET-04a").contains("SEC-02a")
                .contains("NET-04b").contains(ParityExpectations.load().row("NET-04b").sentence("own-ip"));
        assertThat(matrix).doesNotContain("| FAIL |").doesNotContain("| INCOMPLETE |");
    }

    @Test
    void aSignoffOfTheSimulatedRunIsInvalidNeverPass() throws IOException {
        int signoff = Winnode.execute("signoff", "--artifacts", artifacts.toString(), "--suite", "release-gate");

        assertThat(signoff).as("a pass on the simulated cluster signs off nothing").isEqualTo(ExitCodes.SIGNOFF_INVALID);
        assertThat(Files.readString(artifacts.resolve("signoff.json"))).contains("INVALID").contains("simulated");
        assertThat(Files.readString(artifacts.resolve("signoff.md"))).contains("INVALID");
    }

    @Test
    void theRunMetadataNamesTheSuiteAndTheSimulatedCluster() throws IOException {
        assertThat(Files.readString(artifacts.resolve("metadata.json")))
                .contains("\"suite\" : \"default\"").contains("\"cluster.kind\" : \"simulated\"")
                .contains("\"windows.builds\" : \"ltsc2022,ltsc2025\"");
    }

    // --- the in-cluster runner's identity (item 5 of the control-plane issue) -----------------------

    @Test
    @Order(10)
    void aRunAsTheRunnersServiceAccountBoundToItsClusterRolePasses() throws Exception {
        try (KubernetesClient admin = admin()) {
            RunnerIdentity.install(admin);
            Path serviceAccount = RunnerIdentity.kubeconfig(admin, work.resolve("runner-kubeconfig"));
            Path rbacArtifacts = work.resolve("rbac-artifacts");

            int code = Winnode.execute("run", "--kubeconfig", serviceAccount.toString(),
                    "--artifacts", rbacArtifacts.toString(), "--allure-results", work.resolve("rbac-allure").toString());

            assertThat(code).as("the default suite as system:serviceaccount:winnode-e2e:winnode-e2e").isZero();
            assertThat(junitXml(rbacArtifacts).getDocumentElement().getElementsByTagName("failure").getLength()).isZero();
        }
    }

    @Test
    @Order(11)
    void withoutCreateOnPodsExecTheTestsThatExecFailAsSetupProblemsWithTheApiServers403() throws Exception {
        try (KubernetesClient admin = admin()) {
            RunnerIdentity.revoke(admin, "pods/exec", "create");
            Path serviceAccount = RunnerIdentity.kubeconfig(admin, work.resolve("runner-kubeconfig"));
            Path rbacArtifacts = work.resolve("rbac-revoked-artifacts");

            int code = Winnode.execute("run", "--kubeconfig", serviceAccount.toString(), "--suite", "smoke",
                    "--artifacts", rbacArtifacts.toString(), "--allure-results", work.resolve("rbac-revoked-allure").toString());

            assertThat(code).isEqualTo(ExitCodes.TESTS_FAILED);
            List<String> failures = failureMessages(junitXml(rbacArtifacts).getDocumentElement());
            assertThat(failures).as("the smoke suite's exec-based tests").isNotEmpty()
                    .allSatisfy(m -> assertThat(m).startsWith("setup problem (not a Windows finding)").contains("403"));
            assertThat(testcaseNames(junitXml(rbacArtifacts).getDocumentElement()))
                    .as("tests that never exec still pass").hasSizeGreaterThan(failures.size());
        }
    }

    /**
     * Nothing the main run (a kubeconfig with a client key and a token; the suite's STO-06 Secret) or
     * the run that lacked a verb (a token; failed tests, so failure evidence) wrote holds the token,
     * the client key (base64, PEM or its body), anything shaped like a JWT, or the Secret's data.
     */
    @Test
    @Order(12)
    void noArtifactOfARunHoldsACredentialOrSecretDataWhileFailedTestsLeaveTheirEvidence() throws Exception {
        Config main = Config.fromKubeconfig(null, kubeconfigWithToken.toFile());
        Config runner = Config.fromKubeconfig(null, work.resolve("runner-kubeconfig").resolve("kubeconfig").toFile());
        var needles = new LinkedHashMap<String, String>();
        needles.put("main run's bearer token", main.getAutoOAuthToken());
        needles.put("runner's bearer token", runner.getAutoOAuthToken());
        String keyData = main.getClientKeyData();
        String keyPem = new String(Base64.getDecoder().decode(keyData), StandardCharsets.UTF_8);
        needles.put("client key (base64)", keyData);
        needles.put("client key (PEM body, first line)", keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow());
        needles.put("Secret data of STO-06", "s3cr3t-value");
        needles.put("Secret data of STO-06 (base64)", "czNjcjN0LXZhbHVl");
        assertThat(needles.values()).as("what is searched for").allSatisfy(n -> assertThat(n).hasSizeGreaterThan(10));
        Path revokedArtifacts = work.resolve("rbac-revoked-artifacts");
        List<Path> outputs = List.of(artifacts, allureResults, revokedArtifacts, work.resolve("rbac-revoked-allure"));

        var leaks = new ArrayList<String>();
        int scanned = 0;
        for (Path output : outputs) {
            try (Stream<Path> files = Files.walk(output)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    scanned++;
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    needles.forEach((what, needle) -> {
                        if (text.contains(needle)) {
                            leaks.add(file + " holds the " + what);
                        }
                    });
                    if (Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ").matcher(text).find()) {
                        leaks.add(file + " holds a JWT");
                    }
                }
            }
        }

        assertThat(leaks).as("of %d files", scanned).isEmpty();
        try (Stream<Path> files = Files.walk(allureResults)) {
            assertThat(files.filter(Files::isRegularFile).map(EmbeddedClusterPathTest::read))
                    .as("the scan is not vacuous: STO-06's exec step shows where its Secret's value was masked")
                    .anyMatch(text -> text.contains(Redactor.MASK));
        }
        Path evidence = revokedArtifacts.resolve("failures");
        List<String> evidenceFiles;
        try (Stream<Path> files = Files.walk(evidence)) {
            evidenceFiles = files.filter(Files::isRegularFile).map(f -> evidence.relativize(f).toString()).toList();
        }
        assertThat(evidenceFiles).as("the failed tests' evidence")
                .anyMatch(f -> f.endsWith("/test/failure.txt")).anyMatch(f -> f.endsWith("/test/steps.txt"))
                .anyMatch(f -> f.endsWith("/test/events.txt")).anyMatch(f -> f.endsWith(".describe.txt"))
                .anyMatch(f -> f.endsWith("/test/nodes.txt")).anyMatch(f -> f.contains("/test/log-"));
        assertThat(scanned).isGreaterThan(evidenceFiles.size());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the admin kubeconfig whose user also carries a token (TokenRequest) of a new ServiceAccount. */
    private static Path withServiceAccountToken(Path adminKubeconfig, Path copy) throws IOException {
        // The kubeconfig file's model, not the client's Config (same simple name), so it can be written back.
        var config = Serialization.unmarshal(Files.readString(adminKubeconfig), io.fabric8.kubernetes.api.model.Config.class);
        try (KubernetesClient admin = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(null, adminKubeconfig.toFile())).build()) {
            var account = admin.serviceAccounts().inNamespace("default").resource(
                    new ServiceAccountBuilder().withNewMetadata().withName("scanned-token")
                            .endMetadata().build()).create();
            String token = admin.serviceAccounts().inNamespace("default").withName(account.getMetadata().getName())
                    .tokenRequest(new TokenRequestBuilder().withNewSpec()
                            .withExpirationSeconds(3600L).endSpec().build()).getStatus().getToken();
            config.getUsers().get(0).getUser().setToken(token);
        }
        Files.createFile(copy, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(copy, Serialization.asYaml(config));
        return copy;
    }

    private KubernetesClient admin() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig.toFile())).build();
    }

    private static List<String> failureMessages(Element suite) {
        var messages = new ArrayList<String>();
        for (String tag : List.of("failure", "error")) {
            NodeList nodes = suite.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                messages.add(((Element) nodes.item(i)).getAttribute("message"));
            }
        }
        return messages;
    }

    private Document junitXml() throws Exception {
        return junitXml(artifacts);
    }

    private static Document junitXml(Path artifacts) throws Exception {
        Path file;
        try (Stream<Path> files = Files.list(artifacts)) {
            file = files.filter(f -> f.getFileName().toString().matches("junit_.*\\.xml")).findFirst().orElseThrow();
        }
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> testcaseNames(Element suite) {
        NodeList cases = suite.getElementsByTagName("testcase");
        var names = new ArrayList<String>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }
}
