package io.winnode.e2e.framework.junit;

import io.qameta.allure.Allure;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.parity.ParityLedger;
import io.winnode.e2e.framework.parity.ParityRow;
import io.winnode.e2e.framework.placement.Side;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.TestAbortedException;

import java.util.List;

/**
 * One side's run of a parity scenario: named {@code [linux]} or {@code [windows ltsc2022]} (stable,
 * since testgrid rows are named after tests), provides the {@link Side} and its {@link ParityCheck},
 * and aborts with the reason when the cluster has no node for the side.
 */
final class SideInvocation implements TestTemplateInvocationContext {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(SideInvocation.class);

    private final Side side;
    private final ParityRow row;

    SideInvocation(Side side, ParityRow row) {
        this.side = side;
        this.row = row;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return "[" + side.label() + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new SideSetup(), new SideParameters());
    }

    /** The parity check of the running invocation, for the scenario extension's failure handling. */
    static ParityCheck parityCheckOf(ExtensionContext context) {
        return context.getStore(STORE).get(ParityCheck.class, ParityCheck.class);
    }

    private final class SideSetup implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            ParityCheck check = new ParityCheck(row, side, ParityLedger.run());
            context.getStore(STORE).put(ParityCheck.class, check);
            context.getStore(STORE).put(Side.class, side);
            Allure.parameter("OS", side.os().label());
            Allure.parameter("Windows build", side.build().map(b -> b.shortName() + " (" + b.buildNumber() + ")").orElse("-"));
            Allure.label("parity", row.id());
            Allure.label("story", row.behaviour());
            RunContext.of(context).placement().unavailableReason(side).ifPresent(reason -> {
                check.recordUnobserved(reason, false);
                throw new TestAbortedException(side.label() + " side unavailable: " + reason);
            });
        }
    }

    private final class SideParameters implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == Side.class || type == ParityCheck.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Side.class ? side
                    : context.getStore(STORE).get(ParityCheck.class, ParityCheck.class);
        }
    }
}
