package io.winnode.e2e.framework.junit;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.winnode.e2e.framework.wait.Waits;
import io.winnode.e2e.framework.exec.InPod;
import io.winnode.e2e.framework.lifecycle.Ownership;
import io.winnode.e2e.framework.lifecycle.ResourceManager;
import io.winnode.e2e.framework.nodes.KubeletConfigz;
import io.winnode.e2e.framework.nodes.KubeletStats;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Placement;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives each scenario class a namespace of its own and each test a resource manager that deletes what
 * the test created (newest first) when it ends; a failed test's evidence is captured before that
 * cleanup ({@link FailureEvidenceCapture}). Resolves the framework objects scenarios take as parameters.
 */
final class ScenarioExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        TestExecutionExceptionHandler, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ScenarioExtension.class);

    /** The class's namespace and the manager that will delete it. */
    private record ClassScope(String namespace, ResourceManager resources) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        RunContext run = RunContext.of(context);
        String className = context.getRequiredTestClass().getSimpleName();
        var resources = new ResourceManager(run.cluster().client(), new Ownership(run.runId(), className), run.timeouts().podDelete());
        String name = "wn-" + Ownership.dnsLabel(className.replace("Scenarios", ""), 40) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
        PodSecurityLevel podSecurity = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WindowsScenario.class)
                .map(WindowsScenario::podSecurity).orElse(PodSecurityLevel.CLUSTER_DEFAULT);
        Namespace namespace = resources.create(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(podSecurity.namespaceLabels()).endMetadata().build());
        awaitDefaultServiceAccount(run, namespace.getMetadata().getName());
        context.getStore(STORE).put(ClassScope.class, new ClassScope(namespace.getMetadata().getName(), resources));
    }

    /**
     * Pods are refused ("serviceaccount default not found") until kube-controller-manager has
     * created the namespace's default ServiceAccount, so a scenario's first pod waits for it, as
     * upstream's framework does before every test.
     */
    private static void awaitDefaultServiceAccount(RunContext run, String namespace) {
        Waits.until("the default ServiceAccount of namespace " + namespace, run.timeouts().serviceAccountProvision(),
                () -> run.cluster().client().serviceAccounts().inNamespace(namespace).withName("default").get(),
                account -> true, account -> false, account -> account == null ? "not created yet" : "present");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassScope scope = context.getStore(STORE).remove(ClassScope.class, ClassScope.class);
        if (scope != null) {
            scope.resources().close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RunContext run = RunContext.of(context);
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        context.getStore(STORE).put(ResourceManager.class,
                new ResourceManager(run.cluster().client(), new Ownership(run.runId(), test), run.timeouts().podDelete()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ResourceManager resources = context.getStore(STORE).remove(ResourceManager.class, ResourceManager.class);
        if (resources != null) {
            resources.close();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        ParityCheck check = SideInvocation.parityCheckOf(context);
        if (failure instanceof TestAbortedException) {
            if (check != null) {
                check.recordUnobserved(failure.getMessage(), false);
            }
            throw failure;
        }
        keepOnFailure(context);
        var setupProblem = SetupProblem.of(failure);
        if (setupProblem.isPresent()) {
            if (check != null) {
                check.recordUnobserved(firstLine(setupProblem.get().getMessage()), true);
            }
            throw setupProblem.get();
        }
        if (check != null) {
            check.recordUnobserved("test failed: " + firstLine(failure.getMessage()), true);
        }
        throw failure;
    }

    /** {@code --keep-on-failure}: the failed test's objects and its class's namespace stay for a look. */
    private static void keepOnFailure(ExtensionContext context) {
        if (context.getConfigurationParameter(RunParameters.KEEP_ON_FAILURE, Boolean::parseBoolean).orElse(false)) {
            context.getStore(STORE).get(ResourceManager.class, ResourceManager.class).keepOnClose();
            classScope(context).resources().keepOnClose();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.strip().split("\\R", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Workloads.class || type == InPod.class || type == NodeInventory.class || type == Placement.class
                || type == KubeletStats.class || type == KubeletConfigz.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunContext run = RunContext.of(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == NodeInventory.class) {
            return run.cluster().nodes();
        }
        if (type == KubeletStats.class) {
            return new KubeletStats(run.cluster().client());
        }
        if (type == KubeletConfigz.class) {
            return new KubeletConfigz(run.cluster().client());
        }
        if (type == Placement.class) {
            return run.placement();
        }
        if (type == InPod.class) {
            return new InPod(run.cluster().client(), run.timeouts());
        }
        ResourceManager resources = parameter.isAnnotated(ClassScoped.class)
                ? classScope(context).resources()
                : context.getStore(STORE).get(ResourceManager.class, ResourceManager.class);
        return new Workloads(run.cluster().client(), resources, run.placement(), run.images(), run.timeouts(),
                classScope(context).namespace());
    }

    /** The namespace of the test's class, empty before it exists (its creation failed). */
    static Optional<String> namespaceOf(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(STORE).get(ClassScope.class, ClassScope.class))
                .map(ClassScope::namespace);
    }

    private static ClassScope classScope(ExtensionContext context) {
        ClassScope scope = context.getStore(STORE).get(ClassScope.class, ClassScope.class);
        if (scope == null) {
            throw new IllegalStateException("No namespace for " + context.getDisplayName()
                    + ": annotate the scenario class with @WindowsScenario");
        }
        return scope;
    }
}
