package io.winnode.e2e.framework.junit;

import io.qameta.allure.Epic;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The header of every scenario class, so that a class says only what is its own: its behaviour
 * group (which names it in test names), its Allure {@code @Feature}, its {@code @Tag}s and, when its
 * pods need host access, its Pod Security level. Everything scenario classes share is here:
 * <ul>
 *   <li>its own namespace for the run, per-test cleanup in reverse order, and
 *       the framework's objects as method parameters ({@code Side}, {@code ParityCheck},
 *       {@code Workloads}, {@code InPod}, {@code NodeInventory}): {@link ScenarioExtension};</li>
 *   <li>a failed test's or hook's evidence, before cleanup: {@link FailureEvidenceCapture};</li>
 *   <li>one instance per class, so a class may keep what its tests share (a server pod per side);</li>
 *   <li>the class's display name {@code [sig-windows] <group>:}, the prefix of every test name
 *       testgrid shows ({@link ScenarioDisplayNames});</li>
 *   <li>the Allure epic (allure-java reads its label annotations through meta-annotations).</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@ExtendWith(ScenarioExtension.class)
@ExtendWith(FailureEvidenceCapture.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(ScenarioDisplayNames.class)
@Epic("Windows worker nodes")
public @interface WindowsScenario {

    /**
     * The behaviour group the class checks, e.g. {@code Networking}: its tests are named
     * {@code [sig-windows] Networking: <test> [<side>]}.
     */
    String value();

    /**
     * The Pod Security Standard the class's namespace enforces. By default baseline: what the suite's
     * ordinary pods meet (no host namespaces, ports or paths, no privileged containers), labelled
     * explicitly so that a cluster whose default level is restricted still admits them. A class
     * whose pods need host access (hostPort, hostNetwork, HostProcess) asks for privileged.
     */
    PodSecurityLevel podSecurity() default PodSecurityLevel.BASELINE;
}
