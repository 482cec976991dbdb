package io.winnode.e2e.runner.results;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * What a finished run's {@code junit_*.xml} files say: how many cases ran, which failed or errored
 * and why, and the suite's properties. Read back by {@code faults verify}, which runs each suite in a
 * child JVM and only sees its files. {@link JunitXmlFile} reads every case, for sign-off, with this
 * class's parsing helpers.
 *
 * @param files      the XML files read (none: the run wrote no report, e.g. it never started or was killed)
 * @param tests      number of {@code <testcase>} elements
 * @param failed     the failed and errored cases, in file order
 * @param properties the suites' {@code <properties>} (the last file wins on a clash)
 */
public record JunitXmlResults(List<Path> files, int tests, List<FailedCase> failed, Map<String, String> properties) {

    /**
     * A failed or errored {@code <testcase>}.
     *
     * @param testId  {@code Class#method} (or {@code Class} for a broken class setup) from the case's
     *                {@code winnode.test.id} property; else the simple name of its classname
     * @param message the failure's message, never null
     */
    public record FailedCase(String name, String testId, String message) {
    }

    /** Reads every {@code junit_*.xml} directly in {@code artifacts}; a missing directory reads as no files. */
    public static JunitXmlResults readDirectory(Path artifacts) {
        List<Path> files = reportFiles(artifacts);
        int tests = 0;
        List<FailedCase> failed = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (Path file : files) {
            Document xml = parse(file);
            properties.putAll(suiteProperties(xml.getDocumentElement()));
            NodeList cases = xml.getElementsByTagName("testcase");
            tests += cases.getLength();
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                Element problem = firstChild(testcase, "failure", "error");
                if (problem != null) {
                    failed.add(new FailedCase(testcase.getAttribute("name"), testId(testcase), message(problem)));
                }
            }
        }
        return new JunitXmlResults(files, tests, List.copyOf(failed), Map.copyOf(properties));
    }

    /** The {@code junit_*.xml} files directly in {@code artifacts}, sorted; none when the directory is missing. */
    public static List<Path> reportFiles(Path artifacts) {
        if (!Files.isDirectory(artifacts)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(artifacts)) {
            return list.filter(p -> p.getFileName().toString().matches("junit_.*\\.xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + artifacts, e);
        }
    }

    /** The first failure's message on one line, at most {@code max} characters; empty when nothing failed. */
    public String firstFailureMessage(int max) {
        return failed.isEmpty() ? "" : oneLine(failed.get(0).message(), max);
    }

    /** Collapses whitespace (stack-trace-like messages span lines) and trims to {@code max} characters. */
    public static String oneLine(String text, int max) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, Math.max(0, max - 1)) + "…";
    }

    public static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Our own reports, but still no reason to let a parser fetch anything.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The JDK's default handler prints "[Fatal Error] ..." to stderr; the exception below says it once.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot parse JUnit XML " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> suiteProperties(Element suite) {
        Map<String, String> properties = new LinkedHashMap<>();
        Element block = firstChild(suite, "properties");
        if (block != null) {
            for (Element property : children(block, "property")) {
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
        }
        return properties;
    }

    static String testId(Element testcase) {
        return recordedTestId(testcase).orElseGet(() -> {
            String className = testcase.getAttribute("classname");
            return className.substring(className.lastIndexOf('.') + 1);
        });
    }

    /** The {@code winnode.test.id} property of a {@code <testcase>}, if it has one. */
    public static Optional<String> recordedTestId(Element testcase) {
        Element block = firstChild(testcase, "properties");
        if (block != null) {
            for (Element property : children(block, "property")) {
                if (JunitXmlReport.TEST_ID_PROPERTY.equals(property.getAttribute("name"))) {
                    return Optional.of(property.getAttribute("value"));
                }
            }
        }
        return Optional.empty();
    }

    static String message(Element problem) {
        String message = problem.getAttribute("message");
        if (!message.isBlank()) {
            return message;
        }
        String body = problem.getTextContent();
        return body == null ? "" : body.strip().lines().findFirst().orElse("");
    }

    static Element firstChild(Element parent, String... names) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && List.of(names).contains(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
