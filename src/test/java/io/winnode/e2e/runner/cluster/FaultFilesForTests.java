package io.winnode.e2e.runner.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes throwaway fault files (the catalog does not exist on this branch yet). */
public final class FaultFilesForTests {

    private FaultFilesForTests() {
    }

    /** A schema-complete fault file, mechanisms included, which the runner's reader must tolerate. */
    public static Path write(Path file, String id, String title, String... expectedCatchers) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, """
                id: %s
                title: %s
                defect:
                  reference: "windows-parity.md §2.2 %s"
                  links: ["https://github.com/kubernetes/kubernetes/issues/67827"]
                  symptom: "the same Service is reachable from Linux pods, not from Windows pods"
                expectedCatchers: [%s]
                faults:
                  - serviceProxy: { mode: missing }
                    select: { nodeOs: windows }
                    when: { afterSeconds: 0 }
                """.formatted(id, title, id, String.join(", ", expectedCatchers)));
    }

    /** A project home whose {@code faults/catalog} holds the given ids (file name = id + a slug). */
    public static Path catalogHome(Path home, String... ids) throws IOException {
        for (String id : ids) {
            write(home.resolve("faults/catalog/" + id + "-some-defect.yaml"), id, "Defect " + id,
                    "PodConnectivityScenarios#connectToLinuxServiceByClusterIp");
        }
        return home;
    }
}
