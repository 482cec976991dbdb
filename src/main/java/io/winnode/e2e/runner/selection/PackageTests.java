package io.winnode.e2e.runner.selection;

import io.winnode.e2e.runner.results.TestIds;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every test method of the scenarios package with its tags, as JUnit discovers it without any filter:
 * what test ids and tags a suite or the command line may name.
 *
 * @param tagsById test id ({@code Class#method}) to its tags, the method's own first, then its class's
 */
record PackageTests(Map<String, Set<String>> tagsById) {

    PackageTests {
        Map<String, Set<String>> copy = new TreeMap<>();
        tagsById.forEach((id, tags) -> copy.put(id, Collections.unmodifiableSet(new LinkedHashSet<>(tags))));
        tagsById = Collections.unmodifiableMap(copy);
    }

    static PackageTests of(TestPlan plan) {
        Map<String, Set<String>> tags = new TreeMap<>();
        plan.getRoots().forEach(root -> {
            for (TestIdentifier test : plan.getDescendants(root)) {
                if (test.getSource().orElse(null) instanceof MethodSource method) {
                    // TestIdentifier tags include the enclosing classes' tags; overloads share one id.
                    tags.computeIfAbsent(TestIds.testId(method), id -> new LinkedHashSet<>())
                            .addAll(test.getTags().stream().map(TestTag::getName).toList());
                }
            }
        });
        return new PackageTests(tags);
    }

    Set<String> ids() {
        return tagsById.keySet();
    }

    Set<String> tagsOf(String id) {
        return tagsById.getOrDefault(id, Set.of());
    }

    /** Every tag some test carries. */
    Set<String> carriedTags() {
        Set<String> carried = new TreeSet<>(TagNames.ORDER);
        tagsById.values().forEach(carried::addAll);
        return carried;
    }
}
