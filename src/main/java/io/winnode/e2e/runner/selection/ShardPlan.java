package io.winnode.e2e.runner.selection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits test ids into {@code count} disjoint shards whose union is every id, so that N CI jobs
 * together run a selection once. The split depends only on the ids and the recorded durations (no
 * randomness, no hashing), so every job computes the same plan and no test is run twice or never.
 *
 * <p>Balancing is longest-processing-time-first: tests are taken heaviest first (ties by id) and each
 * goes to the shard with the least load so far (ties: the shard with fewer tests, then the lowest
 * index). A test without a recorded duration weighs the median of the recorded ones, or 1 ms when none
 * is recorded, in which case every test weighs the same and the plan is round-robin over the sorted
 * ids. The fewer-tests tie-break keeps zero-length tests (skipped ones) spread out instead of piled
 * into shard 1.
 */
final class ShardPlan {

    private static final long UNKNOWN_WEIGHT_WITHOUT_RECORDS = 1;

    private final List<List<String>> shards;
    private final long[] loads;
    private final Map<String, Integer> shardOfId;

    private ShardPlan(List<List<String>> shards, long[] loads, Map<String, Integer> shardOfId) {
        this.shards = shards;
        this.loads = loads;
        this.shardOfId = shardOfId;
    }

    /**
     * @param ids      distinct test ids
     * @param recorded recorded durations by test id; ids not in {@code ids} are ignored
     * @param count    number of shards, 1 to {@code ids.size()}
     */
    static ShardPlan balance(List<String> ids, Map<String, Duration> recorded, int count) {
        if (count < 1 || count > Math.max(1, ids.size())) {
            throw new IllegalArgumentException(count + " shards for " + ids.size() + " tests");
        }
        Map<String, Long> weights = weights(ids, recorded);
        List<String> heaviestFirst = new ArrayList<>(weights.keySet());
        heaviestFirst.sort(Comparator.<String>comparingLong(weights::get).reversed().thenComparing(Comparator.naturalOrder()));

        List<List<String>> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(new ArrayList<>());
        }
        long[] loads = new long[count];
        Map<String, Integer> shardOfId = new TreeMap<>();
        for (String id : heaviestFirst) {
            int target = 0;
            for (int i = 1; i < count; i++) {
                if (loads[i] < loads[target] || (loads[i] == loads[target] && shards.get(i).size() < shards.get(target).size())) {
                    target = i;
                }
            }
            shards.get(target).add(id);
            loads[target] += weights.get(id);
            shardOfId.put(id, target + 1);
        }
        shards.replaceAll(shard -> shard.stream().sorted().toList());
        return new ShardPlan(List.copyOf(shards), loads, shardOfId);
    }

    /** Every id with its weight in milliseconds, sorted by id. */
    private static Map<String, Long> weights(List<String> ids, Map<String, Duration> recorded) {
        List<Long> known = ids.stream().filter(recorded::containsKey).map(id -> recorded.get(id).toMillis()).sorted().toList();
        long unknown = known.isEmpty() ? UNKNOWN_WEIGHT_WITHOUT_RECORDS : median(known);
        Map<String, Long> weights = new TreeMap<>();
        for (String id : ids) {
            weights.put(id, recorded.containsKey(id) ? recorded.get(id).toMillis() : unknown);
        }
        if (weights.size() != ids.size()) {
            throw new IllegalArgumentException("duplicate test ids in " + ids);
        }
        return weights;
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    int count() {
        return shards.size();
    }

    /** The ids of shard {@code index} (1-based), sorted. */
    List<String> shard(int index) {
        return shards.get(index - 1);
    }

    /** The shard (1-based) holding {@code id}. */
    int shardOf(String id) {
        Integer shard = shardOfId.get(id);
        if (shard == null) {
            throw new IllegalArgumentException(id + " is not in this plan");
        }
        return shard;
    }

    /** The summed weight of shard {@code index} (1-based), in milliseconds. */
    long load(int index) {
        return loads[index - 1];
    }
}
