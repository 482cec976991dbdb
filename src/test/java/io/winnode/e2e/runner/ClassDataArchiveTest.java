package io.winnode.e2e.runner;

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
        try (ClassDataArchive classes = ClassDataArchive.create()) {
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
    void aRecorderThatWroteNothingLetsTheNextChildRecord() {
        try (ClassDataArchive classes = ClassDataArchive.create()) {
            List<String> first = classes.optionsForNextChild();
            classes.childEnded(first);

            assertThat(classes.optionsForNextChild()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
        }
    }
}
