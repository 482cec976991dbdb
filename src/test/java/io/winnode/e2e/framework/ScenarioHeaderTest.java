package io.winnode.e2e.framework;

import io.qameta.allure.util.AnnotationUtils;
import io.winnode.e2e.framework.junit.WindowsScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one scenario header ({@link WindowsScenario}) gives every scenario class what the repeated
 * block of annotations gave it, as JUnit and Allure read it: the class names testgrid shows
 * ({@code [sig-windows] <group>:}, pinned here since a renamed test starts a new testgrid row), one
 * instance per class, and the Allure epic beside the class's own feature.
 */
class ScenarioHeaderTest {

    private static final String SCENARIOS = "io.winnode.e2e.scenarios";

    @Test
    void scenarioClassesKeepTheTestgridNamesTheyHad() {
        assertThat(classDisplayNames()).isEqualTo(new TreeMap<>(Map.of(
                "DensityScenarios", "[sig-windows] Density:",
                "HostNetworkScenarios", "[sig-windows] HostProcess:",
                "KubeletObservabilityScenarios", "[sig-windows] Observability:",
                "NodeRegistrationScenarios", "[sig-windows] Node registration:",
                "OsPlacementScenarios", "[sig-windows] Scheduling:",
                "PodConnectivityScenarios", "[sig-windows] Networking:",
                "PodLifecycleScenarios", "[sig-windows] Lifecycle:",
                "VolumeScenarios", "[sig-windows] Storage:")));
    }

    @Test
    void testMethodsKeepTheirOwnDisplayNames() {
        TestPlan plan = discoverScenarios();
        List<String> methods = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .filter(id -> plan.getParent(id)
                        .map(parent -> parent.getDisplayName().equals("[sig-windows] Networking:")).orElse(false))
                .map(TestIdentifier::getDisplayName).toList();

        assertThat(methods).contains("pods connect to a Linux pod by pod IP");
    }

    @Test
    void everyScenarioClassHasOneInstanceAndTheAllureEpicBesideItsFeature() {
        for (Class<?> scenarioClass : scenarioClasses()) {
            assertThat(AnnotationSupport.findAnnotation(scenarioClass, TestInstance.class).map(TestInstance::value))
                    .as(scenarioClass.getSimpleName()).contains(TestInstance.Lifecycle.PER_CLASS);
            List<String> labels = AnnotationUtils.getLabels(scenarioClass).stream()
                    .map(label -> label.getName() + "=" + label.getValue()).toList();
            assertThat(labels).as(scenarioClass.getSimpleName()).contains("epic=Windows worker nodes")
                    .anyMatch(label -> label.startsWith("feature="));
        }
    }

    private static Map<String, String> classDisplayNames() {
        TestPlan plan = discoverScenarios();
        var names = new TreeMap<String, String>();
        for (TestIdentifier id : plan.getRoots().stream().flatMap(root -> plan.getChildren(root).stream()).toList()) {
            Class<?> testClass = ((ClassSource) id.getSource().orElseThrow()).getJavaClass();
            // The package also holds the scenarios' unit tests, which are no scenarios.
            if (AnnotationSupport.isAnnotated(testClass, WindowsScenario.class)) {
                names.put(testClass.getSimpleName(), id.getDisplayName());
            }
        }
        return names;
    }

    private static TestPlan discoverScenarios() {
        return LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(SCENARIOS)).build());
    }

    private static List<Class<?>> scenarioClasses() {
        List<Class<?>> classes = ReflectionSupport.findAllClassesInPackage(SCENARIOS,
                c -> c.isAnnotationPresent(WindowsScenario.class), name -> true);
        assertThat(classes).hasSize(8);
        return classes;
    }
}
