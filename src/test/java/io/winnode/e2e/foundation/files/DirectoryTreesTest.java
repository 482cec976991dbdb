package io.winnode.e2e.foundation.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting a scratch directory removes all of it and nothing it merely links to. */
class DirectoryTreesTest {

    @TempDir
    Path temp;

    @Test
    void removesNestedFilesAndDirectoriesButNotWhatALinkPointsTo() throws IOException {
        Path kept = Files.createDirectories(temp.resolve("kept"));
        Files.writeString(kept.resolve("data.txt"), "not the scratch directory's");
        Path scratch = Files.createDirectories(temp.resolve("scratch/etcd/member"));
        Files.writeString(scratch.resolve("wal"), "x");
        Files.writeString(temp.resolve("scratch/kubeconfig"), "y");
        Files.createSymbolicLink(temp.resolve("scratch/link-to-kept"), kept);

        DirectoryTrees.delete(temp.resolve("scratch"));

        assertThat(temp.resolve("scratch")).doesNotExist();
        assertThat(kept.resolve("data.txt")).hasContent("not the scratch directory's");
    }

    @Test
    void theQuietDeleteRemovesATreeToo() throws IOException {
        Files.createDirectories(temp.resolve("scratch/pki"));
        Files.writeString(temp.resolve("scratch/pki/ca.key"), "z");

        DirectoryTrees.deleteQuietly(temp.resolve("scratch"));

        assertThat(temp.resolve("scratch")).doesNotExist();
    }

    @Test
    void aMissingOrNullDirectoryIsNothingToDo() {
        DirectoryTrees.delete(temp.resolve("never-made"));
        DirectoryTrees.deleteQuietly(temp.resolve("never-made"));
        DirectoryTrees.deleteQuietly(null);

        assertThat(temp).isEmptyDirectory();
    }
}
