package io.winnode.e2e.runner.report;

import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's failure categories ({@code categories.json}): why a test failed, read from the
 * failure message or stack trace the suite's own code produces.
 *
 * <p>Allure 2 puts a result into <em>every</em> category it matches (allure-generator's
 * {@code CategoriesPlugin.addCategoriesForResults}), each regex matched against the whole text with
 * DOTALL. The rules are listed most specific first and each one written out excludes the rules
 * above it (negative lookaheads), so a result lands in the first rule it matches and only there.
 * Assertion failures no rule takes stay in Allure's own "Product defects"; every other exception
 * is a "Test defect" (the last rule).
 */
final class AllureCategories {

    /** Which text of a result a rule reads: Allure's {@code statusDetails.message} or {@code .trace}. */
    enum Field { MESSAGE, TRACE }

    /**
     * One category before exclusions.
     *
     * @param statuses Allure statuses it applies to ({@code failed}: assertion errors, {@code broken}: other exceptions)
     * @param regex    what the field must match, whole (Allure uses {@code Matcher.matches()})
     */
    record Rule(String name, Set<String> statuses, Field field, String regex) {
    }

    /**
     * A parity mismatch as {@code ParityCheck.verify} words it: {@code NET-01c (behaviour) on windows
     * ltsc2022 (node win-1): expected 'connected' [same, as on every OS; source: ...], but observed '...'}.
     */
    private static String parityMismatchOn(String side) {
        return "[A-Z]+-\\d+[a-z]* \\(.*\\) on " + side
                + ": expected '.*' \\[(?:same|different|unsupported|windows-only), .*\\], but observed '.*'";
    }

    static final Rule WINDOWS_PARITY_GAP = new Rule("Windows parity gap", Set.of("failed"), Field.MESSAGE,
            parityMismatchOn("windows[^:]*"));

    /** Linux missing its declared outcome points at the cluster, the scenario or the expectation, not at Windows. */
    static final Rule LINUX_PARITY_MISS = new Rule("Linux missed its parity expectation", Set.of("failed"), Field.MESSAGE,
            parityMismatchOn("linux[^:]*"));

    /** Kubelet waiting reasons and containerd's pull errors (PodTrouble, the kubelet's events). */
    static final Rule IMAGE_PULL = new Rule("Image pull", Set.of("failed", "broken"), Field.MESSAGE,
            ".*\\b(?:ErrImagePull|ImagePullBackOff|ErrImageNeverPull|InvalidImageName|Failed to pull image"
                    + "|failed to pull and unpack image|no match for platform in manifest)\\b.*");

    /**
     * The node could not set the pod up or keep its containers running: PodTrouble's stuck reasons
     * and repeated setup failures other than pulls. On a Windows-node suite that is the node under
     * test misbehaving, so it is kept apart from an unusable cluster.
     */
    static final Rule POD_SETUP = new Rule("Pod could not start on its node", Set.of("failed", "broken"), Field.MESSAGE,
            ".*\\b(?:FailedCreatePodSandBox|FailedMount|FailedAttachVolume|CreateContainerError|CreateContainerConfigError"
                    + "|CrashLoopBackOff|RunContainerError|StartError)\\b.*");

    /** The run's own identity was refused (HTTP 403): a permission to grant, not a finding about the nodes. */
    static final Rule SETUP_PERMISSIONS = new Rule("Setup: the run's credentials lack a permission", Set.of("failed", "broken"),
            Field.MESSAGE, "setup problem \\(not a Windows finding\\): .*");

    static final String CLUSTER_NAME = "Cluster or infrastructure";

    /**
     * The cluster under the suite, as messages say it: the API server refused or unknown, a 5xx
     * Status from it ({@code Received status: Status(apiVersion=v1, code=503, ...)}), a NotReady or
     * unreachable node, {@code ClusterConnection}'s "Cannot use the Kubernetes API server", or a wait
     * whose last poll failed at the transport ({@code Operation: [get] for kind: ... failed.} is
     * fabric8's wording for a request that got no HTTP answer).
     */
    static final Rule CLUSTER = new Rule(CLUSTER_NAME, Set.of("failed", "broken"), Field.MESSAGE,
            ".*(?:Cannot use the Kubernetes API server|ClusterUnreachableException|Connection refused"
                    + "|UnknownHostException|No route to host|Received status: Status\\(apiVersion=[^,]*, code=5\\d\\d\\b"
                    + "|\\bNotReady\\b|untolerated taint \\{node\\.kubernetes\\.io/(?:not-ready|unreachable)"
                    + "|the last check failed: Operation: \\[).*");

