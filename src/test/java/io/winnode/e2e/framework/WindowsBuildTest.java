package io.winnode.e2e.framework;

import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.placement.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** M12 / coverage-review §7.1: a Windows build is a value, so no build a node reports is dropped. */
class WindowsBuildTest {

    @Test
    void aBuildTheSuiteHasNoShortNameForIsNamedByItsNumber() {
        WindowsBuild server23h2 = WindowsBuild.fromLabel("10.0.25398.1189").orElseThrow();

        assertThat(server23h2.shortName()).isEqualTo("10.0.25398");
        assertThat(server23h2.buildNumber()).isEqualTo("10.0.25398");
        assertThat(server23h2.isKnown()).isFalse();
        assertThat(Side.windows(server23h2).label()).isEqualTo("windows 10.0.25398");
        assertThat(Side.windows(server23h2).slug()).isEqualTo("windows-10-0-25398");
        assertThat(Side.fromLabel("windows 10.0.25398")).contains(Side.windows(server23h2));
    }

    @Test
    void knownBuildsKeepTheirShortNamesAndBuildsSortByNumber() {
        assertThat(WindowsBuild.fromLabel("10.0.20348")).contains(WindowsBuild.LTSC2022);
        assertThat(WindowsBuild.fromName("LTSC2019")).contains(WindowsBuild.LTSC2019);
        assertThat(WindowsBuild.fromName("10.0.26100")).contains(WindowsBuild.LTSC2025);
        var builds = new TreeSet<>(List.of(WindowsBuild.LTSC2025, WindowsBuild.fromLabel("10.0.25398").orElseThrow(),
                WindowsBuild.LTSC2019, WindowsBuild.LTSC2022));
        assertThat(builds).extracting(WindowsBuild::shortName).containsExactly("ltsc2019", "ltsc2022", "10.0.25398", "ltsc2025");
    }

    @Test
    void aLabelThatIsNoBuildNumberGivesNoBuild() {
        assertThat(WindowsBuild.fromLabel("")).isEmpty();
        assertThat(WindowsBuild.fromLabel(null)).isEmpty();
        assertThat(WindowsBuild.fromName("ws2022")).isEmpty();
    }
}
