package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.runner.results.JunitXmlFile.Attempt;
import io.winnode.e2e.runner.results.JunitXmlFile.AttemptResult;
import io.winnode.e2e.runner.results.JunitXmlFile;
import io.winnode.e2e.runner.results.RunFact;
import io.winnode.e2e.runner.results.RunMetadata;
import io.winnode.e2e.runner.selection.QuarantineEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run's artifacts for sign-off tests: its metadata and its test cases, in memory (for
 * {@link SignoffGate}) or written as {@code metadata.json} and {@code junit_<suite>.xml} the way a run
 * writes them (for the command).
 */
public final class RunFixture {

    public static final String RUN_ID = "wn-20260301-120000-abcd";

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, String> xmlProperties = new LinkedHashMap<>();
    private final List<Attempt> cases = new ArrayList<>();

    private RunFixture() {
    }

    /** A clean run of {@code suite} on a real cluster whose Windows nodes run {@code builds}. */
    public static RunFixture real(String suite, String... builds) {
        RunFixture run = new RunFixture();
        run.metadata.put(RunFact.SUITE.key(), suite);
        run.metadata.put(RunFact.RUN_ID.key(), RUN_ID);
        run.metadata.put(RunFact.CLUSTER_KIND.key(), "real");
        run.metadata.put(RunFact.KUBERNETES_VERSION.key(), "v1.31.2");
        run.metadata.put(RunFact.WINDOWS_BUILDS.key(), String.join(",", builds));
        run.metadata.put(RunFact.FAULTS.key(), "none");
        run.xmlProperties.put("winnode.cluster.kind", "real");
        run.xmlProperties.put(RunFact.RUN_ID.junitProperty(), RUN_ID);
        run.xmlProperties.put("winnode.faults", "none");
        return run;
    }

    public RunFixture metadata(String key, String value) {
        if (value == null) {
            metadata.remove(key);
        } else {
            metadata.put(key, value);
        }
        return this;
    }

    public RunFixture xmlProperty(String key, String value) {
        xmlProperties.put(key, value);
        return this;
    }

    /** {@code testId} passed on Linux and on each Windows build. */
    public RunFixture passedEverywhere(String testId, String... builds) {
        passed(name(testId, "linux"), testId);
        for (String build : builds) {
            passed(name(testId, "windows " + build), testId);
        }
        return this;
    }

    RunFixture passed(String name, String testId) {
        cases.add(new Attempt(name, testId, AttemptResult.PASSED, ""));
        return this;
    }

    public RunFixture failed(String name, String testId, String message) {
        cases.add(new Attempt(name, testId, AttemptResult.FAILED, message));
        return this;
    }

    RunFixture skipped(String name, String testId) {
        cases.add(new Attempt(name, testId, AttemptResult.SKIPPED, "no node of this side"));
        return this;
    }

    /** A case name as the run writes it, e.g. {@code [sig-windows] A#b [windows ltsc2022]}. */
    public static String name(String testId, String side) {
        return "[sig-windows] " + testId.replace('#', ' ') + " [" + side + "]";
    }

    SignoffEvidence evidence(String suite, List<String> requiredBuilds, List<QuarantineEntry> quarantine) {
        return new SignoffEvidence("artifacts", new RunMetadata(metadata), List.of(junitXml()), List.of(), suite,
                requiredBuilds, quarantine);
    }

    JunitXmlFile junitXml() {
        return new JunitXmlFile(Path.of(junitFileName()), Map.copyOf(xmlProperties), List.copyOf(cases));
    }

    /** Writes {@code metadata.json} and {@code junit_<suite>.xml} into {@code dir}. */
    public Path writeTo(Path dir) throws IOException {
        new RunMetadata(metadata).writeTo(dir);
        return writeXmlTo(dir);
    }

    /** Writes only {@code junit_<suite>.xml}, e.g. as a stale file of an earlier run. */
    public Path writeXmlTo(Path dir) throws IOException {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"winnode-e2e\" tests=\"")
                .append(cases.size()).append("\">\n  <properties>\n");
        xmlProperties.forEach((k, v) -> xml.append("    <property name=\"").append(k).append("\" value=\"").append(v).append("\"/>\n"));
        xml.append("  </properties>\n");
        for (Attempt c : cases) {
            xml.append("  <testcase name=\"").append(escape(c.name())).append("\" classname=\"io.winnode.e2e.scenarios.X\" time=\"1.0\">")
                    .append("<properties><property name=\"winnode.test.id\" value=\"").append(c.testId()).append("\"/></properties>");
            switch (c.outcome()) {
                case FAILED -> xml.append("<failure message=\"").append(escape(c.message())).append("\">stack</failure>");
                case SKIPPED -> xml.append("<skipped message=\"").append(escape(c.message())).append("\"/>");
                case PASSED -> { }
            }
            xml.append("</testcase>\n");
        }
        xml.append("</testsuite>\n");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(junitFileName()), xml);
        return dir;
    }

    private String junitFileName() {
        return "junit_" + metadata.getOrDefault(RunFact.SUITE.key(), "unnamed") + ".xml";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
