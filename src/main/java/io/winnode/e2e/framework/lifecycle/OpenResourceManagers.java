package io.winnode.e2e.framework.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Remembers every resource manager that may still hold objects, and cleans them up when the JVM
 * is shut down (Ctrl-C, SIGTERM from a CI job's timeout), newest manager first, without waiting
 * for the deletions to complete.
 */
final class OpenResourceManagers {

    private static final List<ResourceManager> OPEN = new ArrayList<>();
    private static volatile boolean refusing;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OpenResourceManagers::closeAll, "winnode-cleanup"));
    }

    private OpenResourceManagers() {
    }

    static synchronized void register(ResourceManager manager) {
        OPEN.add(manager);
    }

    static synchronized void unregister(ResourceManager manager) {
        OPEN.remove(manager);
    }

    /** From now on no manager creates anything: the run is being torn down (a first Ctrl-C or SIGTERM). */
    static void refuseNewObjects() {
        refusing = true;
    }

    static boolean refusingNewObjects() {
        return refusing;
    }

    private static void closeAll() {
        List<ResourceManager> newestFirst;
        synchronized (OpenResourceManagers.class) {
            newestFirst = new ArrayList<>(OPEN);
        }
        Collections.reverse(newestFirst);
        // Requests only: the process is going, and a CI job's grace before SIGKILL is short.
        newestFirst.forEach(ResourceManager::requestDeletionOfAll);
    }
}
