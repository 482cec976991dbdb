package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.runner.results.JunitXmlFile.Attempt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one test case (one test on one OS side, one row of the dashboard) came to over all its
 * attempts in a run: a retried test appears in the JUnit XML once per attempt.
 *
 * @param name         the {@code <testcase>} name, e.g. {@code ... [windows ltsc2022]}
 * @param testId       {@code Class#method}, as {@code ./winnode list} and the quarantine file spell it
 * @param windowsBuild the build of a Windows side ({@code ltsc2022}); null for Linux, class setups and unnamed sides
 * @param attempts     how many times it ran (skips included)
 * @param message      the last failure's message (FAILED, FLAKY) or the skip's reason (SKIPPED); empty otherwise
 */
record TestCaseResult(String name, String testId, String windowsBuild, Status status, int attempts, String message) {

    enum Status {
        PASSED,
        /** Failed and never passed afterwards. */
        FAILED,
        /** Failed, then passed on a retry. */
        FLAKY,
        /** Never ran: every attempt was skipped or aborted. */
        SKIPPED;

        /** A case that ran (on a side a build is covered by), as opposed to one skipped. */
        boolean ran() {
            return this != SKIPPED;
        }
    }

    /** {@code [windows ltsc2022]}, the side suffix of a Windows invocation's name (see {@code Side.label()}). */
    private static final Pattern WINDOWS_SIDE = Pattern.compile("\\[windows ([^\\]\\s]+)]");
    /**
     * {@code JunitXmlReport} keeps two cases of one name apart by appending {@code  #2}: that is how a
     * retried attempt can be written, so the suffix is stripped to join attempts of one case.
     */
    private static final Pattern DUPLICATE_SUFFIX = Pattern.compile(" #\\d+$");

    /** Groups the attempts of each case name, in the order the cases first appear. */
    static List<TestCaseResult> of(List<Attempt> attempts) {
        Map<String, List<Attempt>> byName = new LinkedHashMap<>();
        for (Attempt attempt : attempts) {
            byName.computeIfAbsent(baseName(attempt.name()), n -> new ArrayList<>()).add(attempt);
        }
        List<TestCaseResult> outcomes = new ArrayList<>();
        byName.forEach((name, cases) -> outcomes.add(outcome(name, cases)));
        return List.copyOf(outcomes);
    }

    boolean failedOrFlaky() {
        return status == Status.FAILED || status == Status.FLAKY;
    }

    private static TestCaseResult outcome(String name, List<Attempt> cases) {
        // A pass only redeems the failures before it: pass-then-fail ended red.
        int lastFailure = -1;
        int lastPass = -1;
        for (int i = 0; i < cases.size(); i++) {
            switch (cases.get(i).outcome()) {
                case FAILED -> lastFailure = i;
                case PASSED -> lastPass = i;
                case SKIPPED -> { }
            }
        }
        Status status;
        String message = "";
        if (lastFailure >= 0) {
            status = lastPass > lastFailure ? Status.FLAKY : Status.FAILED;
            message = cases.get(lastFailure).message();
        } else if (lastPass >= 0) {
            status = Status.PASSED;
        } else {
            status = Status.SKIPPED;
            message = cases.get(cases.size() - 1).message();
        }
        return new TestCaseResult(name, cases.get(0).testId(), windowsBuild(name), status, cases.size(), message);
    }

    private static String baseName(String name) {
        return DUPLICATE_SUFFIX.matcher(name).replaceFirst("");
    }

    private static String windowsBuild(String name) {
        Matcher m = WINDOWS_SIDE.matcher(name);
        String build = null;
        while (m.find()) {
            build = m.group(1);
        }
        return build;
    }
}
