package io.winnode.e2e.runner.results;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Names a test the way a dashboard row needs it: stable across runs and unique within a run, e.g.
 * {@code [sig-windows] Scheduling: workloads land only on nodes of their OS [windows ltsc2022]}.
 * It is the outermost class's display name, a colon, then the display names below it (method,
 * then invocation); a child whose display name already repeats its parent's replaces it.
 */
public final class TestCaseNames {

    private TestCaseNames() {
    }

    public static String of(TestPlan plan, TestIdentifier test) {
        Deque<TestIdentifier> path = pathBelowEngine(plan, test);
        if (path.isEmpty()) {
            return test.getDisplayName();
        }
        String head = path.removeFirst().getDisplayName();
        var tail = new StringBuilder();
        String previous = null;
        for (TestIdentifier step : path) {
            String name = step.getDisplayName();
            if (previous != null && name.startsWith(previous)) {
                tail.setLength(tail.length() - previous.length());
            } else if (!tail.isEmpty()) {
                tail.append(' ');
            }
            tail.append(name);
            previous = name;
        }
        // Scenario classes name themselves like "[sig-windows] Networking:"; do not double the colon.
        return tail.isEmpty() ? head : head + (head.endsWith(":") ? " " : ": ") + tail;
    }

    /** The Java class a test belongs to (its nearest class ancestor), for the XML's classname. */
    static String className(TestPlan plan, TestIdentifier test) {
        for (Optional<TestIdentifier> at = Optional.of(test); at.isPresent(); at = plan.getParent(at.get())) {
            if (at.get().getSource().orElse(null) instanceof ClassSource source) {
                return source.getClassName();
            }
            if (at.get().getSource().orElse(null) instanceof org.junit.platform.engine.support.descriptor.MethodSource method) {
                return method.getClassName();
            }
        }
        return "";
    }

    // From the engine's child (the outermost class) down to the test itself.
    private static Deque<TestIdentifier> pathBelowEngine(TestPlan plan, TestIdentifier test) {
        Deque<TestIdentifier> path = new ArrayDeque<>();
        for (TestIdentifier at = test; plan.getParent(at).isPresent(); at = plan.getParent(at).get()) {
            path.addFirst(at);
        }
        return path;
    }
}
