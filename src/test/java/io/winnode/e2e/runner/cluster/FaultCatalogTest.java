package io.winnode.e2e.runner.cluster;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --faults FILE|ID}: catalog ids resolve to their files; anything else is bad input naming the ids. */
class FaultCatalogTest {

    @TempDir
    Path home;

    @BeforeEach
    void catalog() throws IOException {
        FaultFilesForTests.catalogHome(home, "Z-22", "Z-2", "Z-10");
        System.setProperty("winnode.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.clearProperty("winnode.home");
    }

    @Test
    void idsAreSortedByNumberNotByText() {
        assertThat(FaultCatalog.standard().ids()).containsSubsequence("Z-2", "Z-10", "Z-22");
    }

    @Test
    void anIdResolvesToItsOwnFileAndNotToALongerIdWithTheSamePrefix() {
        ActiveFault fault = FaultCatalog.standard().resolve("Z-2");

        assertThat(fault.file().getFileName().toString()).isEqualTo("Z-2-some-defect.yaml");
        assertThat(fault.id()).isEqualTo("Z-2");
        assertThat(fault.summary().title()).isEqualTo("Defect Z-2");
        assertThat(fault.summary().reference()).isEqualTo("windows-parity.md §2.2 Z-2");
        assertThat(fault.summary().expectedCatchers()).containsExactly("PodConnectivityScenarios#connectToLinuxServiceByClusterIp");
        assertThat(FaultCatalog.standard().resolve("z-22").id()).isEqualTo("Z-22");
    }

    @Test
    void aFileResolvesEvenOutsideTheCatalogAndItsMechanismsAreIgnored() throws IOException {
        Path file = FaultFilesForTests.write(home.resolve("elsewhere/mine.yaml"), "D-77", "Mine");

        ActiveFault fault = FaultCatalog.standard().resolve(file.toString());

        assertThat(fault.id()).isEqualTo("D-77");
        assertThat(fault.file()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(fault.describe()).isEqualTo("D-77 (Mine)");
    }

    @Test
    void anUnknownIdIsBadInputListingTheCatalog() {
        assertThatThrownBy(() -> FaultCatalog.standard().resolve("Z-404"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Z-404").hasMessageContaining("not in the catalog")
                .hasMessageContaining("Z-2, Z-10, Z-22");
    }

    @Test
    void aMissingFileIsBadInputListingTheCatalog() {
        assertThatThrownBy(() -> FaultCatalog.standard().resolve("/no/such/fault.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/no/such/fault.yaml").hasMessageContaining("Z-2, Z-10, Z-22");
    }

    @Test
    void aFaultFileWithoutIdIsBadInput() throws IOException {
        Path file = Files.writeString(home.resolve("noid.yaml"), "title: no id\nfaults: []\n");

        assertThatThrownBy(() -> FaultCatalog.standard().resolve(file.toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no id");
    }

    @Test
    void aMalformedFaultFileIsBadInputNamingIt() throws IOException {
        Path file = Files.writeString(home.resolve("broken.yaml"), "id: [unclosed\n");

        assertThatThrownBy(() -> FaultCatalog.standard().resolve(file.toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("broken.yaml");
    }

    @Test
    void twoFilesForOneIdAreBadInput() throws IOException {
        FaultFilesForTests.write(home.resolve("faults/catalog/Z-22-another.yaml"), "Z-22", "Another");

        assertThatThrownBy(() -> FaultCatalog.standard().resolve("Z-22"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("several catalog files");
    }
}
