package io.winnode.e2e.runner.selection;

import io.winnode.e2e.runner.results.TestIds;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.util.Set;

/**
 * Keeps the test methods whose id ({@code SimpleClassName#method}, see {@link TestSelection#testIds})
 * is one of {@code ids}. JUnit applies post-discovery filters to the leaves of the discovered tree
 * (methods, and test templates before they expand) and then prunes classes left empty.
 */
final class TestIdFilter implements PostDiscoveryFilter {

    private final Set<String> ids;

    TestIdFilter(Set<String> ids) {
        this.ids = Set.copyOf(ids);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (descriptor.getSource().orElse(null) instanceof MethodSource method) {
            String id = TestIds.testId(method);
            return FilterResult.includedIf(ids.contains(id), () -> id + " is selected", () -> id + " is not selected");
        }
        return FilterResult.excluded("not a test method");
    }
}
