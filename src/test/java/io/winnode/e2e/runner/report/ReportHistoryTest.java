package io.winnode.e2e.runner.report;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which report's history the next generation continues. */
class ReportHistoryTest {

    @TempDir
    Path tmp;

    private Path report(String name, String trend) throws IOException {
        Path report = tmp.resolve(name);
        Files.createDirectories(report.resolve("history"));
        Files.writeString(report.resolve("history/history-trend.json"), trend);
        return report;
    }

    @Test
    void theReportAboutToBeReplacedHandsOnItsHistory() throws IOException {
        Path output = report("output", "[\"previous\"]");
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.createDirectories(results.resolve("history"));
        Files.writeString(results.resolve("history/stale.json"), "{}");

        assertThat(ReportHistory.carryOver(Optional.empty(), output, results)).contains(output);
        assertThat(results.resolve("history/history-trend.json")).hasContent("[\"previous\"]");
        assertThat(results.resolve("history/stale.json")).doesNotExist();
    }

    @Test
    void historyFromWinsOverTheOutputsHistory() throws IOException {
        Path output = report("output", "[\"local\"]");
        Path ci = report("ci-report", "[\"ci\"]");
        Path results = Files.createDirectories(tmp.resolve("results"));

        assertThat(ReportHistory.carryOver(Optional.of(ci), output, results)).contains(ci);
        assertThat(results.resolve("history/history-trend.json")).hasContent("[\"ci\"]");
    }

    @Test
    void aFirstReportHasNoHistory() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("results"));

        assertThat(ReportHistory.carryOver(Optional.empty(), tmp.resolve("new-output"), results)).isEmpty();
        assertThat(results.resolve("history")).doesNotExist();
    }

    @Test
    void aHistorySourceWithoutHistoryIsBadInput() {
        assertThatThrownBy(() -> ReportHistory.carryOver(Optional.of(tmp), tmp.resolve("out"), tmp.resolve("results")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--history-from " + tmp + " holds no history/");
    }
}
