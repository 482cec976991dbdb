package io.winnode.e2e.runner;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.selection.Suites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.winnode.e2e.runner.Invocation.PASSING;
import static org.assertj.core.api.Assertions.assertThat;

/** Flags, input errors and cluster errors map to the documented exit codes and messages. */
class WinnodeCommandLineTest {

    @TempDir
    Path tmp;

    @AfterEach
    void restoreHome() {
        System.clearProperty("winnode.home");
    }

    @Test
    void anUnknownFlagIsBadInput() {
        Invocation run = Invocation.of("run", "--no-such-flag");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Unknown option: '--no-such-flag'").contains("winnode run --help");
    }

    @Test
    void aBadClusterValueIsBadInput() {
        Invocation run = Invocation.of("run", "--cluster", "kind");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--cluster").contains("SIMULATED").contains("KUBECONFIG");
    }

    @Test
    void noCommandIsBadInput() {
        Invocation run = Invocation.of();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Missing command");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Invocation run = Invocation.of("run", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("0   all selected tests passed")
                .contains("3   cluster unreachable").contains("--sim-latency").doesNotContain("--scenarios-package");
    }

    @Test
    void aMissingKubeconfigIsBadInputNamingTheFile() {
        Invocation run = Invocation.of("run", "--kubeconfig", "/no/such/file", "--scenarios-package", PASSING,
                "--artifacts", tmp.resolve("a").toString(), "--allure-results", tmp.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("/no/such/file").contains("--kubeconfig").doesNotContain("\tat ");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Invocation run = Invocation.of("run", "--verbose", "--kubeconfig", "/no/such/file", "--scenarios-package", PASSING,
                "--artifacts", tmp.resolve("a").toString(), "--allure-results", tmp.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("InvalidInputException").contains("\tat ");
    }

    @Test
    void aMalformedKubeconfigIsBadInput() throws IOException {
        Path kubeconfig = Files.writeString(tmp.resolve("kubeconfig"), "clusters: [ {name: x\n");

        Invocation run = Invocation.of("nodes", "--kubeconfig", kubeconfig.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(kubeconfig.toString()).doesNotContain("\tat ");
    }

    @Test
    void aKubeconfigPointingAtAClosedPortIsAnUnusableClusterWithin30Seconds() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path kubeconfig = Kubeconfigs.write(tmp, "http://127.0.0.1:" + port);

        Invocation run = Invocation.of("run", "--kubeconfig", kubeconfig.toString(), "--scenarios-package", PASSING,
                "--artifacts", tmp.resolve("a").toString(), "--allure-results", tmp.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CLUSTER_UNUSABLE);
        assertThat(run.took()).isLessThan(Duration.ofSeconds(30));
        assertThat(run.err()).contains("127.0.0.1:" + port).doesNotContain("\tat ");
    }

    @Test
    void anUnknownContextIsBadInputListingTheContexts() throws IOException {
        Path kubeconfig = Kubeconfigs.write(tmp, "http://127.0.0.1:1");

        Invocation run = Invocation.of("nodes", "--kubeconfig", kubeconfig.toString(), "--context", "prod");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no context named 'prod'").contains("Its contexts: test");
    }

    @Test
    void anUnknownSuiteIsBadInputListingTheValidNames() {
        Invocation run = Invocation.of("list", "--suite", "nightly", "--scenarios-package", PASSING);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Unknown suite 'nightly'").contains(String.join(", ", Suites.names()));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aSuiteWithAnUnknownKeyIsBadInputNamingTheFile() throws IOException {
        Invocation run = listSuiteFile("typo", "name: typo\nexlude: slow\n");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("typo.yaml").contains("exlude").doesNotContain("\tat ");
    }

    @Test
    void aSuiteThatIsNotYamlIsBadInput() throws IOException {
        Invocation run = listSuiteFile("broken", "name: broken\ninclude: [scheduling\n");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Malformed YAML").contains("broken.yaml");
    }

    @Test
    void aSuiteWhoseNameDiffersFromItsFileIsBadInput() throws IOException {
        Invocation run = listSuiteFile("quick", "name: smoke\n");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("quick.yaml").contains("'smoke'");
    }

    @Test
    void aMalformedTagExpressionIsBadInput() {
        Invocation run = Invocation.of("list", "--tags", "networking &", "--scenarios-package", PASSING);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Invalid tag expression 'networking &'");
    }

    @Test
    void aSelectionWithoutTestsIsBadInputNamingSuiteAndTags() {
        Invocation run = Invocation.of("run", "--tags", "Extend.HostProcess", "--scenarios-package", PASSING,
                "--artifacts", tmp.resolve("a").toString(), "--allure-results", tmp.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("No test matches suite 'default'").contains("Extend.HostProcess");
    }

    @Test
    void simulatedClusterCannotBeCombinedWithAKubeconfig() {
        Invocation run = Invocation.of("nodes", "--cluster", "simulated", "--kubeconfig", "/tmp/kc");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--cluster simulated");
    }

    /** Lists suite {@code name} from a checkout (WINNODE_HOME) whose suites/NAME.yaml holds {@code yaml}. */
    private Invocation listSuiteFile(String name, String yaml) throws IOException {
        Path suites = Files.createDirectories(tmp.resolve("suites"));
        Files.writeString(suites.resolve(name + ".yaml"), yaml);
        System.setProperty("winnode.home", tmp.toString());
        return Invocation.of("list", "--suite", name, "--scenarios-package", PASSING);
    }
}
