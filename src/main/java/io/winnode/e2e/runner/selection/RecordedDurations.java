package io.winnode.e2e.runner.selection;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.runner.results.JunitXmlResults;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code --durations FILE|DIR}: how long each test took in a previous run, read from its
 * {@code junit_*.xml}, so {@link ShardPlan} can balance shards by time. A test's duration is the sum of
 * the {@code time} of its {@code <testcase>}s (one per OS side, and one per retry), joined to the test
 * by their {@code winnode.test.id} property; cases without one (a broken class setup) are not tests
 * and are skipped.
 */
final class RecordedDurations {

    private RecordedDurations() {
    }

    static Map<String, Duration> read(Path fileOrDirectory) {
        if (!Files.exists(fileOrDirectory)) {
            throw new InvalidInputException("--durations " + fileOrDirectory + " does not exist; pass a previous run's "
                    + "junit_<suite>.xml or the artifacts directory holding it.");
        }
        List<Path> files = Files.isDirectory(fileOrDirectory) ? JunitXmlResults.reportFiles(fileOrDirectory) : List.of(fileOrDirectory);
        if (files.isEmpty()) {
            throw new InvalidInputException("--durations " + fileOrDirectory + " holds no junit_*.xml; pass a previous "
                    + "run's artifacts directory (--artifacts) or one of its junit_<suite>.xml files.");
        }
        Map<String, Duration> durations = new TreeMap<>();
        for (Path file : files) {
            NodeList cases = parse(file).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                Optional<String> id = JunitXmlResults.recordedTestId(testcase);
                if (id.isPresent()) {
                    durations.merge(id.get(), time(file, testcase), Duration::plus);
                }
            }
        }
        return durations;
    }

    private static Document parse(Path file) {
        try {
            return JunitXmlResults.parse(file);
        } catch (IllegalStateException e) {
            throw new InvalidInputException(e.getMessage() + ". --durations needs a JUnit XML report written by "
                    + "./winnode run.", e);
        }
    }

    /** The case's {@code time} attribute (seconds, e.g. {@code 12.345}); a missing one counts as 0. */
    private static Duration time(Path file, Element testcase) {
        String seconds = testcase.getAttribute("time").strip();
        if (seconds.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            BigDecimal value = new BigDecimal(seconds);
            if (value.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return Duration.ofMillis(value.movePointRight(3).longValue());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": testcase '" + testcase.getAttribute("name") + "' has time '"
                    + seconds + "', not a number of seconds. Pass an unedited report of ./winnode run.", e);
        }
    }
}
