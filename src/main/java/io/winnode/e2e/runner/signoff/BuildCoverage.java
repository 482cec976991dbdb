package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.runner.results.RunFact;
import io.winnode.e2e.runner.results.RunMetadata;
import io.winnode.e2e.runner.signoff.SignoffVerdict.Builds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which Windows builds a run covered, for the release gate. A build is covered when a Windows test
 * case ran on it (passed or failed, not skipped), according to the case names, and the cluster had
 * it, according to the metadata's {@code windows.builds}: both come from one run, so a build only
 * the case names show means the artifacts directory mixes runs.
 *
 * @param failures why a required build is not covered (one per build), and any mix-up of runs
 * @param warnings what could not be cross-checked
 */
record BuildCoverage(Builds builds, List<String> failures, List<String> warnings) {

    static BuildCoverage of(RunMetadata metadata, List<TestCaseResult> outcomes, List<String> required, String suite) {
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> ranOn = outcomes.stream().filter(o -> o.status().ran()).map(TestCaseResult::windowsBuild)
                .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
        List<String> cluster = metadata.get(RunFact.WINDOWS_BUILDS)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(null);
        Set<String> covered = new TreeSet<>(ranOn);
        if (cluster == null) {
            warnings.add(RunMetadata.FILE + " does not list the cluster's Windows builds (" + RunFact.WINDOWS_BUILDS.key()
                    + "); coverage is taken from the test case names alone.");
        } else {
            covered.retainAll(cluster);
            for (String build : ranOn) {
                if (!cluster.contains(build)) {
                    failures.add("Test cases ran on Windows " + build + ", but " + RunMetadata.FILE + " says the cluster had "
                            + list(cluster) + ": the artifacts directory mixes runs. Run the suite again into an empty "
                            + "--artifacts directory.");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String build : new LinkedHashSet<>(required)) {
            if (covered.contains(build)) {
                continue;
            }
            missing.add(build);
            if (cluster != null && !cluster.contains(build)) {
                failures.add("Required Windows build " + build + " was not covered: the cluster had no schedulable "
                        + build + " node (it had " + list(cluster) + "). Join a " + productName(build) + " node and run the "
                        + suite + " suite again.");
            } else if (!ranOn.contains(build)) {
                failures.add("Required Windows build " + build + " was not covered: no Windows test case ran on it "
                        + "(every one was skipped, or none was selected). Check the run's skips and selection.");
            }
        }
        return new BuildCoverage(new Builds(List.copyOf(required), List.copyOf(covered), List.copyOf(missing), cluster),
                List.copyOf(failures), List.copyOf(warnings));
    }

    private static String productName(String build) {
        return WindowsBuild.fromName(build).map(WindowsBuild::productName).orElse("Windows " + build);
    }

    private static String list(List<String> builds) {
        return builds.isEmpty() ? "none" : String.join(", ", builds);
    }
}
