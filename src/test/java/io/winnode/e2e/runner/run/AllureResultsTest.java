package io.winnode.e2e.runner.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report-side files of the Allure results directory. */
class AllureResultsTest {

    @TempDir
    Path dir;

    @Test
    void aProwJobIsNamedInExecutorJson() throws IOException {
        AllureResults results = AllureResults.prepare(dir);

        results.writeExecutor(Map.of("PROW_JOB_ID", "abc", "JOB_NAME", "ci-winnode-e2e", "BUILD_ID", "1234")::get);

        assertThat(Files.readString(dir.resolve("executor.json")))
                .contains("\"name\" : \"Prow\"").contains("\"buildName\" : \"ci-winnode-e2e #1234\"")
                .contains("\"reportName\" : \"ci-winnode-e2e\"");
    }

    @Test
    void aLocalRunIsNamedAsSuch() throws IOException {
        AllureResults results = AllureResults.prepare(dir);

        results.writeExecutor(Map.<String, String>of()::get);

        assertThat(Files.readString(dir.resolve("executor.json"))).contains("\"name\" : \"Local run\"")
                .contains("\"type\" : \"local\"");
    }

    @Test
    void environmentValuesStayOnOneLine() throws IOException {
        AllureResults results = AllureResults.prepare(dir);
        var environment = new LinkedHashMap<String, String>();
        environment.put("cluster.kind", "simulated");
        environment.put("tags", "a\nb");

        results.writeEnvironment(environment);

        assertThat(Files.readAllLines(dir.resolve("environment.properties")))
                .containsExactly("cluster.kind=simulated", "tags=a\\nb");
    }
}
