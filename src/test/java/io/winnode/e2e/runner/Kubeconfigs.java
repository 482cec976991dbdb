package io.winnode.e2e.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes minimal kubeconfig files for tests. */
final class Kubeconfigs {

    private Kubeconfigs() {
    }

    static Path write(Path directory, String server) throws IOException {
        return Files.writeString(directory.resolve("kubeconfig.yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                contexts:
                - name: test
                  context:
                    cluster: test
                    user: test
                    namespace: default
                current-context: test
                users:
                - name: test
                  user:
                    token: not-a-secret
                """.formatted(server));
    }
}
