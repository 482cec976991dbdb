package io.winnode.e2e;

import io.winnode.e2e.runner.ExitCodes;
import io.winnode.e2e.runner.Winnode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job, end to end: {@code ./winnode run --cluster simulated} runs the whole default suite
 * on the embedded simulated cluster, passes, and leaves the outputs each kind of user reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SliceOnSimulatedClusterTest {

    // Static: a PER_CLASS @BeforeAll runs before instance @TempDir fields are filled.
    @TempDir
    static Path work;

    private Path artifacts;
    private Path allureResults;
    private int exitCode;

    @BeforeAll
    void runTheDefaultSuiteOnTheSimulatedCluster() {
        artifacts = work.resolve("artifacts");
        allureResults = work.resolve("allure-results");
        exitCode = Winnode.execute("run", "--cluster", "simulated",
                "--artifacts", artifacts.toString(), "--allure-results", allureResults.toString());
    }

    @Test
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
                .contains("NET-04b").contains("pod has its own IP");
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

    private Document junitXml() throws Exception {
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
