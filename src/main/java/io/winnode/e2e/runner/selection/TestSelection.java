package io.winnode.e2e.runner.selection;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.runner.results.TestIds;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

/**
 * The scenarios a command selects from one package: the suite's tag expression ANDed with
 * {@code --tags}, plus the suite's {@code includeTests}, minus its {@code excludeTests}; or just the
 * {@code --test} ids; then, with {@code --shard}, one shard of that. Options and the suite are
 * checked when built and test ids and tags when discovered, so a typo fails before any cluster work.
 */
public final class TestSelection {

    private final Suite suite;
    private final String userTags;
    private final String tagExpression;
    private final PostDiscoveryFilter tagFilter;
    private final Set<String> namedTests;
    private final Shard shard;
    private final Map<String, Duration> durations;
    private final String scenariosPackage;
    /** Set by the first {@link #discover}; a selection is discovered once, then requested as often as needed. */
    private SelectedTests discovered;

    private TestSelection(Suite suite, String userTags, Set<String> namedTests, Shard shard,
                          Map<String, Duration> durations, String scenariosPackage) {
        this.suite = suite;
        this.userTags = userTags == null || userTags.isBlank() ? null : userTags.strip();
        this.tagExpression = this.userTags == null ? suite.tagExpression()
                : "(" + suite.tagExpression() + ") & (" + this.userTags + ")";
        this.tagFilter = parse(this.tagExpression);
        this.namedTests = namedTests;
        this.shard = shard;
        this.durations = durations;
        this.scenariosPackage = scenariosPackage;
    }

    public static TestSelection of(SelectionOptions options) {
        Suite suite = Suites.load(options.suite);
        if (options.tags != null && !options.tags.isBlank()) {
            parse(options.tags); // blame --tags itself rather than the combined expression
        }
        Set<String> namedTests = new LinkedHashSet<>();
        options.testIds.stream().map(String::strip).filter(id -> !id.isEmpty()).forEach(namedTests::add);
        if (!namedTests.isEmpty() && options.tags != null && !options.tags.isBlank()) {
            throw new InvalidInputException("--test names the tests to run, so --tags '" + options.tags
                    + "' would have nothing to narrow. Drop one of them.");
        }
        Shard shard = options.shard == null ? null : Shard.parse(options.shard);
        if (options.durations != null && shard == null) {
            throw new InvalidInputException("--durations " + options.durations + " balances shards, but there is no "
                    + "--shard. Add --shard I/N, or drop --durations.");
        }
        Map<String, Duration> durations = options.durations == null ? Map.of() : RecordedDurations.read(options.durations);
        return new TestSelection(suite, options.tags, namedTests, shard, durations, options.scenariosPackage);
    }

    private static PostDiscoveryFilter parse(String expression) {
        try {
            return TagFilter.includeTags(expression);
        } catch (JUnitException e) {
            throw new InvalidInputException("Invalid tag expression '" + expression + "': " + e.getMessage()
                    + ". Tag expressions combine tags with !, &, | and parentheses, e.g. 'networking & !slow'.", e);
        }
    }

    public Suite suite() {
        return suite;
    }

    /** The effective JUnit tag expression (suite include/exclude and --tags); --test selects by id instead. */
    public String tagExpression() {
        return tagExpression;
    }

    /** {@code I/N} of {@code --shard}, or empty when the selection is not sharded. */
    public Optional<String> shard() {
        return Optional.ofNullable(shard).map(Shard::toString);
    }

    /** {@code suite 'smoke' with --tags 'networking' (...), shard 2/3}, for messages. */
    public String describe() {
        return shard == null ? describeUnsharded() : describeUnsharded() + ", shard " + shard;
    }

    private String describeUnsharded() {
        if (!namedTests.isEmpty()) {
            return "--test " + String.join(", ", namedTests) + " (run settings of suite '" + suite.name()
                    + "', package " + scenariosPackage + ")";
        }
        return "suite '" + suite.name() + "'" + (userTags == null ? "" : " with --tags '" + userTags + "'")
                + " (tag expression " + tagExpression + ", package " + scenariosPackage + ")";
    }

    /**
     * Discovers the selection (no cluster needed): the selected ids, their tags and, for every other
     * test of the package, why it is out. Fails on test ids or tags that do not exist. An empty
     * selection is returned as such; {@link #discoverIds} is the variant that refuses it.
     */
    public SelectedTests discover(Launcher launcher) {
        if (discovered == null) {
            PackageTests all = PackageTests.of(launcher.discover(packageRequest(Map.of(), List.of())));
            requireKnownTags(all);
            requireKnownIds(all);
            Set<String> tagMatched = new HashSet<>(testIds(launcher.discover(packageRequest(Map.of(), List.of(tagFilter)))));
            discovered = select(all, tagMatched);
        }
        return discovered;
    }

    /** Discovers the selection and fails when it is empty: a run of nothing is a mistake in the input. */
    public List<String> discoverIds(Launcher launcher) {
        List<String> ids = discover(launcher).ids();
        if (ids.isEmpty()) {
            throw new InvalidInputException("No test matches " + describe()
                    + ". Check the suite's include/exclude and --tags (./winnode list shows what a selection holds).");
        }
        return ids;
    }

    /** The discovery request of the whole selection (discovering it first, if no {@link #discover} did). */
    public LauncherDiscoveryRequest request(Map<String, String> configurationParameters) {
        if (discovered == null) {
            try (LauncherSession session = ScenarioLauncher.open()) {
                discover(session.getLauncher());
            }
        }
        return request(configurationParameters, new HashSet<>(discovered.ids()));
    }

