package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.runner.results.JunitXmlFile;
import io.winnode.e2e.runner.results.JunitXmlResults;
import io.winnode.e2e.runner.results.RunFact;
import io.winnode.e2e.runner.results.RunMetadata;
import io.winnode.e2e.runner.selection.QuarantineEntry;
import io.winnode.e2e.runner.signoff.SignoffVerdict.Cluster;
import io.winnode.e2e.runner.signoff.SignoffVerdict.Counts;
import io.winnode.e2e.runner.signoff.SignoffVerdict.Problem;
import io.winnode.e2e.runner.signoff.SignoffVerdict.QuarantineStatus;
import io.winnode.e2e.runner.signoff.SignoffVerdict.Verdict;
import io.winnode.e2e.runner.signoff.TestCaseResult.Status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The release gate's rules, on evidence already read ({@link SignoffEvidence}) and the day from a
 * {@link Clock}: no files, so every rule is tested on its own.
 *
 * <ul>
 *   <li><b>INVALID</b>: the run was not on a real cluster, or faults were injected. Whatever its tests
 *       said, it proves nothing about a cluster.</li>
 *   <li><b>FAIL</b>: a failed or flaky test an unexpired quarantine entry does not shield, an expired
 *       entry, a required Windows build no test ran on, no test run at all, or a run of another suite.</li>
 *   <li><b>PASS</b> otherwise.</li>
 * </ul>
 * Every reason is listed, not just the first, so one rerun can fix them all.
 */
final class SignoffGate {

    static final String REAL = "real";
    static final String NO_FAULTS = "none";
    /** Failure messages are cut to this in reasons; the full text is in the JUnit XML. */
    private static final int MESSAGE_LENGTH = 300;

    private SignoffGate() {
    }

    static SignoffVerdict judge(SignoffEvidence evidence, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        RunMetadata metadata = evidence.metadata();
        List<TestCaseResult> outcomes = TestCaseResult.of(evidence.reports().stream().flatMap(r -> r.cases().stream()).toList());
        Map<String, QuarantineEntry> shields = evidence.quarantine().stream()
                .filter(e -> e.shields(today))
                .collect(Collectors.toMap(QuarantineEntry::test, Function.identity()));

        List<String> invalid = invalidReasons(evidence);
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        suiteReasons(evidence, failures);
        if (outcomes.stream().noneMatch(o -> o.status().ran())) {
            failures.add(noTestRan(evidence, outcomes));
        }
        judgeTests(outcomes, shields, failures, warnings);
        judgeQuarantine(evidence.quarantine(), outcomes, today, failures, warnings);
        BuildCoverage coverage = BuildCoverage.of(metadata, outcomes, evidence.requiredBuilds(), evidence.suite());
        failures.addAll(coverage.failures());
        warnings.addAll(coverage.warnings());
        for (String ignored : evidence.ignoredReports()) {
            warnings.add("Ignored " + ignored + ".");
        }

        Verdict verdict = !invalid.isEmpty() ? Verdict.INVALID : !failures.isEmpty() ? Verdict.FAIL : Verdict.PASS;
        List<String> reasons = new ArrayList<>(invalid);
        reasons.addAll(failures);
        return new SignoffVerdict(verdict, evidence.suite(), metadata.get(RunFact.SUITE).orElse(null), today.toString(),
                new Cluster(metadata.get(RunFact.CLUSTER_KIND).orElse(null),
                        metadata.get(RunFact.KUBERNETES_VERSION).orElse(null),
                        metadata.get(RunFact.API_SERVER).orElse(null),
                        metadata.get(RunFact.RUN_ID).orElse(null)),
                List.copyOf(reasons), List.copyOf(warnings), coverage.builds(), counts(outcomes, shields),
                problems(outcomes, shields), quarantineStatus(evidence.quarantine(), outcomes, today), metadata.values());
    }

