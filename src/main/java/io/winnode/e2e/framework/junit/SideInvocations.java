package io.winnode.e2e.framework.junit;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.parity.ParityRow;
import io.winnode.e2e.framework.placement.Side;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands a {@link ParityTest} into one invocation per side: Linux (unless the behaviour is
 * Windows-only) and each Windows build with schedulable nodes, known LTSC build or not (a
 * {@code 10.0.25398} node gets a {@code [windows 10.0.25398]} side). A cluster with no Windows node,
 * or none with a build label, still gets a Windows invocation, which reports the side unavailable
 * instead of vanishing; a run in which every Windows invocation was unavailable is not a pass
 * (the runner's exit code 1).
 */
final class SideInvocations implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), ParityTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        RunContext run = RunContext.of(context);
        String behaviourId = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), ParityTest.class)
                .orElseThrow().value();
        ParityRow row = run.expectations().row(behaviourId);
        return sides(row, run).stream().map(side -> new SideInvocation(side, row));
    }

    private static List<Side> sides(ParityRow row, RunContext run) {
        var sides = new ArrayList<Side>();
        if (row.expectedOn(OsFamily.LINUX).isPresent()) {
            sides.add(Side.linux());
        }
        var builds = run.cluster().nodes().windowsBuilds();
        if (builds.isEmpty()) {
            sides.add(Side.anyWindows());
        }
        builds.forEach(b -> sides.add(Side.windows(b)));
        return sides;
    }
}
