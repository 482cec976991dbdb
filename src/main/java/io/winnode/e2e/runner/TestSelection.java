package io.winnode.e2e.runner;

import io.winnode.e2e.framework.config.InvalidInputException;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

/**
 * The scenarios a suite plus {@code --tags} selects, as one JUnit tag expression over one package.
 * Validated when built, so a typo in a suite or a tag expression fails before any cluster work.
 */
final class TestSelection {

    private final Suite suite;
    private final String userTags;
    private final String tagExpression;
    private final PostDiscoveryFilter tagFilter;
    private final String scenariosPackage;

    private TestSelection(Suite suite, String userTags, String scenariosPackage) {
        this.suite = suite;
        this.userTags = userTags == null || userTags.isBlank() ? null : userTags.strip();
        this.tagExpression = this.userTags == null ? suite.tagExpression()
                : "(" + suite.tagExpression() + ") & (" + this.userTags + ")";
        this.scenariosPackage = scenariosPackage;
        this.tagFilter = parse(this.tagExpression);
    }

    static TestSelection of(SelectionOptions options) {
        Suite suite = Suites.load(options.suite);
        if (options.tags != null && !options.tags.isBlank()) {
            parse(options.tags); // blame --tags itself rather than the combined expression
        }
        return new TestSelection(suite, options.tags, options.scenariosPackage);
    }

    private static PostDiscoveryFilter parse(String expression) {
        try {
            return TagFilter.includeTags(expression);
        } catch (JUnitException e) {
            throw new InvalidInputException("Invalid tag expression '" + expression + "': " + e.getMessage()
                    + ". Tag expressions combine tags with !, &, | and parentheses, e.g. 'networking & !slow'.", e);
        }
    }

    Suite suite() {
        return suite;
    }

    /** The effective JUnit tag expression (suite include/exclude and --tags). */
    String tagExpression() {
        return tagExpression;
    }

    /** {@code suite 'smoke' with tags 'networking'}, for messages. */
    String describe() {
        return "suite '" + suite.name() + "'" + (userTags == null ? "" : " with --tags '" + userTags + "'")
                + " (tag expression " + tagExpression + ", package " + scenariosPackage + ")";
    }

    LauncherDiscoveryRequest request(Map<String, String> configurationParameters) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(scenariosPackage))
                .filters(tagFilter)
                .configurationParameters(configurationParameters)
                .build();
    }

    /**
     * The ids ({@code SimpleClassName#method}) of the selected test methods, sorted and distinct: a
     * test template counts once, however many OS sides it later runs on.
     */
    static List<String> testIds(TestPlan plan) {
        var ids = new TreeSet<String>();
        plan.getRoots().forEach(root -> plan.getDescendants(root).stream()
                .map(TestIdentifier::getSource)
                .flatMap(java.util.Optional::stream)
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .forEach(m -> ids.add(simpleName(m.getClassName()) + "#" + m.getMethodName())));
        return new ArrayList<>(ids);
    }

    /**
     * The id of the test (or failed container) {@code id} belongs to, as {@link #testIds} spells it:
     * {@code SimpleClassName#method} for a test or an invocation of one, {@code SimpleClassName} for a
     * class, empty for an engine. It joins a failure back to {@code ./winnode list} and to a fault
     * file's {@code expectedCatchers}.
     */
    static String testId(TestPlan plan, TestIdentifier id) {
        for (java.util.Optional<TestIdentifier> at = java.util.Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            var source = at.get().getSource().orElse(null);
            if (source instanceof MethodSource m) {
                return simpleName(m.getClassName()) + "#" + m.getMethodName();
            }
            if (source instanceof org.junit.platform.engine.support.descriptor.ClassSource c) {
                return simpleName(c.getClassName());
            }
        }
        return "";
    }

    /** Discovers the selection (no cluster needed) and fails when it is empty. */
    List<String> discoverIds(Launcher launcher) {
        List<String> ids = testIds(launcher.discover(request(Map.of())));
        if (ids.isEmpty()) {
            throw new InvalidInputException("No test matches " + describe()
                    + ". Check the suite's include/exclude and --tags (./winnode list shows what a selection holds).");
        }
        return ids;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
