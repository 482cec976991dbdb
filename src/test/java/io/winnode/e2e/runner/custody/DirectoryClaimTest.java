package io.winnode.e2e.runner.custody;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Two runs from one checkout never share an output directory; a finished run's directory is free again. */
class DirectoryClaimTest {

    @TempDir
    Path checkout;

    @Test
    void aSecondRunWritesBesideADirectoryALiveRunHoldsAndSaysSo() {
        Path wanted = checkout.resolve("allure-results");
        try (DirectoryClaim first = DirectoryClaim.claim(wanted, "wn-20261202-100000-aaaa", "--allure-results");
             DirectoryClaim second = DirectoryClaim.claim(wanted, "wn-20261202-100001-bbbb", "--allure-results")) {

            assertThat(first.directory()).isEqualTo(wanted);
            assertThat(first.note("--allure-results", wanted)).isEmpty();
            assertThat(second.directory()).isEqualTo(checkout.resolve("allure-results-wn-20261202-100001-bbbb")).isDirectory();
            assertThat(second.note("--allure-results", wanted)).isEqualTo("--allure-results " + wanted
                    + " is in use by run wn-20261202-100000-aaaa; this run writes to " + second.directory() + " instead");
        }
    }

    @Test
    void aDirectoryIsFreeAgainOnceItsRunEnded() {
        Path wanted = checkout.resolve("target/winnode");
        DirectoryClaim.claim(wanted, "wn-20261202-100000-aaaa", "--artifacts").close();

        try (DirectoryClaim next = DirectoryClaim.claim(wanted, "wn-20261202-100500-cccc", "--artifacts")) {
            assertThat(next.directory()).isEqualTo(wanted);
        }
    }

    @Test
    void anUnwritableDirectoryIsBadInputNamingTheOption() throws Exception {
        Path file = Files.writeString(checkout.resolve("not-a-directory"), "x");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DirectoryClaim.claim(file, "wn-1", "--artifacts"))
                .isInstanceOf(io.winnode.e2e.foundation.input.InvalidInputException.class)
                .hasMessageContaining("--artifacts").hasMessageContaining("writable directory");
    }
}
