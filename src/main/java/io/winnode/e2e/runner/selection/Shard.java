package io.winnode.e2e.runner.selection;

import io.winnode.e2e.foundation.input.InvalidInputException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard I/N}: this run is shard {@code index} (1-based) of {@code count} disjoint shards
 * whose union is the whole selection (see {@link ShardPlan}).
 */
record Shard(int index, int count) {

    private static final Pattern SPEC = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("no shard " + index + "/" + count);
        }
    }

    /** Parses {@code I/N} as the user typed it; every way it can be wrong names the fix. */
    static Shard parse(String text) {
        Matcher m = SPEC.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new InvalidInputException("--shard '" + text + "' is not I/N; write e.g. --shard 2/3 for the second "
                    + "of three shards (I from 1 to N).");
        }
        int index = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        if (count < 1) {
            throw new InvalidInputException("--shard " + text.strip() + " asks for " + count + " shards; N must be at least 1.");
        }
        if (index < 1 || index > count) {
            throw new InvalidInputException("--shard " + text.strip() + " has no shard " + index + "; I runs from 1 to "
                    + count + " (1-based), e.g. --shard 1/" + count + ".");
        }
        return new Shard(index, count);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
