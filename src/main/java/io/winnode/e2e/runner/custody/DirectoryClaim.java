package io.winnode.e2e.runner.custody;

import io.winnode.e2e.foundation.input.InvalidInputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run's hold on an output directory ({@code --artifacts}, {@code --allure-results}), so that two runs
 * from one checkout never write into, or clear, the same directory: an exclusive lock on a file in it.
 * The operating system drops the lock when the process ends, however it ends, so a killed run never
 * blocks the next. A directory another live run holds is left to it, and this run writes beside it
 * into {@code DIR-<run id>}, and says so.
 */
final class DirectoryClaim implements AutoCloseable {

    static final String LOCK_FILE = ".winnode-run.lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;
    private final String busyWith;

    private DirectoryClaim(Path directory, FileChannel channel, FileLock lock, String busyWith) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
        this.busyWith = busyWith;
    }

    /** Claims {@code wanted}, or {@code wanted-<runId>} when another run holds it. */
    static DirectoryClaim claim(Path wanted, String runId, String option) {
        DirectoryClaim claim = tryClaim(wanted, runId, option, null);
        if (claim != null) {
            return claim;
        }
        String holder = holderOf(wanted);
        Path beside = wanted.resolveSibling(wanted.getFileName() + "-" + runId);
        DirectoryClaim besides = tryClaim(beside, runId, option, holder);
        if (besides == null) {
            throw new IllegalStateException(beside + " is locked although its name holds this run's id " + runId);
        }
        return besides;
    }

    /** The directory this run writes to. */
    Path directory() {
        return directory;
    }

    /** A note when the run had to write beside the directory it was given; empty otherwise. */
    String note(String option, Path wanted) {
        return busyWith == null ? "" : option + " " + wanted + " is in use by run " + busyWith + "; this run writes to "
                + directory + " instead";
    }

    private static DirectoryClaim tryClaim(Path dir, String runId, String option, String busyWith) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(runId + "\n"));
            return new DirectoryClaim(dir, channel, lock, busyWith);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InvalidInputException("Cannot use " + dir + " (" + option + "): " + e.getMessage()
                    + ". Pass " + option + " with a writable directory.", e);
        }
    }

    /** Null when another process, or another run in this JVM, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static String holderOf(Path dir) {
        try {
            return Files.readString(dir.resolve(LOCK_FILE)).strip();
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the claim failed already; its message says why
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }
}
