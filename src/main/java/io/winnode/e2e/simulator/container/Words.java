package io.winnode.e2e.simulator.container;

import java.util.ArrayList;
import java.util.List;

/** Splits command text into words and statements the way a shell would, honouring quotes. */
public final class Words {

    private Words() {
    }

    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(current.toString());
        }
        return words;
    }

    /** A statement and the operator that joins it to the next ({@code ;}, {@code &&}, {@code ||}, {@code &}). */
    public record Statement(String text, String joiner) {
    }

    /** Splits a script on unquoted {@code ;}, newlines, {@code &&}, {@code ||} and (for cmd) single {@code &}. */
    public static List<Statement> statements(String script, boolean singleAmpersandSeparates) {
        List<Statement> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == ';' || c == '\n') {
                result.add(new Statement(current.toString(), ";"));
                current.setLength(0);
            } else if ((c == '&' || c == '|') && i + 1 < script.length() && script.charAt(i + 1) == c) {
                result.add(new Statement(current.toString(), c == '&' ? "&&" : "||"));
                current.setLength(0);
                i++;
            } else if (c == '&' && singleAmpersandSeparates) {
                result.add(new Statement(current.toString(), ";"));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        result.add(new Statement(current.toString(), ";"));
        return result.stream().filter(s -> !s.text().isBlank()).toList();
    }

    /** Index of the first unquoted {@code >}, or -1. */
    public static int redirectIndex(String statement) {
        char quote = 0;
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return -1;
    }
}
