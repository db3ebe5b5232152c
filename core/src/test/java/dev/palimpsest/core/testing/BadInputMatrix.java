package dev.palimpsest.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "Bad input" table of {@code core/FORMAT.md}, read so that tests can check that every row
 * cites tests that exist: each module's {@code BadInputMatrixDocTest} resolves the citations whose
 * class lives in its own test sources by reflection (only those are on its class path).
 */
public final class BadInputMatrix {
    /** The heading of the section holding the table. */
    public static final String HEADING = "## Bad input";
    private static final Pattern CITATION = Pattern.compile("`([A-Za-z0-9_]+)#([A-Za-z0-9_]+)`");

    private BadInputMatrix() {
    }

    /** One cited test: a test class's simple name and a method in it (or in one of its nested classes). */
    public record Citation(String className, String method) {
        @Override
        public String toString() {
            return className + "#" + method;
        }
    }

    /** One row of the table: its number, the class of bad input, the answer, and the tests cited. */
    public record Row(int number, String input, String answer, List<Citation> tests) {
    }

    /** The project's root folder (holding {@code core/FORMAT.md}), found from the working directory. */
    public static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("core/FORMAT.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no core/FORMAT.md above " + Path.of("").toAbsolutePath());
    }

    /** The rows of the table, in order. */
    public static List<Row> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(projectRoot().resolve("core/FORMAT.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals(HEADING);
                continue;
            }
            if (!inSection || !line.startsWith("| ")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split(" \\| ", -1);
            if (cells.length < 4 || !cells[0].trim().matches("[0-9]+")) {
                continue; // the header and the separator
            }
            List<Citation> tests = new ArrayList<>();
            Matcher m = CITATION.matcher(cells[cells.length - 1]);
            while (m.find()) {
                tests.add(new Citation(m.group(1), m.group(2)));
            }
            rows.add(new Row(Integer.parseInt(cells[0].trim()), cells[1].trim(), cells[cells.length - 2].trim(), tests));
        }
        return rows;
    }

    /** The test source file of a test class, by simple name, in any module (the first if several). */
    public static Optional<Path> source(String className) {
        return sources(className).stream().findFirst();
    }

    /** Every test source file of that simple name, in all modules: a citation must name exactly one. */
    public static List<Path> sources(String className) {
        List<Path> all = new ArrayList<>();
        Path root = projectRoot();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.toList()) {
                Path tests = module.resolve("src/test/java");
                if (!Files.isDirectory(tests)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(tests)) {
                    files.filter(f -> f.getFileName().toString().equals(className + ".java")).sorted().forEach(all::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** The module (folder name) a test source file belongs to. */
    public static String module(Path source) {
        Path root = projectRoot();
        return root.relativize(source).getName(0).toString();
    }

    /** The fully qualified name of the class a test source file declares. */
    public static String className(Path source) {
        Path tests = source;
        while (!tests.endsWith("java") || !tests.getParent().endsWith("test")) {
            tests = tests.getParent();
        }
        String relative = tests.relativize(source).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace(source.getFileSystem().getSeparator(), ".");
    }

    /**
     * The problems with the citations of {@code module}'s test classes: a class that does not load,
     * or a method that is not a test in it or one of its nested classes. Empty when all is well.
     */
    public static List<String> checkModule(String module) {
        List<String> problems = new ArrayList<>();
        for (Row row : rows()) {
            for (Citation c : row.tests()) {
                Optional<Path> source = source(c.className());
                if (source.isEmpty() || !module(source.get()).equals(module)) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(className(source.get()));
                } catch (ClassNotFoundException e) {
                    problems.add("row " + row.number() + ": " + c + ": class " + className(source.get()) + " not found");
                    continue;
                }
                if (!hasTest(type, c.method())) {
                    problems.add("row " + row.number() + ": " + c + ": no test method " + c.method() + " in "
                            + type.getName() + " or its nested classes");
                }
            }
        }
        return problems;
    }

    private static boolean hasTest(Class<?> type, String method) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(method) && isTest(m)) {
                return true;
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (hasTest(nested, method)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTest(Method m) {
        for (Annotation a : m.getAnnotations()) {
            String name = a.annotationType().getName();
            if (name.equals("org.junit.jupiter.api.Test") || name.equals("org.junit.jupiter.params.ParameterizedTest")
                    || name.equals("org.junit.jupiter.api.RepeatedTest")) {
                return true;
            }
        }
        return false;
    }
}
