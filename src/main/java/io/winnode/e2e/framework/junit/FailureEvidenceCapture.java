package io.winnode.e2e.framework.junit;

import io.winnode.e2e.framework.report.FailureEvidence;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Captures a scenario's {@link FailureEvidence} from every place a failure can come from: the test
 * body ({@link TestExecutionExceptionHandler}, setup problems included) and each lifecycle method
 * ({@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach}, {@code @AfterAll}). Both run before the
 * test's cleanup, so the pods are still there to describe. An abort (a side without nodes) is no
 * failure to explain. Its own extension beside {@link ScenarioExtension}, whose namespace it describes.
 */
final class FailureEvidenceCapture implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        capture(context, "test", failure);
        throw failure;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        capture(context, "beforeAll", failure);
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        capture(context, "beforeEach", failure);
        throw failure;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        capture(context, "afterEach", failure);
        throw failure;
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        capture(context, "afterAll", failure);
        throw failure;
    }

    private static void capture(ExtensionContext context, String hook, Throwable failure) {
        Optional<String> namespace = ScenarioExtension.namespaceOf(context);
        if (failure instanceof TestAbortedException || namespace.isEmpty()) {
            return;
        }
        Optional<Method> method = context.getTestMethod();
        String test = FailureEvidence.folderName(context.getRequiredTestClass(), method.map(Method::getName).orElse(null),
                method.isPresent() ? context.getDisplayName() : null);
        RunContext.of(context).evidence().capture(namespace.get(), test, hook, failure);
    }
}
