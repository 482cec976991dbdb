package io.winnode.e2e.runner.selection;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --durations} reads a previous run's JUnit XML: a test's time is the sum of its cases'. */
public class RecordedDurationsTest {

    @TempDir
    Path tmp;

    @Test
    void aTestsDurationIsTheSumOfItsCasesAcrossSidesAndFiles() throws IOException {
        write("junit_default.xml", testCase("A#a", "1.5"), testCase("A#a", "2.25"), testCase("B#b", "4"));
        write("junit_serial.xml", testCase("A#a", "0.25"));

        assertThat(RecordedDurations.read(tmp))
                .containsEntry("A#a", Duration.ofMillis(4_000))
                .containsEntry("B#b", Duration.ofSeconds(4))
                .hasSize(2);
    }

    @Test
    void aFileIsReadAloneAndCasesWithoutATestIdAreSkipped() throws IOException {
        Path file = write("junit_default.xml", testCase("A#a", "1"),
                "<testcase name=\"class setup\" classname=\"io.winnode.e2e.scenarios.A\" time=\"9\"><error message=\"x\"/></testcase>");
        write("junit_other.xml", testCase("B#b", "4"));

        assertThat(RecordedDurations.read(file)).containsOnlyKeys("A#a");
    }

    @Test
    void otherFilesInTheDirectoryAreIgnored() throws IOException {
        write("junit_default.xml", testCase("A#a", "1"));
        write("parity-matrix.json", "{}");

        assertThat(RecordedDurations.read(tmp)).containsOnlyKeys("A#a");
    }

    @Test
    void aMissingPathOrADirectoryWithoutReportsIsBadInput() {
        assertThatThrownBy(() -> RecordedDurations.read(tmp.resolve("nope"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> RecordedDurations.read(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no junit_*.xml");
    }

    @Test
    void aTimeThatIsNotANumberIsBadInput() throws IOException {
        write("junit_default.xml", testCase("A#a", "soon"));

        assertThatThrownBy(() -> RecordedDurations.read(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'soon'");
    }

    @Test
    void aFileThatIsNotXmlIsBadInput() throws IOException {
        Path file = Files.writeString(tmp.resolve("junit_x.xml"), "not xml");

        assertThatThrownBy(() -> RecordedDurations.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Cannot parse JUnit XML");
    }

    public static String testCase(String id, String seconds) {
        return "<testcase name=\"" + id + " [linux]\" classname=\"io.winnode.e2e.scenarios.X\" time=\"" + seconds + "\">"
                + "<properties><property name=\"winnode.test.id\" value=\"" + id + "\"/></properties></testcase>";
    }

    private Path write(String name, String... cases) throws IOException {
        return Files.writeString(tmp.resolve(name), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"s\">\n"
                + String.join("\n", cases) + "\n</testsuite>\n");
    }
}
