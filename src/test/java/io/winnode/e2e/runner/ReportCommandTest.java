package io.winnode.e2e.runner;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.parity.Observation;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.parity.ParityExpectations;
import io.winnode.e2e.framework.parity.ParityLedger;
import io.winnode.e2e.framework.parity.ParityRow;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.runner.report.AllureReport;
import io.winnode.e2e.runner.report.ParityMatrixPage;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.run.ParityReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code ./winnode report} against a small results directory, with the Allure command line the build
 * unpacked: the report, its categories, its Parity tab and page, and trends across two generations.
 */
class ReportCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void generatesTheReportWithCategoriesParityTabAndTrends() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("allure-results"));
        Path output = tmp.resolve("report");
        writeRunResults(results);

        AllureReport.Generated first = AllureReport.generate(results, output, Optional.empty());

        assertThat(first.index()).isEqualTo(output.resolve("index.html")).isRegularFile();
        assertThat(first.historyFrom()).isEmpty();
        // The Parity tab: the plugin is loaded into the report and frames the parity page.
        assertThat(Files.readString(first.index())).contains("plugin/winnode-parity/index.js")
                .as("no analytics script in an offline report").doesNotContain("googletagmanager");
        assertThat(output.resolve("plugin/winnode-parity/index.js")).content().contains("addTab('parity'")
                .contains(ParityMatrixPage.FILE_NAME);
        String parityPage = Files.readString(first.parityPage());
        assertThat(first.parityPage()).isEqualTo(output.resolve(ParityMatrixPage.FILE_NAME));
        assertThat(parityPage).contains("<tr id=\"NET-01c\">").contains("<tr id=\"SCH-04\">")
                .contains("<span class=\"badge\">FAIL</span> not connected: REFUSED")
                .contains("<th>linux</th><th>windows ltsc2022</th>");
        assertThat(categoryNames(output)).containsExactlyInAnyOrder("Windows parity gap", "Test defect");
        assertThat(JSON.readTree(output.resolve("widgets/history-trend.json").toFile()).size()).isEqualTo(1);

        Invocation second = Invocation.of("report", "--results", results.toString(), "--output", output.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("Allure report:  " + output.resolve("index.html"))
                .contains("trends continue from " + output)
                .contains("Parity matrix:  " + output.resolve(ParityMatrixPage.FILE_NAME));
        assertThat(JSON.readTree(output.resolve("widgets/history-trend.json").toFile()).size()).isEqualTo(2);
        assertThat(output.resolve(ParityMatrixPage.FILE_NAME)).isRegularFile();
    }

    @Test
    void helpListsTheCommandAndItsOptions() {
        Invocation help = Invocation.of("report", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--results=DIR").contains("--output=DIR").contains("--history-from=DIR")
                .contains("--allure=DIR").contains("Exit codes:");
        assertThat(Invocation.of("--help").out()).contains("report");
    }

    @Test
    void noResultsDirectoryIsBadInput() {
        Invocation report = Invocation.of("report", "--results", tmp.resolve("nothing").toString());

        assertThat(report.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(report.err()).contains("No Allure results directory " + tmp.resolve("nothing")).contains("./winnode run");
    }

    @Test
    void aResultsDirectoryWithoutTestResultsIsBadInput() throws IOException {
        Files.writeString(tmp.resolve("environment.properties"), "cluster.kind=simulated\n");

        Invocation report = Invocation.of("report", "--results", tmp.toString(), "--output", tmp.resolve("out").toString());

        assertThat(report.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(report.err()).contains("holds no test results (*-result.json)");
    }

    @Test
    void anOutputThatHoldsTheResultsIsRefusedBeforeItIsWiped() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("report/allure-results"));
        Path kept = Files.writeString(results.resolve(UUID.randomUUID() + "-result.json"), "{}");

        Invocation report = Invocation.of("report", "--results", results.toString(), "--output", tmp.resolve("report").toString());

        assertThat(report.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(report.err()).contains("would be wiped");
        assertThat(kept).exists();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aFailingCommandLineExitsFourWithItsOutput() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(results.resolve(UUID.randomUUID() + "-result.json"), "{}");
        Path fake = Files.createDirectories(tmp.resolve("allure/bin"));
        Path launcher = Files.writeString(fake.resolve("allure"), "#!/bin/sh\necho 'Could not parse arguments: bad results'\nexit 1\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

        Invocation report = Invocation.of("report", "--results", results.toString(), "--output", tmp.resolve("out").toString(),
                "--allure", tmp.resolve("allure").toString());

        assertThat(report.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(report.err()).contains("bin/allure generate exited with code 1").contains("the Allure command line failed").contains("Could not parse arguments: bad results");
    }

    // --- a run's results, written the way a run writes them -----------------------------------

    /** Three tests (one passed, one a Windows parity gap, one broken) and the run's parity matrix. */
    private static void writeRunResults(Path results) {
        var writer = new FileSystemResultsWriter(results);
        ParityExpectations expectations = ParityExpectations.load();
        ParityRow net01c = expectations.row("NET-01c");
        Side ltsc2022 = Side.windows(WindowsBuild.LTSC2022);
        writer.write(result("pods connect to Linux backends through a ClusterIP Service [linux]", Status.PASSED, null));
        writer.write(result("pods connect to Linux backends through a ClusterIP Service [windows ltsc2022]", null,
                catchThrowable(() -> new ParityCheck(net01c, ltsc2022, new ParityLedger()).verify(Observed.detail("not connected: REFUSED"), "win-1"))));
        writer.write(result("a Linux-only image runs on Linux nodes [windows ltsc2022]", null,
                new IllegalStateException("manifest template images/linux-only.yaml names no image")));

        List<Observation> observations = new ArrayList<>();
        observations.add(observation(expectations, "NET-01c", Side.linux(), "connected"));
        observations.add(observation(expectations, "NET-01c", ltsc2022, "not connected: REFUSED"));
        observations.add(observation(expectations, "SCH-04", Side.linux(), "running"));
        observations.add(observation(expectations, "SCH-04", ltsc2022, expectations.row("SCH-04").expectedOn(OsFamily.WINDOWS).orElseThrow()));
        Map<String, String> run = new LinkedHashMap<>(Map.of("winnode.cluster.kind", "simulated"));
        ParityReport.of(observations).writeTo(results, run);
    }

    private static Observation observation(ParityExpectations expectations, String id, Side side, String observed) {
        String expected = expectations.row(id).expectedOn(side.os()).orElseThrow();
        return new Observation(id, side, side.slug() + "-1", observed, expected, true);
    }

    private static TestResult result(String name, Status passed, Throwable failure) {
        long now = System.currentTimeMillis();
        return new TestResult().setUuid(UUID.randomUUID().toString()).setHistoryId(name).setName(name).setFullName(name)
                .setStatus(failure == null ? passed : ResultsUtils.getStatus(failure).orElseThrow())
                .setStatusDetails(failure == null ? null : ResultsUtils.getStatusDetails(failure).orElseThrow())
                .setStart(now - 1000).setStop(now)
                .setLabels(List.of(new Label().setName("suite").setValue("winnode report fixture")));
    }

    private static List<String> categoryNames(Path report) {
        JsonNode tree = JSON.readTree(report.resolve("data/categories.json").toFile());
        var names = new ArrayList<String>();
        tree.get("children").forEach(child -> names.add(child.get("name").asString()));
        return names;
    }
}
