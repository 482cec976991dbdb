package io.winnode.e2e.runner.results;

import io.winnode.e2e.framework.report.Redactor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the run's JUnit XML for testgrid/Spyglass: one {@code <testsuite>} whose {@code <testcase>}
 * names are {@link TestCaseNames} (testgrid names a row by that attribute alone), and whose
 * {@code <properties>} say which cluster it ran on. JUnit's own legacy XML listener names cases by
 * their bare display name ({@code [linux]}) and puts every system property in, hence this one.
 *
 * <p>A failed or aborted class (its {@code @BeforeAll} threw) becomes a case of its own, so a
 * broken setup is red on the dashboard rather than silently missing rows.
 */
public final class JunitXmlReport implements TestExecutionListener {

    /** The {@code <testcase>} property naming the test id ({@code Class#method}, as {@code ./winnode list} prints it). */
    static final String TEST_ID_PROPERTY = "winnode.test.id";

    /** The {@code <testcase>} property numbering a retry ({@code 2} is the first retry); absent on a first attempt. */
    public static final String ATTEMPT_PROPERTY = "winnode.attempt";

    /** One {@code <testcase>}. {@code outcome} null means passed. */
    private record TestCaseElement(String name, String className, String testId, int attempt, Duration time, String outcome,
                        String message, String detail) {
    }

    private final Path file;
    private final String suiteName;
    private final Map<String, String> properties;
    private final Clock clock;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final List<TestCaseElement> cases = new ArrayList<>();
    private volatile TestPlan plan;
    private Instant planStarted;
    private volatile int attempt = 1;

    public JunitXmlReport(Path file, String suiteName, Map<String, String> properties, Clock clock) {
        this.file = file;
        this.suiteName = suiteName;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        if (planStarted == null) {
            planStarted = clock.instant(); // a run executes several plans (phases, retries); time from the first
        }
    }

    /**
     * Cases from now on belong to attempt {@code n}. A retried test keeps its name, so the file holds
     * it twice, failed and then passed: testgrid shows such a row as flaky, and the failure stays
     * on record instead of being hidden by the rerun.
     */
    public void attemptStarted(int n) {
        attempt = n;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), clock.instant());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (isCase(id)) {
            // testgrid drops skips whose message is empty or "skipped"; say why.
            add(id, Duration.ZERO, "skipped", reason == null || reason.isBlank() ? "disabled (no reason given)" : reason, null);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Duration time = Duration.between(started.getOrDefault(id.getUniqueId(), clock.instant()), clock.instant());
        if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return; // containers only become cases when they did not succeed, the engine itself included
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> add(id, time, null, null, null);
            case ABORTED -> add(id, time, "skipped", result.getThrowable().map(Throwable::getMessage)
                    .filter(m -> m != null && !m.isBlank()).orElse("aborted (assumption not met)"), null);
            case FAILED -> {
                Throwable t = result.getThrowable().orElse(null);
                add(id, time, t instanceof AssertionError ? "failure" : "error",
                        t == null ? "failed" : String.valueOf(t.getMessage()), stackTrace(t));
            }
        }
    }

    /** Writes the file once the run's every phase and retry is over. */
    public void finish() {
        write(Duration.between(planStarted == null ? clock.instant() : planStarted, clock.instant()));
    }

    public Path file() {
        return file;
    }

    // An engine root is not a case when skipped (it never is in practice; its children speak for it).
    private boolean isCase(TestIdentifier id) {
        return plan.getParent(id).isPresent();
    }

    private synchronized void add(TestIdentifier id, Duration time, String outcome, String message, String detail) {
        String name = TestCaseNames.of(plan, id);
        if (!id.isTest() && started.containsKey(id.getUniqueId())) {
            // A container that ran and did not succeed: its own setup or teardown broke.
            name = name + " [setup or teardown]";
        }
        cases.add(new TestCaseElement(name, TestCaseNames.className(plan, id), TestIds.testId(plan, id), attempt, time, outcome,
                message, detail));
    }

    private synchronized void write(Duration total) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeCharacters("\n");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", suiteName);
                xml.writeAttribute("tests", String.valueOf(cases.size()));
                xml.writeAttribute("failures", String.valueOf(count("failure")));
                xml.writeAttribute("errors", String.valueOf(count("error")));
                xml.writeAttribute("skipped", String.valueOf(count("skipped")));
                xml.writeAttribute("time", seconds(total));
                xml.writeAttribute("timestamp", planStarted.toString());
                xml.writeCharacters("\n  ");
                xml.writeStartElement("properties");
                for (var property : properties.entrySet()) {
                    xml.writeCharacters("\n    ");
                    xml.writeEmptyElement("property");
                    xml.writeAttribute("name", property.getKey());
                    xml.writeAttribute("value", clean(property.getValue()));
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
                Set<String> names = new HashSet<>();
                for (TestCaseElement c : cases) {
                    // Unique within an attempt; a retry repeats the name on purpose (see attemptStarted).
                    String name = unique(names, c.attempt() + "\u0000", c.name());
                    writeCase(xml, c, name);
                }
                xml.writeCharacters("\n");
                xml.writeEndElement();
                xml.writeCharacters("\n");
                xml.writeEndDocument();
                xml.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JUnit XML " + file, e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write JUnit XML " + file, e);
        }
    }

    private static void writeCase(XMLStreamWriter xml, TestCaseElement c, String name) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", clean(name));
        xml.writeAttribute("classname", c.className());
        xml.writeAttribute("time", seconds(c.time()));
        boolean hasProperties = !c.testId().isEmpty() || c.attempt() > 1;
        if (hasProperties) {
            // Lets tools (faults verify, signoff) tell which test a row is without parsing its display name.
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            if (!c.testId().isEmpty()) {
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", TEST_ID_PROPERTY);
                xml.writeAttribute("value", c.testId());
            }
            if (c.attempt() > 1) {
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", ATTEMPT_PROPERTY);
                xml.writeAttribute("value", String.valueOf(c.attempt()));
            }
            xml.writeEndElement();
        }
        if (c.outcome() != null) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement(c.outcome());
            xml.writeAttribute("message", clean(c.message()));
            if (c.detail() != null) {
                xml.writeCharacters(clean(c.detail()));
            }
            xml.writeEndElement();
        }
        if (c.outcome() != null || hasProperties) {
            xml.writeCharacters("\n  ");
        }
        xml.writeEndElement();
    }

    // Two cases with one name would collapse into one testgrid row; keep both visible.
    private static String unique(Set<String> names, String scope, String name) {
        String candidate = name;
        for (int n = 2; !names.add(scope + candidate); n++) {
            candidate = name + " #" + n;
        }
        return candidate;
    }

    private long count(String outcome) {
        return cases.stream().filter(c -> outcome.equals(c.outcome())).count();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    private static String stackTrace(Throwable t) {
        if (t == null) {
            return null;
        }
        var out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    // XML 1.0 cannot carry most control characters (ANSI colours in messages, for one); a failure message
    // may quote a credential or a Secret's value (testgrid publishes the file).
    private static String clean(String s) {
        return s == null ? "" : Redactor.run().scrub(s).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
    }
}
