package io.winnode.e2e.faults;

import io.winnode.e2e.framework.junit.ParityTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped fault catalog is data others rely on: at least 30 faults, each modelled on a
 * documented defect with a link, each naming scenarios that exist and that it expects to catch it.
 * (The simulator checks each fault's mechanism strictly when it loads the file.)
 */
class FaultCatalogTest {

    private static final Path CATALOG = Path.of("faults/catalog");

    @Test
    void theCatalogHoldsAtLeastThirtyDocumentedFaultsWithRealCatchers() throws IOException {
        Set<String> testIds = scenarioTestIds();
        List<Path> files;
        try (Stream<Path> list = Files.list(CATALOG)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);

        var ids = new HashSet<String>();
        for (Path file : files) {
            JsonNode fault = new YAMLMapper().readTree(file.toFile());
            String id = fault.path("id").asString("");
            assertThat(id).as(file.toString()).matches("D-\\d\\d");
            assertThat(ids.add(id)).as("duplicate id " + id).isTrue();
            assertThat(file.getFileName().toString()).startsWith(id + "-");
            assertThat(fault.path("defect").path("reference").asString("")).as(file.toString()).contains(id);
            assertThat(fault.path("defect").path("links")).as(file.toString()).isNotEmpty();
            assertThat(fault.path("faults")).as(file.toString()).isNotEmpty();
            assertThat(fault.path("expectedCatchers")).as(file.toString()).isNotEmpty();
            fault.path("expectedCatchers").forEach(c ->
                    assertThat(testIds).as(file + " names catcher " + c.asString()).contains(c.asString()));
        }
    }

    /** {@code Class#method} of every parity scenario, as {@code ./winnode list} prints them. */
    private static Set<String> scenarioTestIds() {
        return ReflectionSupport.findAllClassesInPackage("io.winnode.e2e.scenarios", c -> true, n -> true).stream()
                .flatMap(c -> ReflectionSupport.findMethods(c, m -> AnnotationSupport.isAnnotated(m, ParityTest.class),
                        HierarchyTraversalMode.TOP_DOWN).stream().map(m -> c.getSimpleName() + "#" + m.getName()))
                .collect(Collectors.toSet());
    }
}
