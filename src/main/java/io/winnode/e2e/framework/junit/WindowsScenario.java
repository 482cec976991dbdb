package io.winnode.e2e.framework.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a scenario class: it gets its own namespace for the run, per-test cleanup in reverse
 * order, diagnostics on failure, and the framework's objects as method parameters
 * ({@code Side}, {@code ParityCheck}, {@code Workloads}, {@code InPod}, {@code NodeInventory}).
 * A class whose pods need host access says so with {@link #podSecurity()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(ScenarioExtension.class)
public @interface WindowsScenario {

    /**
     * The Pod Security Standard the class's namespace enforces. By default baseline: what the suite's
     * ordinary pods meet (no host namespaces, ports or paths, no privileged containers), labelled
     * explicitly so that a cluster whose default level is restricted still admits them. A class
     * whose pods need host access (hostPort, hostNetwork, HostProcess) asks for privileged.
     */
    PodSecurityLevel podSecurity() default PodSecurityLevel.BASELINE;
}
