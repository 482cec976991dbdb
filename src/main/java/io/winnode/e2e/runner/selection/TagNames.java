package io.winnode.e2e.runner.selection;

import io.winnode.e2e.framework.junit.Tags;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tag names: the ones a JUnit tag expression mentions, and the ones the project declares. A tag
 * nobody carries matches nothing, so a typo in a suite or {@code --tags} would silently shrink (or,
 * under {@code !}, not shrink) a selection; {@link TestSelection} refuses such tags by comparing the two.
 */
final class TagNames {

    /** JUnit's own tag-expression tokens: {@code any()}, {@code none()}, operators, parentheses, tags. */
    private static final Pattern TOKEN = Pattern.compile("\\s*(?:((?:any|none)\\(\\))|([()!|&])|([^\\s()!|&]+))");

    /** Case-insensitive first, so {@code Core.*} and {@code Extend.*} sort among the lower-case tags in messages. */
    static final Comparator<String> ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private TagNames() {
    }

    /** The tags a (syntactically valid) JUnit tag expression names, in order of appearance. */
    static Set<String> in(String expression) {
        Set<String> tags = new LinkedHashSet<>();
        if (expression == null) {
            return tags;
        }
        Matcher m = TOKEN.matcher(expression);
        int at = 0;
        while (at < expression.length() && m.find(at) && m.start() == at) {
            if (m.group(3) != null) {
                tags.add(m.group(3));
            }
            at = m.end();
        }
        return tags;
    }

    /** The values of {@link Tags}' public static final String fields: every tag the project defines. */
    static Set<String> declared() {
        Set<String> tags = new TreeSet<>(ORDER);
        for (Field field : Tags.class.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                try {
                    tags.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot read " + field, e);
                }
            }
        }
        return tags;
    }
}
