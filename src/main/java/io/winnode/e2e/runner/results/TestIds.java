package io.winnode.e2e.runner.results;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Optional;

/**
 * A test's id, {@code SimpleClassName#method}: what joins a JUnit XML test case, a {@code --test}
 * argument, a suite's {@code includeTests} and a fault's {@code expectedCatchers}. Here, beside the
 * reports that record it, so that writing a report needs nothing of the selection.
 */
public final class TestIds {

    private TestIds() {
    }

    /**
     * Whether {@code id} is a test method as a test id names it: a test, or a test template whose
     * invocations (one per OS side) appear only at execution; not an invocation of one.
     */
    public static boolean isTestMethod(TestPlan plan, TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).isPresent()
                && plan.getParent(id).flatMap(TestIdentifier::getSource).filter(MethodSource.class::isInstance).isEmpty();
    }

    /** {@code SimpleClassName#method}: the one spelling of a test id everywhere. */
    public static String testId(MethodSource method) {
        return simpleName(method.getClassName()) + "#" + method.getMethodName();
    }

    /**
     * The id of the test (or failed container) {@code id} belongs to, as {@code TestSelection.testIds} spells it:
     * {@code SimpleClassName#method} for a test or an invocation of one, {@code SimpleClassName} for a
     * class, empty for an engine. It joins a failure back to {@code ./winnode list} and to a fault
     * file's {@code expectedCatchers}.
     */
    public static String testId(TestPlan plan, TestIdentifier id) {
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            var source = at.get().getSource().orElse(null);
            if (source instanceof MethodSource m) {
                return testId(m);
            }
            if (source instanceof ClassSource c) {
                return simpleName(c.getClassName());
            }
        }
        return "";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
