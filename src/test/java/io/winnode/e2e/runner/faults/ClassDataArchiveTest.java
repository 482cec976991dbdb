package io.winnode.e2e.runner.faults;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {

    @Test
    void oneChildRecordsWhileOthersRunPlainAndChildrenStartedAfterItMapTheArchive() throws IOException {
        Path directory;
        try (ClassDataArchive classes = ClassDataArchive.create("/lib/a.jar" + java.io.File.pathSeparator + "/lib/b.jar")) {
            List<String> recorder = classes.optionsForNextChild();
            assertThat(recorder).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
            assertThat(classes.optionsForNextChild()).as("while the recorder runs").isEmpty();

            Path recording = Path.of(recorder.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
            directory = recording.getParent();
            Files.writeString(recording, "archive");
            classes.childEnded(recorder);

            List<String> mapped = classes.optionsForNextChild();
            assertThat(mapped).singleElement().asString().startsWith("-XX:SharedArchiveFile=");
            assertThat(Path.of(mapped.get(0).substring("-XX:SharedArchiveFile=".length()))).hasContent("archive");
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void aRecorderThatWroteNothingIsNotRetriedSoAFailingDumpCostsOneChildAtMost() {
        try (ClassDataArchive classes = ClassDataArchive.create("/lib/a.jar")) {
            List<String> first = classes.optionsForNextChild();
            classes.childEnded(first);

            assertThat(classes.optionsForNextChild()).isEmpty();
        }
    }

    @Test
    void aDirectoryOnTheClassPathIsPackedIntoAJarBecauseTheJvmArchivesOnlyJars(@org.junit.jupiter.api.io.TempDir Path classes)
            throws IOException {
        Files.createDirectories(classes.resolve("io/example"));
        Files.writeString(classes.resolve("io/example/A.class"), "bytes");
        try (ClassDataArchive archive = ClassDataArchive.create("/lib/a.jar" + java.io.File.pathSeparator + classes)) {
            String[] entries = archive.classPath().split(java.io.File.pathSeparator);
            assertThat(entries[0]).isEqualTo("/lib/a.jar");
            assertThat(entries[1]).endsWith(".jar");
            try (var jar = new java.util.jar.JarFile(entries[1])) {
                assertThat(jar.getEntry("io/example/")).isNotNull();
                assertThat(new String(jar.getInputStream(jar.getEntry("io/example/A.class")).readAllBytes())).isEqualTo("bytes");
            }
            assertThat(archive.optionsForNextChild()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
        }
    }
}
