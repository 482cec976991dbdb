package io.winnode.e2e.runner.selection;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shards are disjoint, cover the selection, are the same every time and balance recorded durations. */
class ShardPlanTest {

    private static final List<String> IDS = List.of("A#a", "A#b", "B#c", "B#d", "C#e", "C#f", "C#g");

    @Test
    void withoutDurationsTheShardsAreRoundRobinOverTheSortedIds() {
        ShardPlan plan = ShardPlan.balance(IDS, Map.of(), 3);

        assertThat(plan.shard(1)).containsExactly("A#a", "B#d", "C#g");
        assertThat(plan.shard(2)).containsExactly("A#b", "C#e");
        assertThat(plan.shard(3)).containsExactly("B#c", "C#f");
    }

    @Test
    void theOrderOfTheInputDoesNotMatter() {
        List<String> reversed = new ArrayList<>(IDS);
        java.util.Collections.reverse(reversed);
        Map<String, Duration> recorded = Map.of("A#a", seconds(3), "C#g", seconds(3), "B#c", seconds(8));

        ShardPlan forward = ShardPlan.balance(IDS, recorded, 3);
        ShardPlan backward = ShardPlan.balance(reversed, recorded, 3);

        for (int i = 1; i <= 3; i++) {
            assertThat(backward.shard(i)).isEqualTo(forward.shard(i));
        }
    }

    @Test
    void theLongestTestsAreSpreadFirst() {
        Map<String, Duration> recorded = Map.of("A#a", seconds(7), "A#b", seconds(5), "B#c", seconds(4),
                "B#d", seconds(3), "C#e", seconds(1));

        ShardPlan plan = ShardPlan.balance(List.of("A#a", "A#b", "B#c", "B#d", "C#e"), recorded, 2);

        // 7 -> 1; 5 -> 2; 4 -> 2 (5 < 7); 3 -> 1 (7 < 9); 1 -> 2 (9 < 10)
        assertThat(plan.shard(1)).containsExactly("A#a", "B#d");
        assertThat(plan.shard(2)).containsExactly("A#b", "B#c", "C#e");
        assertThat(plan.load(1)).isEqualTo(10_000);
        assertThat(plan.load(2)).isEqualTo(10_000);
    }

    @Test
    void aTestWithoutARecordedDurationWeighsTheMedianOfTheRecordedOnes() {
        Map<String, Duration> recorded = Map.of("A#a", seconds(10), "A#b", seconds(2), "B#c", seconds(6));

        ShardPlan plan = ShardPlan.balance(List.of("A#a", "A#b", "B#c", "B#d"), recorded, 1);

        assertThat(plan.load(1)).isEqualTo(10_000 + 2_000 + 6_000 + 6_000);
    }

    @Test
    void durationsOfTestsOutsideTheSelectionDoNotCount() {
        Map<String, Duration> recorded = Map.of("A#a", seconds(10), "Gone#x", seconds(1000));

        ShardPlan plan = ShardPlan.balance(List.of("A#a", "A#b"), recorded, 1);

        assertThat(plan.load(1)).isEqualTo(20_000);
    }

    @Test
    void zeroLengthTestsAreSpreadRatherThanPiledIntoTheFirstShard() {
        Map<String, Duration> recorded = new TreeMap<>();
        IDS.forEach(id -> recorded.put(id, Duration.ZERO));

        ShardPlan plan = ShardPlan.balance(IDS, recorded, 3);

        assertThat(List.of(plan.shard(1).size(), plan.shard(2).size(), plan.shard(3).size())).containsExactly(3, 2, 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 40})
    void shardsAreDisjointCoverTheSelectionAndAreBalancedWithinTheLongestTest(int count) {
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "T" + (i / 5) + "#m" + i).toList();
        Random random = new Random(count); // test data only; the plan itself has no randomness
        Map<String, Duration> recorded = new TreeMap<>();
        ids.stream().filter(id -> random.nextInt(5) > 0).forEach(id -> recorded.put(id, Duration.ofMillis(1 + random.nextInt(600_000))));

        ShardPlan plan = ShardPlan.balance(ids, recorded, count);
        ShardPlan again = ShardPlan.balance(ids, recorded, count);

        List<String> union = new ArrayList<>();
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        for (int i = 1; i <= count; i++) {
            assertThat(plan.shard(i)).isNotEmpty().isEqualTo(again.shard(i));
            union.addAll(plan.shard(i));
            max = Math.max(max, plan.load(i));
            min = Math.min(min, plan.load(i));
            for (String id : plan.shard(i)) {
                assertThat(plan.shardOf(id)).isEqualTo(i);
            }
        }
        assertThat(union).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        long longest = recorded.values().stream().mapToLong(Duration::toMillis).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(longest);
    }

    @Test
    void moreShardsThanTestsIsRefused() {
        assertThatThrownBy(() -> ShardPlan.balance(List.of("A#a"), Map.of(), 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShardIsParsedFromIOverN() {
        assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
        assertThat(Shard.parse(" 1 / 1 ")).hasToString("1/1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "2-3", "a/b", "-1/3", "2/3/4", ""})
    void aShardThatIsNotIOverNIsBadInput(String spec) {
        assertThatThrownBy(() -> Shard.parse(spec)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not I/N").hasMessageContaining("--shard 2/3");
    }

    @Test
    void aShardOutsideOneToNIsBadInputNamingTheRange() {
        assertThatThrownBy(() -> Shard.parse("0/3")).isInstanceOf(InvalidInputException.class).hasMessageContaining("I runs from 1 to 3");
        assertThatThrownBy(() -> Shard.parse("4/3")).isInstanceOf(InvalidInputException.class).hasMessageContaining("I runs from 1 to 3");
        assertThatThrownBy(() -> Shard.parse("1/0")).isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 1");
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
