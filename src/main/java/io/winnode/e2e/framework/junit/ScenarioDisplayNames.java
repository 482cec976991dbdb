package io.winnode.e2e.framework.junit;

import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Names a scenario class {@code [sig-windows] <group>:} from its {@link WindowsScenario#value()}, so
 * every test name starts as upstream's Windows e2e tests do (test/e2e/windows/framework.go:
 * {@code SIGDescribe = framework.SIGDescribe("windows")}, which testgrid's sig-windows dashboards
 * filter on). Test methods keep their own {@code @DisplayName}; anything else is named as JUnit's
 * standard generator names it.
 */
public final class ScenarioDisplayNames extends DisplayNameGenerator.Standard {

    static final String PREFIX = "[sig-windows] ";

    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, WindowsScenario.class)
                .map(scenario -> PREFIX + scenario.value() + ":")
                .orElseGet(() -> super.generateDisplayNameForClass(testClass));
    }
}
