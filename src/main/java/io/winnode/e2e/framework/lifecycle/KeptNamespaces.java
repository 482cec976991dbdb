package io.winnode.e2e.framework.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * The namespaces this JVM's run kept for a look after a failure ({@code --keep-on-failure}), so that the
 * command line can say at the end how to look at them and how to remove them.
 */
public final class KeptNamespaces {

    private static final List<String> KEPT = new ArrayList<>();

    private KeptNamespaces() {
    }

    static synchronized void add(String namespace) {
        KEPT.add(namespace);
    }

    /** The namespaces kept so far, and forgets them: each run reports its own. */
    public static synchronized List<String> takeAll() {
        var all = List.copyOf(KEPT);
        KEPT.clear();
        return all;
    }
}
