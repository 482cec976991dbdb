package io.winnode.e2e.framework.junit;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A scenario checked on every side the cluster offers: once on Linux and once per Windows build
 * (a side without nodes is reported as unavailable, never passed). The value names the behaviour's
 * row in {@code parity/expectations.yaml}; the method receives its {@link io.winnode.e2e.framework.placement.Side}
 * and a {@link io.winnode.e2e.framework.parity.ParityCheck} bound to that row.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(SideInvocations.class)
public @interface ParityTest {

    /** The behaviour id, e.g. {@code STO-04}. */
    String value();
}
