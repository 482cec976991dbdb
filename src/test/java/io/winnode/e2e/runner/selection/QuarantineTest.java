package io.winnode.e2e.runner.selection;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code suites/quarantine.yaml}: read strictly, every entry checked, errors naming the entry and the fix. */
class QuarantineTest {

    static final Supplier<Set<String>> KNOWN = () -> Set.of("DnsScenarios#resolves", "PodConnectivityScenarios#connect");

    @TempDir
    Path tmp;

    Path file(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("quarantine.yaml"), yaml);
    }

    static String entry(String test, String issue, String owner, String expires) {
        return "  - test: " + test + "\n    issue: " + issue + "\n    owner: " + owner + "\n    expires: " + expires + "\n";
    }

    @Test
    void theShippedListParsesAndHasNoExpiredEntry() {
        List<QuarantineEntry> shipped = Quarantine.load(null, () -> ScenarioIds.all(SelectionOptions.SCENARIOS_PACKAGE));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(shipped).allSatisfy(e -> assertThat(e.state(today)).as(e.test() + " expires " + e.expires())
                .isNotEqualTo(QuarantineEntry.State.EXPIRED));
    }

    @Test
    void aCompleteEntryIsRead() throws IOException {
        Path yaml = file("quarantine:\n" + entry("DnsScenarios#resolves", "https://github.com/o/r/issues/12", "sig-windows",
                "2026-04-30") + "    reason: the 2025 DNS client retries too slowly\n");

        assertThat(Quarantine.load(yaml, KNOWN)).containsExactly(new QuarantineEntry("DnsScenarios#resolves",
                URI.create("https://github.com/o/r/issues/12"), "sig-windows", LocalDate.of(2026, 4, 30),
                "the 2025 DNS client retries too slowly"));
    }

    @Test
    void anEmptyListNeedsNoScenarioDiscovery() throws IOException {
        Supplier<Set<String>> mustNotBeAsked = () -> {
            throw new AssertionError("discovered scenarios for an empty quarantine list");
        };

        assertThat(Quarantine.load(file("quarantine: []\n"), mustNotBeAsked)).isEmpty();
        assertThat(Quarantine.load(file("quarantine:\n"), mustNotBeAsked)).isEmpty();
    }

    @Test
    void aMissingOwnerNamesTheEntryAndTheFix() throws IOException {
        Path yaml = file("quarantine:\n" + entry("DnsScenarios#resolves", "https://x.io/1", "alice", "2026-04-30")
                + "  - test: PodConnectivityScenarios#connect\n    issue: https://x.io/2\n    expires: 2026-04-30\n");

        assertThatThrownBy(() -> Quarantine.load(yaml, KNOWN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("quarantine entry 2 (test PodConnectivityScenarios#connect) has no owner")
                .hasMessageContaining("Add owner:");
    }

    @Test
    void anIssueThatIsNotAUrlIsRefused() throws IOException {
        Path yaml = file("quarantine:\n" + entry("DnsScenarios#resolves", "JIRA-12", "alice", "2026-04-30"));

        assertThatThrownBy(() -> Quarantine.load(yaml, KNOWN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("entry 1 (test DnsScenarios#resolves): issue 'JIRA-12' is not a URL")
                .hasMessageContaining("https://github.com/ORG/REPO/issues/123");
    }

    @Test
    void aDateThatDoesNotExistIsRefused() throws IOException {
        Path yaml = file("quarantine:\n" + entry("DnsScenarios#resolves", "https://x.io/1", "alice", "2026-02-30"));

        assertThatThrownBy(() -> Quarantine.load(yaml, KNOWN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expires '2026-02-30' is not a date").hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void aMissingExpiryIsRefused() throws IOException {
        Path yaml = file("quarantine:\n  - test: DnsScenarios#resolves\n    issue: https://x.io/1\n    owner: alice\n");

        assertThatThrownBy(() -> Quarantine.load(yaml, KNOWN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no expires date");
    }

    @Test
    void anUnknownTestIdIsRefused() throws IOException {
        Path yaml = file("quarantine:\n" + entry("DnsScenarios#resolve", "https://x.io/1", "alice", "2026-04-30"));

        assertThatThrownBy(() -> Quarantine.load(yaml, KNOWN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(test DnsScenarios#resolve) names no scenario test")
                .hasMessageContaining("./winnode list");
    }

    @Test
    void anUnknownKeyIsRefused() throws IOException {
        Path yaml = file("quarantine:\n" + entry("DnsScenarios#resolves", "https://x.io/1", "alice", "2026-04-30")
                + "    expiry: 2026-05-30\n");

        assertThatThrownBy(() -> Quarantine.load(yaml, KNOWN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expiry").hasMessageContaining(yaml.toString());
    }

    @Test
    void aTestQuarantinedTwiceIsRefused() throws IOException {
        Path yaml = file("quarantine:\n" + entry("DnsScenarios#resolves", "https://x.io/1", "alice", "2026-04-30")
                + entry("DnsScenarios#resolves", "https://x.io/2", "bob", "2026-05-30"));

        assertThatThrownBy(() -> Quarantine.load(yaml, KNOWN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("quarantined twice (entries 1 and 2)");
    }
}
