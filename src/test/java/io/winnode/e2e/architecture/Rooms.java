package io.winnode.e2e.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import io.winnode.e2e.foundation.nodes.SimulatedProviderId;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The project's rooms and their one-way doors, as rules over the compiled classes: a dependency
 * counts however it is written (import or fully qualified name inline; a call, a field, an enum
 * constant, a class literal, a type in a signature).
 * Scenarios speak to the framework and never know the cluster is simulated; the framework knows
 * neither scenarios, simulator nor runner; the simulator only the foundation; the foundation
 * nothing of ours but itself. {@link ArchitectureTest} checks them on the main classes,
 * {@link RoomsCatchInlineNamesTest} shows them catching what the former grep let through.
 *
 * <p>What bytecode cannot show: javac copies a compile-time constant (a {@code static final} String
 * or number) into the class that uses it, so such a constant read across a door leaves no trace.
 * A value two rooms must agree on therefore lives in the foundation behind methods, as
 * {@link SimulatedProviderId}'s scheme does.
 */
final class Rooms {

    static final String OURS = "io.winnode.e2e..";
    static final String SCENARIOS = "io.winnode.e2e.scenarios..";
    static final String FRAMEWORK = "io.winnode.e2e.framework..";
    static final String SIMULATOR = "io.winnode.e2e.simulator..";
    static final String RUNNER = "io.winnode.e2e.runner..";
    static final String FOUNDATION = "io.winnode.e2e.foundation..";

    private Rooms() {
    }

    /** What marks a simulated node to the suite's cluster connection; a scenario reading it would know. */
    private static final DescribedPredicate<JavaClass> SIMULATION = resideInAPackage(SIMULATOR)
            .or(equivalentTo(SimulatedProviderId.class));

    static final ArchRule SCENARIOS_NEVER_KNOW_THE_CLUSTER_IS_SIMULATED = noClasses()
            .that().resideInAPackage(SCENARIOS)
            .should().dependOnClassesThat(SIMULATION.as("belong to the simulator or mark a simulated node"))
            .because("a scenario must behave the same on a real cluster; only outputs say which kind it ran on");

    static final ArchRule SCENARIOS_USE_ONLY_THE_FRAMEWORK_AND_TEST_LIBRARIES = classes()
            .that().resideInAPackage(SCENARIOS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(SCENARIOS, FRAMEWORK, FOUNDATION,
                    "java..", "org.junit..", "org.assertj..", "io.qameta.allure..", "io.fabric8.kubernetes.api.model..",
                    // the JSON tree of documents the framework hands over as read (the kubelet's stats summary)
                    "tools.jackson.databind")
            .because("scenarios speak only to the framework (and the ground floor it shares), so that a scenario"
                    + " reads as the behaviour it checks");

    static final ArchRule THE_FRAMEWORK_KNOWS_NO_SCENARIO_SIMULATOR_OR_RUNNER = noClasses()
            .that().resideInAPackage(FRAMEWORK)
            .should().dependOnClassesThat().resideInAnyPackage(SCENARIOS, SIMULATOR, RUNNER)
            .because("the framework serves the scenarios on any cluster and is driven by the runner, never the reverse");

    static final ArchRule THE_SIMULATOR_KNOWS_ONLY_THE_FOUNDATION = noClasses()
            .that().resideInAPackage(SIMULATOR)
            .should().dependOnClassesThat(resideInAPackage(OURS).and(DescribedPredicate.not(
                    resideInAnyPackage(SIMULATOR, FOUNDATION))).as("are ours outside the simulator and the foundation"))
            .because("the simulator is reachable only through the Kubernetes API and shares only the ground floor"
                    + " with the suite, so it can never take the suite's view of what a cluster should do");

    static final ArchRule THE_FOUNDATION_KNOWS_NOTHING_ELSE_OF_OURS = noClasses()
            .that().resideInAPackage(FOUNDATION)
            .should().dependOnClassesThat(resideInAPackage(OURS).and(DescribedPredicate.not(
                    resideInAPackage(FOUNDATION))).as("are ours outside the foundation"))
            .because("the simulator and the suite both stand on the foundation; it must not lead into either");
}