    /** Why the run cannot be judged at all; the metadata decides, and the JUnit XML must not contradict it. */
    private static List<String> invalidReasons(SignoffEvidence evidence) {
        List<String> reasons = new ArrayList<>();
        String rerun = " Run the " + evidence.suite() + " suite against a real cluster with --kubeconfig (./winnode run --suite "
                + evidence.suite() + " --kubeconfig PATH) and sign off on that run.";
        Optional<String> kind = evidence.metadata().get(RunFact.CLUSTER_KIND);
        if (kind.isEmpty()) {
            reasons.add(RunMetadata.FILE + " does not say which cluster the run used (no " + RunFact.CLUSTER_KIND.key()
                    + "), so it cannot be shown to be a real one." + rerun);
        } else if (!REAL.equals(kind.get())) {
            reasons.add("The run was on a " + kind.get() + " cluster, not a real one: a pass there proves the suite, "
                    + "not a cluster." + rerun);
        }
        Optional<String> faults = evidence.metadata().get(RunFact.FAULTS);
        if (faults.isEmpty()) {
            reasons.add(RunMetadata.FILE + " does not say whether faults were injected (no " + RunFact.FAULTS.key()
                    + "), so the run cannot be shown to be clean." + rerun);
        } else if (!NO_FAULTS.equalsIgnoreCase(faults.get())) {
            reasons.add("Faults were injected (" + faults.get() + "): their failures were provoked on purpose. Run again "
                    + "without --faults." + rerun);
        }
        for (JunitXmlFile report : evidence.reports()) {
            String file = report.file().getFileName().toString();
            String xmlKind = report.properties().get(RunFact.CLUSTER_KIND.junitProperty());
            if (xmlKind != null && !REAL.equals(xmlKind) && kind.filter(REAL::equals).isPresent()) {
                reasons.add(file + " says the run was on a " + xmlKind + " cluster although " + RunMetadata.FILE
                        + " says real: the artifacts directory mixes runs." + rerun);
            }
            String xmlFaults = report.properties().get(RunFact.FAULTS.junitProperty());
            if (xmlFaults != null && !NO_FAULTS.equalsIgnoreCase(xmlFaults) && faults.filter(NO_FAULTS::equalsIgnoreCase).isPresent()) {
                reasons.add(file + " says faults " + xmlFaults + " were injected although " + RunMetadata.FILE
                        + " says none: the artifacts directory mixes runs." + rerun);
            }
        }
        return reasons;
    }

    private static void suiteReasons(SignoffEvidence evidence, List<String> failures) {
        Optional<String> ran = evidence.metadata().get(RunFact.SUITE);
        if (ran.isEmpty()) {
            failures.add(RunMetadata.FILE + " does not name the suite the run ran, so it cannot be shown to be the "
                    + evidence.suite() + " suite. Run ./winnode run --suite " + evidence.suite() + " again.");
        } else if (!ran.get().equals(evidence.suite())) {
            failures.add("The run ran the " + ran.get() + " suite, but sign-off was asked for the " + evidence.suite()
                    + " suite. Run ./winnode run --suite " + evidence.suite() + ", or sign off with --suite " + ran.get() + ".");
        }
    }

    private static String noTestRan(SignoffEvidence evidence, List<TestCaseResult> outcomes) {
        String what = evidence.reports().isEmpty()
                ? "there is no junit_*.xml of this run in " + evidence.artifacts()
                : "all " + outcomes.size() + " test cases were skipped";
        return "No test ran: " + what + ". A gate cannot pass on nothing; check the run's log and its selection "
                + "(./winnode list --suite " + evidence.suite() + ").";
    }

    /** A failed or flaky case fails the gate unless an unexpired entry shields its test; then it is a warning. */
    private static void judgeTests(List<TestCaseResult> outcomes, Map<String, QuarantineEntry> shields, List<String> failures,
                                   List<String> warnings) {
        for (TestCaseResult outcome : outcomes) {
            if (outcome.failedOrFlaky()) {
                QuarantineEntry shield = shields.get(outcome.testId());
                if (shield == null) {
                    failures.add(unshielded(outcome));
                } else {
                    warnings.add(shielded(outcome, shield));
                }
            }
        }
    }

