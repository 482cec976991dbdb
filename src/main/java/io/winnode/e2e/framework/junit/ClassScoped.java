package io.winnode.e2e.framework.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code Workloads} parameter: deploy into the class's scope, so the objects outlive the test
 * and are deleted with the class's namespace. For fixtures several tests share (servers that
 * clients of every side connect to), which on a real cluster saves minutes of Windows pod starts.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface ClassScoped {
}