    /**
     * The same, when the cause is below the top exception (fabric8's {@code Operation: [get] ...
     * failed.} caused by {@code java.net.ConnectException: Connection refused}). Only the
     * {@code Caused by:} lines are read: a trace also holds whole objects (a pod's tolerations name
     * {@code node.kubernetes.io/not-ready}) that say nothing about the failure.
     */
    static final Rule CLUSTER_CAUSE = new Rule(CLUSTER_NAME, Set.of("failed", "broken"), Field.TRACE,
            "(?:.*\\n)?Caused by: [^\\n]*(?:java\\.net\\.ConnectException|Connection refused|UnknownHostException"
                    + "|NoRouteToHostException|SocketTimeoutException|javax\\.net\\.ssl\\.SSL\\w*Exception"
                    + "|ClusterUnreachableException)[^\\n]*(?:\\n.*)?");

    /**
     * The top exception is a timeout: the framework's wait ({@code WaitTimeoutError: Timed out after
     * ...}; its "can no longer happen" sibling is a verdict, not a timeout), Awaitility used directly,
     * JUnit's {@code @Timeout} ({@code TimeoutException: m() timed out after 5 seconds}) and
     * {@code assertTimeout[Preemptively]}.
     */
    static final Rule TIMEOUT = new Rule("Timeout", Set.of("failed", "broken"), Field.TRACE,
            "(?:io\\.winnode\\.e2e\\.framework\\.wait\\.WaitTimeoutError: Timed out after "
                    + "|org\\.awaitility\\.core\\.ConditionTimeoutException\\b"
                    + "|java\\.util\\.concurrent\\.TimeoutException\\b"
                    + "|org\\.opentest4j\\.AssertionFailedError: execution (?:timed out after|exceeded timeout of) ).*");

    /** Any other exception than an assertion failure: the test or winnode itself broke. */
    static final Rule TEST_DEFECT = new Rule("Test defect", Set.of("broken"), Field.MESSAGE, ".*");

    /** In order; the two cluster rules share a name, and Allure shows a category name once per result. */
    static final List<Rule> RULES = List.of(SETUP_PERMISSIONS, WINDOWS_PARITY_GAP, LINUX_PARITY_MISS, IMAGE_PULL, POD_SETUP, CLUSTER,
            CLUSTER_CAUSE, TIMEOUT, TEST_DEFECT);

    private AllureCategories() {
    }

    /**
     * The entries of {@code categories.json}, in order: each rule's own regex, preceded on each field
     * by lookaheads that refuse what an earlier rule for an overlapping status takes.
     */
    static List<Map<String, Object>> categories() {
        var categories = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < RULES.size(); i++) {
            Rule rule = RULES.get(i);
            var exclusions = new EnumMap<Field, StringBuilder>(Field.class);
            for (Rule earlier : RULES.subList(0, i)) {
                if (earlier.statuses().stream().anyMatch(rule.statuses()::contains)) {
                    exclusions.computeIfAbsent(earlier.field(), f -> new StringBuilder())
                            .append("(?!(?:").append(earlier.regex()).append(")\\z)");
                }
            }
            var category = new LinkedHashMap<String, Object>();
            category.put("name", rule.name());
            category.put("matchedStatuses", rule.statuses().stream().sorted().toList());
            for (Field field : Field.values()) {
                StringBuilder excluded = exclusions.get(field);
                String own = field == rule.field() ? rule.regex() : excluded == null ? null : ".*";
                if (own != null) {
                    category.put(field == Field.MESSAGE ? "messageRegex" : "traceRegex",
                            (excluded == null ? "" : excluded.toString()) + own);
                }
            }
            categories.add(category);
        }
        return categories;
    }

    /** Writes {@code categories.json} into a results directory, replacing any there. */
    static Path writeTo(Path results) {
        Path file = results.resolve("categories.json");
        try {
            Files.writeString(file, YamlFiles.toJson(categories()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }
}