    /**
     * The discovery request of just the tests {@code onlyIds} names (ids as {@link SelectedTests#ids}
     * spells them), e.g. the serial part of a selection, or the tests to rerun after a failure.
     */
    public LauncherDiscoveryRequest request(Map<String, String> configurationParameters, Set<String> onlyIds) {
        return packageRequest(configurationParameters, List.of(new TestIdFilter(onlyIds)));
    }

    private LauncherDiscoveryRequest packageRequest(Map<String, String> configurationParameters, List<PostDiscoveryFilter> filters) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(scenariosPackage))
                .filters(filters.toArray(new PostDiscoveryFilter[0]))
                .configurationParameters(configurationParameters)
                .build();
    }

    private SelectedTests select(PackageTests all, Set<String> tagMatched) {
        Map<String, String> excludedBySuite = new LinkedHashMap<>();
        suite.excludeTests().forEach(t -> excludedBySuite.put(t.id().strip(), t.reason().strip()));
        Set<String> includedBySuite = new HashSet<>();
        suite.includeTests().forEach(t -> includedBySuite.add(t.id().strip()));

        List<String> selected = new ArrayList<>();
        List<SelectedTests.Excluded> excluded = new ArrayList<>();
        for (String id : all.ids()) {
            Optional<String> reason;
            if (!namedTests.isEmpty()) {
                reason = namedTests.contains(id) ? Optional.empty() : Optional.of("not named by --test");
            } else if (excludedBySuite.containsKey(id)) {
                reason = Optional.of("excluded by suite '" + suite.name() + "': " + excludedBySuite.get(id));
            } else if (includedBySuite.contains(id) || tagMatched.contains(id)) {
                reason = Optional.empty();
            } else {
                reason = Optional.of("tags " + all.tagsOf(id) + " do not match " + tagExpression);
            }
            reason.ifPresentOrElse(r -> excluded.add(new SelectedTests.Excluded(id, r)), () -> selected.add(id));
        }
        List<String> ids = shard == null || selected.isEmpty() ? selected : inThisShard(selected, excluded);
        excluded.sort(Comparator.comparing(SelectedTests.Excluded::id));
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        ids.forEach(id -> tags.put(id, all.tagsOf(id)));
        return new SelectedTests(ids, tags, excluded);
    }

    /** This shard's part of {@code selected}; the rest is added to {@code excluded}. */
    private List<String> inThisShard(List<String> selected, List<SelectedTests.Excluded> excluded) {
        if (shard.count() > selected.size()) {
            throw new InvalidInputException("--shard " + shard + " splits the selection into " + shard.count()
                    + " shards, but " + describeUnsharded() + " holds only " + selected.size() + " test"
                    + (selected.size() == 1 ? "" : "s") + "; use at most " + selected.size() + " shards.");
        }
        ShardPlan plan = ShardPlan.balance(selected, durations, shard.count());
        for (String id : selected) {
            int at = plan.shardOf(id);
            if (at != shard.index()) {
                excluded.add(new SelectedTests.Excluded(id, "in another shard (" + at + "/" + shard.count() + ")"));
            }
        }
        return plan.shard(shard.index());
    }

    /** Every tag the suite or --tags names must be carried by some test or declared in {@link Tags}. */
    private void requireKnownTags(PackageTests all) {
        Set<String> valid = TagNames.declared();
        valid.addAll(all.carriedTags());
        requireKnownTags(valid, suite.include(), "include '" + suite.include() + "' of suite '" + suite.name() + "' (" + suiteFile() + ")");
        requireKnownTags(valid, suite.exclude(), "exclude '" + suite.exclude() + "' of suite '" + suite.name() + "' (" + suiteFile() + ")");
        requireKnownTags(valid, userTags, "--tags '" + userTags + "'");
    }

    private static void requireKnownTags(Set<String> valid, String expression, String where) {
        for (String tag : TagNames.in(expression)) {
            if (!valid.contains(tag)) {
                throw new InvalidInputException("Unknown tag '" + tag + "' in " + where + ": no test carries it and "
                        + Tags.class.getName() + " does not declare it. Valid tags (case-sensitive): "
                        + String.join(", ", valid) + ".");
            }
        }
    }

    /** Every test id the suite or --test names must be a test of the package. */
    private void requireKnownIds(PackageTests all) {
        Map<String, String> named = new LinkedHashMap<>();
        suite.includeTests().forEach(t -> named.putIfAbsent(t.id().strip(), "includeTests of suite '" + suite.name() + "' (" + suiteFile() + ")"));
        suite.excludeTests().forEach(t -> named.putIfAbsent(t.id().strip(), "excludeTests of suite '" + suite.name() + "' (" + suiteFile() + ")"));
        namedTests.forEach(id -> named.putIfAbsent(id, "--test"));
        named.forEach((id, where) -> {
            if (!all.ids().contains(id)) {
                throw new InvalidInputException("Unknown test id '" + id + "' in " + where + ". Valid ids (Class#method, "
                        + "as ./winnode list prints them): " + (all.ids().isEmpty() ? "none, package " + scenariosPackage
                        + " has no tests." : "\n  " + String.join("\n  ", all.ids())));
            }
        });
    }

    private String suiteFile() {
        return Path.of(Suites.FOLDER, suite.name() + ".yaml").toString();
    }

    /**
     * The ids ({@code SimpleClassName#method}) of the selected test methods, sorted and distinct: a
     * test template counts once, however many OS sides it later runs on.
     */
    static List<String> testIds(TestPlan plan) {
        var ids = new TreeSet<String>();
        plan.getRoots().forEach(root -> plan.getDescendants(root).stream()
                .map(TestIdentifier::getSource)
                .flatMap(Optional::stream)
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .forEach(m -> ids.add(TestIds.testId(m))));
        return new ArrayList<>(ids);
    }
}
