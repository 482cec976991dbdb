package io.winnode.e2e.framework;

import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.winnode.e2e.framework.parity.ParityExpectations;
import io.winnode.e2e.framework.parity.ParityRow;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every outcome sentence of {@code parity/expectations.yaml} is written there and nowhere in the
 * suite's code: scenarios report a row's outcome by its key, so a sentence changed in the file is
 * changed everywhere. The code is read with the JDK's own Java parser, so only string literals count
 * (a sentence quoted in a comment does not), and any literal equal to a sentence does, whichever room
 * it is in.
 */
class ExpectationSentencesWrittenOnceTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    @Test
    void noSentenceOfTheExpectationsIsAStringLiteralOfTheCode() throws IOException {
        Set<String> sentences = sentences(ParityExpectations.load());

        List<String> repeated = stringLiterals(MAIN_SOURCES).stream()
                .filter(literal -> sentences.contains(literal.value()))
                .map(literal -> literal.file() + ":" + literal.line() + " \"" + literal.value() + "\"")
                .toList();

        assertThat(repeated)
                .as("outcome sentences of %s written again in the code; report the row's outcome by its key "
                        + "(Observed.outcome(\"key\")) instead", ParityExpectations.FILE)
                .isEmpty();
    }

    /**
     * Inside the file too, a sentence is declared by one row only: rows that observe the same things share them with
     * {@code outcomesOf} instead of writing them again. Read as text (a line
     * {@code key: sentence}), so a borrowed sentence does not count twice.
     */
    @Test
    void theExpectationsFileDeclaresEachSentenceOnce() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(ParityExpectations.FILE));

        for (String sentence : sentences(ParityExpectations.load())) {
            assertThat(lines.stream().map(String::strip)
                    .filter(line -> line.endsWith(": " + sentence) || line.endsWith(": \"" + sentence + "\"")).toList())
                    .as("lines of %s holding \"%s\"", ParityExpectations.FILE, sentence).hasSize(1);
        }
    }

    /** The scan sees literals at all: a literal it must find, in the class that declares the file's name. */
    @Test
    void theScanFindsTheLiteralsOfTheCode() throws IOException {
        assertThat(stringLiterals(MAIN_SOURCES)).extracting(StringLiteral::value).contains(ParityExpectations.FILE);
    }

    private static Set<String> sentences(ParityExpectations expectations) {
        var sentences = new TreeSet<String>();
        for (ParityRow row : expectations.rows()) {
            sentences.addAll(row.outcomes().values());
        }
        return sentences;
    }

    private record StringLiteral(Path file, long line, String value) {
    }

    private static List<StringLiteral> stringLiterals(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        var literals = new ArrayList<StringLiteral>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
            // Parsing only: no symbols are resolved, so the class path does not matter and it takes a second.
            JavacTask task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null, units);
            var positions = Trees.instance(task).getSourcePositions();
            for (var unit : task.parse()) {
                var lines = unit.getLineMap();
                Path file = Path.of(unit.getSourceFile().toUri());
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitLiteral(LiteralTree literal, Void unused) {
                        if (literal.getKind() == Tree.Kind.STRING_LITERAL) {
                            long position = positions.getStartPosition(unit, literal);
                            literals.add(new StringLiteral(root.toAbsolutePath().relativize(file),
                                    lines.getLineNumber(position), (String) literal.getValue()));
                        }
                        return null;
                    }
                }.scan(unit, null);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return literals;
    }
}
