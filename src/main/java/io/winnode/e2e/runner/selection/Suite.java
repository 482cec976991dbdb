package io.winnode.e2e.runner.selection;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.WindowsBuild;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One suite file, {@code suites/<name>.yaml}: a named selection of scenarios and how to run them.
 * Every field but {@code name} is optional; {@link #validate} checks the values once, when loaded.
 *
 * @param include               tag expression a test must match (absent: every test)
 * @param exclude               tag expression a test must not match (absent: nothing excluded)
 * @param includeTests          test ids ({@code Class#method}) selected whatever their tags, each with a reason
 * @param excludeTests          test ids left out whatever their tags, each with a reason
 * @param timeout               the longest one test may run, e.g. {@code 10m} (absent: no limit)
 * @param retries               how often a failed test is run again; a pass on retry is recorded as flaky
 * @param parallel              how many test classes run at once (absent: 1); {@code --parallel} overrides
 * @param requiredWindowsBuilds the Windows builds ({@code ltsc2022}) a sign-off needs covered
 * @param signoff               whether a run of this suite ends with the release sign-off verdict
 */
public record Suite(String name, String description, String include, String exclude,
                    List<TestReason> includeTests, List<TestReason> excludeTests,
                    String timeout, Integer retries, Integer parallel,
                    List<String> requiredWindowsBuilds, Boolean signoff) {

    /** A test id with the reason a suite names it explicitly. */
    public record TestReason(@JsonProperty(required = true) String id, @JsonProperty(required = true) String reason) {
    }

    public static final int MAX_RETRIES = 5;
    public static final int MAX_PARALLEL = 64;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h)");

    public Suite {
        includeTests = includeTests == null ? List.of() : List.copyOf(includeTests);
        excludeTests = excludeTests == null ? List.of() : List.copyOf(excludeTests);
        requiredWindowsBuilds = requiredWindowsBuilds == null ? List.of() : List.copyOf(requiredWindowsBuilds);
    }

    /** A suite of just a tag selection, for tests and ad-hoc selections. */
    public static Suite ofTags(String name, String include, String exclude) {
        return new Suite(name, null, include, exclude, null, null, null, null, null, null, null);
    }

    /** {@code (include) & !(exclude)}, the suite's selection as one JUnit tag expression. */
    public String tagExpression() {
        String included = blank(include) ? "any()" : "(" + include.strip() + ")";
        return blank(exclude) ? included : included + " & !(" + exclude.strip() + ")";
    }

    /** The per-test time limit, if the suite sets one. */
    public Optional<Duration> testTimeout() {
        return blank(timeout) ? Optional.empty() : Optional.of(parseDuration(timeout));
    }

    /** A gate suite: {@code run} judges the run for sign-off (see {@code Signoff}) and exits with the verdict. */
    public boolean signsOff() {
        return Boolean.TRUE.equals(signoff);
    }

    public int retryCount() {
        return retries == null ? 0 : retries;
    }

    public int parallelClasses() {
        return parallel == null ? 1 : parallel;
    }

    public List<WindowsBuild> requiredBuilds() {
        return requiredWindowsBuilds.stream().map(b -> WindowsBuild.fromName(b).orElseThrow()).toList();
    }

    /** Checks the values the YAML types cannot; {@code origin} names the file in messages. */
    Suite validate(String origin) {
        if (retries != null && (retries < 0 || retries > MAX_RETRIES)) {
            throw new InvalidInputException(origin + ": retries " + retries + " is out of range; use 0 to "
                    + MAX_RETRIES + " (a test that needs more retries is broken, not flaky).");
        }
        if (parallel != null && (parallel < 1 || parallel > MAX_PARALLEL)) {
            throw new InvalidInputException(origin + ": parallel " + parallel + " is out of range; use 1 to " + MAX_PARALLEL + ".");
        }
        if (!blank(timeout)) {
            try {
                parseDuration(timeout);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(origin + ": timeout '" + timeout + "' is not a duration; write e.g. 90s, 10m or 1h.");
            }
        }
        for (String build : requiredWindowsBuilds) {
            if (WindowsBuild.fromName(build).isEmpty()) {
                throw new InvalidInputException(origin + ": requiredWindowsBuilds names unknown build '" + build
                        + "'; name a known build (" + String.join(", ", WindowsBuild.known().stream()
                        .map(WindowsBuild::shortName).toList()) + ") or any other by its build number, e.g. 10.0.25398.");
            }
        }
        for (TestReason t : concat(includeTests, excludeTests)) {
            if (blank(t.id()) || blank(t.reason())) {
                throw new InvalidInputException(origin + ": every includeTests/excludeTests entry needs an id "
                        + "(Class#method, as ./winnode list prints it) and a reason.");
            }
        }
        for (TestReason t : includeTests) {
            if (excludeTests.stream().anyMatch(e -> e.id().strip().equals(t.id().strip()))) {
                throw new InvalidInputException(origin + ": test '" + t.id().strip() + "' is in both includeTests and "
                        + "excludeTests; keep it in the one that says what the suite should do.");
            }
        }
        return this;
    }

    /** {@code 90s}, {@code 10m}, {@code 1h}; a positive whole number and a unit. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static List<TestReason> concat(List<TestReason> a, List<TestReason> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
