package io.winnode.e2e.simulator.faults;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fault files are read strictly: the documented schema parses; anything else names file, line and fix. */
class FaultFileParsingTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("fault.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void readsTheDocumentedSchema() throws IOException {
        FaultFile file = FaultFiles.read(write("""
                id: D-99
                title: Hand-written example
                defect:
                  reference: "windows-parity.md §2.2 D-99"
                  links: ["https://example.invalid/issue"]
                  symptom: "something breaks"
                expectedCatchers:
                  - SomeScenarios#someTest
                faults:
                  - serviceProxy: { mode: missing }
                    select: { nodeOs: windows, windowsBuild: ltsc2022, nodeLabels: {a: b}, namespaces: [x], podLabels: {app: y} }
                    when: { afterSeconds: 2, afterEvent: { kind: serviceRecreated, namespaces: [x] }, forSeconds: 5 }
                  - dns: { answer: stale, names: "^web\\\\.", staleAddress: 10.1.2.3 }
                  - failingStep: { step: sandbox, times: once, reason: FailedCreatePodSandBox, message: boom }
                """));
        assertThat(file.id()).isEqualTo("D-99");
        assertThat(file.expectedCatchers()).containsExactly("SomeScenarios#someTest");
        assertThat(file.defect().links()).hasSize(1);
        assertThat(file.faults()).hasSize(3);
        Fault first = file.faults().get(0);
        assertThat(first.mechanism()).isEqualTo(new Mechanisms.ServiceProxyFault("missing", null));
        assertThat(first.select().podLabels()).isEqualTo(Map.of("app", "y"));
        assertThat(first.when().afterEvent().kind()).isEqualTo("serviceRecreated");
        assertThat(first.when().forSeconds()).isEqualTo(5.0);
        assertThat(file.faults().get(1).dns().pattern().matcher("web.x.svc").find()).isTrue();
        assertThat(file.faults().get(2).failingStep().once()).isTrue();
        assertThat(file.faults().get(2).select()).isEqualTo(Selector.ALL);
    }

    @Test
    void unknownKeyNamesFileAndLine() throws IOException {
        Path f = write("""
                id: D-1
                faults:
                  - serviceProxy: { mode: missing }
                    selct: { nodeOs: windows }
                """);
        assertThatThrownBy(() -> FaultFiles.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 4").hasMessageContaining("selct")
                .hasMessageContaining("Fix the file");
    }

    @Test
    void zeroOrTwoMechanismKeysAreAClearError() throws IOException {
        Path none = write("""
                id: D-1
                faults:
                  - select: { nodeOs: windows }
                """);
        assertThatThrownBy(() -> FaultFiles.read(none)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exactly one mechanism key").hasMessageContaining("found none").hasMessageContaining("line 3");
        Path two = write("""
                id: D-1
                faults:
                  - serviceProxy: { mode: missing }
                    dns: { answer: nxdomain }
                """);
        assertThatThrownBy(() -> FaultFiles.read(two)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("found dns and serviceProxy").hasMessageContaining("one fault entry per mechanism");
    }

    @Test
    void badValuesSayWhatIsAllowed() throws IOException {
        Path f = write("""
                id: D-1
                faults:
                  - network: { action: explode, to: clusterIP }
                """);
        assertThatThrownBy(() -> FaultFiles.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("network.action 'explode'").hasMessageContaining("[delay, drop, reject]");
        Path g = write("""
                id: D-1
                faults:
                  - ignoredField: { path: spec.nonsense }
                """);
        assertThatThrownBy(() -> FaultFiles.read(g)).hasMessageContaining("spec.dnsPolicy");
        assertThatThrownBy(() -> FaultFiles.read(dir.resolve("missing.yaml"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.yaml");
        assertThat(FaultFiles.readAll(List.of())).isEmpty();
    }

    @Test
    void apiServerWeatherEntriesAddUpToTheProxysWeather() throws IOException {
        Path f = write("""
                id: W-1
                faults:
                  - apiServer: { weather: throttle, fraction: 0.25 }
                  - apiServer: { weather: dropWatches, afterSeconds: 1.5 }
                  - apiServer: { weather: delay, fraction: 0.5, delaySeconds: 0.2 }
                """);
        io.winnode.e2e.simulator.controlplane.ApiServerWeather weather = ApiServerWeathers.of(java.util.List.of(FaultFiles.read(f)));

        assertThat(weather.throttleFraction()).isEqualTo(0.25);
        assertThat(weather.throttleRetryAfterSeconds()).as("APF's own Retry-After").isEqualTo(1);
        assertThat(weather.dropWatchesAfter()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(weather.delay()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(weather.unavailableFraction()).isZero();
        assertThat(weather.resetFraction()).isZero();
    }

    @Test
    void anApiServerFaultWithoutItsShareOrWithASelectorIsAClearError() throws IOException {
        Path noShare = write("""
                id: W-1
                faults:
                  - apiServer: { weather: reset }
                """);
        assertThatThrownBy(() -> FaultFiles.read(noShare)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("apiServer.weather reset needs fraction").hasMessageContaining("line 3");
        Path selected = write("""
                id: W-1
                faults:
                  - apiServer: { weather: throttle, fraction: 0.1 }
                    select: { nodeOs: windows }
                """);
        assertThatThrownBy(() -> FaultFiles.read(selected)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("remove its select and when");
    }
}