    /** An expired entry fails the gate whether or not its test failed: a quarantine must not outlive its date. */
    private static void judgeQuarantine(List<QuarantineEntry> entries, List<TestCaseResult> outcomes, LocalDate today,
                                        List<String> failures, List<String> warnings) {
        for (QuarantineEntry entry : entries) {
            switch (entry.state(today)) {
                case EXPIRED -> failures.add("Quarantine entry for " + entry.test() + " expired on " + entry.expires()
                        + " (" + entry.describe() + "): it no longer shields the test. Fix the test and remove the entry, "
                        + "or renew it with a new expires date and a reason.");
                case EXPIRING_SOON -> warnings.add("Quarantine entry for " + entry.test() + " expires on " + entry.expires()
                        + " (in " + entry.daysLeft(today) + " days; " + entry.describe() + "); after that its failures "
                        + "fail the gate. Fix the test, or renew the entry.");
                case ACTIVE -> { }
            }
            if (entry.shields(today) && "passed".equals(seen(entry.test(), outcomes))) {
                warnings.add("Quarantined test " + entry.test() + " passed wherever it ran in this run; if "
                        + entry.issue() + " is fixed, remove its quarantine entry.");
            }
        }
    }

    private static String unshielded(TestCaseResult outcome) {
        String message = JunitXmlResults.oneLine(outcome.message(), MESSAGE_LENGTH);
        if (outcome.status() == Status.FLAKY) {
            return "Flaky: " + outcome.name() + " (" + outcome.testId() + ") failed, then passed on a retry ("
                    + outcome.attempts() + " attempts; failure: " + message + "). A release gate does not accept a pass "
                    + "that needed a retry: fix the test or the node, or quarantine it with an issue.";
        }
        return "Failed: " + outcome.name() + " (" + outcome.testId() + "): " + message;
    }

    private static String shielded(TestCaseResult outcome, QuarantineEntry shield) {
        return "Quarantined test " + (outcome.status() == Status.FLAKY ? "was flaky" : "failed") + ": " + outcome.name()
                + " (" + outcome.testId() + "), shielded until " + shield.expires() + " (" + shield.describe() + "): "
                + JunitXmlResults.oneLine(outcome.message(), MESSAGE_LENGTH);
    }

    private static Counts counts(List<TestCaseResult> outcomes, Map<String, QuarantineEntry> shields) {
        return new Counts(count(outcomes, Status.PASSED), count(outcomes, Status.FAILED), count(outcomes, Status.FLAKY),
                count(outcomes, Status.SKIPPED),
                (int) outcomes.stream().filter(o -> o.failedOrFlaky() && shields.containsKey(o.testId())).count());
    }

    private static int count(List<TestCaseResult> outcomes, Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }

    private static List<Problem> problems(List<TestCaseResult> outcomes, Map<String, QuarantineEntry> shields) {
        return outcomes.stream().filter(TestCaseResult::failedOrFlaky)
                .map(o -> new Problem(o.name(), o.testId(), o.status(), shields.containsKey(o.testId()),
                        JunitXmlResults.oneLine(o.message(), MESSAGE_LENGTH)))
                .toList();
    }

    private static List<QuarantineStatus> quarantineStatus(List<QuarantineEntry> entries, List<TestCaseResult> outcomes,
                                                           LocalDate today) {
        return entries.stream()
                .map(e -> new QuarantineStatus(e.test(), e.issue().toString(), e.owner(), e.expires().toString(), e.reason(),
                        e.state(today), e.daysLeft(today), seen(e.test(), outcomes)))
                .toList();
    }

    /** What a quarantined test did in the run: failed if any side failed, then flaky, passed, or not run. */
    private static String seen(String testId, List<TestCaseResult> outcomes) {
        Set<Status> statuses = outcomes.stream().filter(o -> o.testId().equals(testId)).map(TestCaseResult::status)
                .collect(Collectors.toSet());
        if (statuses.contains(Status.FAILED)) {
            return "failed";
        }
        if (statuses.contains(Status.FLAKY)) {
            return "flaky";
        }
        return statuses.contains(Status.PASSED) ? "passed" : "not run";
    }
}
