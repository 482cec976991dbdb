package io.winnode.e2e.runner.results;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code junit_*.xml} file read back in full: its suite properties and every
 * {@code <testcase>} with its outcome, in file order (a retried test's attempts follow each other).
 * {@link JunitXmlResults} keeps only the failures; sign-off needs passes and skips too.
 *
 * @param properties the {@code <testsuite>}'s {@code <properties>} ({@code winnode.run.id}, {@code winnode.cluster.kind}, ...)
 */
public record JunitXmlFile(Path file, Map<String, String> properties, List<Attempt> cases) {

    public enum AttemptResult { PASSED, FAILED, SKIPPED }

    /**
     * One {@code <testcase>}: one attempt of one test on one OS side.
     *
     * @param testId  {@code Class#method} from the {@code winnode.test.id} property ({@code Class} for a broken class setup)
     * @param message the failure's or skip's message; empty when it passed
     */
    public record Attempt(String name, String testId, AttemptResult outcome, String message) {
    }

    /** Every {@code junit_*.xml} directly in {@code artifacts}, sorted by file name. */
    public static List<JunitXmlFile> readDirectory(Path artifacts) {
        return JunitXmlResults.reportFiles(artifacts).stream().map(JunitXmlFile::read).toList();
    }

    /** Reads one file; one that does not parse is the user's input (a truncated copy, a wrong file), so exit 2. */
    static JunitXmlFile read(Path file) {
        Document xml;
        try {
            xml = JunitXmlResults.parse(file);
        } catch (IllegalStateException e) {
            throw new InvalidInputException(e.getMessage() + ". The artifacts directory should hold the junit_*.xml "
                    + "files a ./winnode run wrote; run the suite again or remove the damaged file.", e);
        }
        List<Attempt> cases = new ArrayList<>();
        NodeList testcases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            cases.add(caseOf((Element) testcases.item(i)));
        }
        return new JunitXmlFile(file, JunitXmlResults.suiteProperties(xml.getDocumentElement()), List.copyOf(cases));
    }

    private static Attempt caseOf(Element testcase) {
        String name = testcase.getAttribute("name");
        String testId = JunitXmlResults.testId(testcase);
        Element problem = JunitXmlResults.firstChild(testcase, "failure", "error");
        if (problem != null) {
            return new Attempt(name, testId, AttemptResult.FAILED, JunitXmlResults.message(problem));
        }
        Element skipped = JunitXmlResults.firstChild(testcase, "skipped");
        if (skipped != null) {
            return new Attempt(name, testId, AttemptResult.SKIPPED, JunitXmlResults.message(skipped));
        }
        return new Attempt(name, testId, AttemptResult.PASSED, "");
    }
}
