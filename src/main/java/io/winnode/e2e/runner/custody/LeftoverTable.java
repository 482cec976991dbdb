package io.winnode.e2e.runner.custody;

import io.winnode.e2e.framework.lifecycle.Leftover;

import java.util.List;

/** The table {@code ./winnode clean} prints: one row per leftover, with what makes it one. */
public final class LeftoverTable {

    private LeftoverTable() {
    }

    public static String render(List<Leftover> leftovers) {
        String format = "%-10s %-36s %-36s %-24s %s%n";
        var text = new StringBuilder(String.format(format, "KIND", "NAMESPACE", "NAME", "RUN", "WHY"));
        for (Leftover leftover : leftovers) {
            var o = leftover.object();
            text.append(String.format(format, o.kind(), o.namespace() == null ? "-" : o.namespace(), o.name(), o.runId(),
                    leftover.evidence() + (o.kept() ? "; kept by --keep-on-failure" : "")));
        }
        return text.toString();
    }
}
