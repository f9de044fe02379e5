package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sim2pi.controller.cli.ControllerMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code docs/} tells a robot builder holds: every command in it parses against the real
 * command trees ({@code sim2pi}, and {@code sim2pi-controller} for the Pi), the cheap ones marked
 * {@code <!-- runs-in-test -->} run and exit 0, and its links and repository paths exist. The
 * markers are described in {@link DocBlocks}.
 */
class DocsTest {

    /** Tests run in cli/; the repository root is one up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<Path> pages() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static List<DocBlocks.Block> allBlocks() throws IOException {
        List<DocBlocks.Block> blocks = new ArrayList<>();
        for (Path page : pages()) {
            blocks.addAll(DocBlocks.blocks(page));
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyDocsCommandParsesOrIsMarked() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int sim2piCommands = 0;
        for (DocBlocks.Block b : allBlocks()) {
            if (!b.shell()) {
                continue;
            }
            if (b.marker() == DocBlocks.Marker.NOT_RUN) {
                tests.add(DynamicTest.dynamicTest(b.where() + ": not run, with a reason",
                        () -> assertFalse(b.reason().isEmpty(), b.where() + ": <!-- not-run: ... --> needs the reason")));
                continue;
            }
            for (DocBlocks.Command c : b.lines()) {
                String name = b.file().getFileName() + ":" + c.line() + ": " + c.text();
                if (c.program() == DocBlocks.Program.OTHER && b.marker() == DocBlocks.Marker.RUNS_IN_TEST) {
                    tests.add(DynamicTest.dynamicTest(name, () -> assertTrue(isCopy(c),
                            b.where() + ": a runnable block holds sim2pi commands and 'cp -r' only: " + c.text())));
                } else if (c.program() == DocBlocks.Program.OTHER) {
                    tests.add(DynamicTest.dynamicTest(name, () -> assertEquals(DocBlocks.Marker.NEEDS_PI, b.marker(),
                            b.where() + ": '" + c.text() + "' is not a sim2pi command: mark the block <!-- needs-pi --> "
                                    + "or <!-- not-run: why -->, or tag it with its language")));
                } else {
                    sim2piCommands++;
                    tests.add(DynamicTest.dynamicTest(name, () -> assertNull(DocBlocks.parseProblem(c),
                            "'" + c.text() + "' does not parse")));
                }
            }
        }
        assertTrue(sim2piCommands >= 40, "found only " + sim2piCommands + " sim2pi commands in docs/");
        return tests.stream();
    }

    /** Each {@code runs-in-test} block runs top to bottom in its own scratch folder, every command exiting 0. */
    @TestFactory
    Stream<DynamicTest> runnableDocsCommandsSucceed(@TempDir Path scratchRoot) throws IOException {
        List<DocBlocks.Block> runnable = allBlocks().stream().filter(b -> b.marker() == DocBlocks.Marker.RUNS_IN_TEST).toList();
        assertTrue(runnable.size() >= 4, "only " + runnable.size() + " runnable blocks in docs/");
        return runnable.stream().map(b -> DynamicTest.dynamicTest(b.where() + " runs", () -> {
            Path scratch = Files.createDirectories(scratchRoot.resolve(b.where().replace(':', '-')));
            // Copies run first (the commands after them work on the copy); each stretch of sim2pi
            // commands between them runs in one JVM.
            List<DocBlocks.Command> pending = new ArrayList<>();
            for (DocBlocks.Command c : b.lines()) {
                if (isCopy(c)) {
                    run(pending, scratch);
                    pending.clear();
                    copyIn(c.args().get(1), scratch);
                    copyTree(scratch.resolve(c.args().get(1)), scratch.resolve(c.args().get(2)));
                } else {
                    assertTrue(c.program() != DocBlocks.Program.OTHER, b.where() + ": only sim2pi commands run: " + c.text());
                    pending.add(c);
                }
            }
            run(pending, scratch);
        }));
    }

    /**
     * Runs {@code commands} in order in one process in {@code scratch}, each to exit 0. Repository
     * files they name are copied in first, so relative paths work as in a checkout and nothing in
     * the repository is written.
     */
    private static void run(List<DocBlocks.Command> commands, Path scratch) throws Exception {
        if (commands.isEmpty()) {
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xss8m", "--enable-native-access=ALL-UNNAMED",
                "-Dsim2pi.stderr.terminal=false", "-cp", System.getProperty("java.class.path"),
                DocBlockRunner.class.getName()));
        for (DocBlocks.Command c : commands) {
            for (String arg : c.args()) {
                copyIn(arg.startsWith("--") && arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : arg, scratch);
            }
            if (c != commands.getFirst()) {
                cmd.add(DocBlockRunner.NEXT);
            }
            cmd.add(c.program() == DocBlocks.Program.SIM2PI ? "sim2pi" : "sim2pi-controller");
            cmd.addAll(c.args());
        }
        Path out = scratch.resolve(".out.txt");
        Process p = new ProcessBuilder(cmd).directory(scratch.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        String first = commands.getFirst().text();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                fail("'" + first + "' and the commands after it did not finish within 300 s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "a documented command failed; output:\n" + Files.readString(out, StandardCharsets.UTF_8));
    }

    /** {@code cp -r FROM TO}: the one shell command a runnable block may hold (to work on a copy of a shipped bundle). */
    private static boolean isCopy(DocBlocks.Command c) {
        return c.program() == DocBlocks.Program.OTHER && c.text().startsWith("cp -r ") && c.args().size() == 3;
    }

    private static void copyIn(String relative, Path scratch) throws IOException {
        if (relative.isEmpty() || relative.startsWith("-") || relative.startsWith("/") || relative.contains("..")
                || relative.equals(".")) {
            return;
        }
        // Only what the repository ships (a module or docs/), never a user's own keys/ or runs/ of the same name.
        String top = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
        if (!top.equals("docs") && !Files.isRegularFile(ROOT.resolve(top).resolve("pom.xml"))) {
            return;
        }
        Path source = ROOT.resolve(relative).normalize();
        Path target = scratch.resolve(relative).normalize();
        if (!source.startsWith(ROOT) || !Files.exists(source) || Files.exists(target)) {
            return;
        }
        copyTree(source, target);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Markdown links to other files, and inline code naming a path in the repository, must point at something. */
    @Test
    void linksAndRepositoryPathsInDocsExist() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        Pattern code = Pattern.compile("`([A-Za-z0-9_.-]+/[A-Za-z0-9_./<>*-]+)`");
        List<String> modules = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT)) {
            s.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).forEach(p -> modules.add(p.getFileName().toString()));
        }
        modules.add("docs");
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page);
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (!target.contains("://") && !target.startsWith("mailto:") && !Files.exists(page.getParent().resolve(target))) {
                    missing.add(page.getFileName() + ": link " + target);
                }
            }
            Matcher c = code.matcher(text);
            while (c.find()) {
                String path = c.group(1);
                String top = path.substring(0, path.indexOf('/'));
                // Only paths into this repository; placeholders (<task>, *) stop the check at the folder above them.
                if (!modules.contains(top)) {
                    continue;
                }
                String last = path.substring(path.lastIndexOf('/') + 1);
                if (path.chars().filter(ch -> ch == '/').count() < 2 && !last.contains(".")) {
                    continue; // two words with a slash (an MQTT topic like telemetry/ack), not a file
                }
                if (path.contains("target/")) {
                    continue; // build output: not in a fresh clone
                }
                int placeholder = Math.min(path.indexOf('<') < 0 ? path.length() : path.indexOf('<'),
                        path.indexOf('*') < 0 ? path.length() : path.indexOf('*'));
                String fixed = placeholder == path.length() ? path : path.substring(0, path.lastIndexOf('/', placeholder) + 1);
                if (!Files.exists(ROOT.resolve(fixed))) {
                    missing.add(page.getFileName() + ": path " + path);
                }
            }
        }
        assertEquals(List.of(), missing, "docs/ points at files that do not exist");
    }

    @Test
    void theReadmeLinksTheDocsAndEveryPageIsReachableFromTheIndex() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("README.md")).contains("docs/README.md"), "README links docs/README.md");
        String index = Files.readString(ROOT.resolve("docs/README.md"));
        for (Path page : pages()) {
            String name = page.getFileName().toString();
            assertTrue(name.equals("README.md") || index.contains("(" + name + ")"), "docs/README.md links " + name);
        }
    }

    @Test
    void blockMarkersAndCommandLinesAreReadAsWritten() {
        List<DocBlocks.Command> cs = DocBlocks.commands(List.of(
                "# a comment",
                "SIM2PI_VERBOSE=1 ./sim2pi bundle verify 'my bundle' --allow-unsigned   # trailing",
                "/opt/sim2pi-controller/bin/sim2pi-controller doctor \\",
                "    --wiring /etc/sim2pi/wiring.json",
                "sudo raspi-config nonint do_i2c 0"), 10);
        assertEquals(3, cs.size());
        assertEquals(new DocBlocks.Command(11, "SIM2PI_VERBOSE=1 ./sim2pi bundle verify 'my bundle' --allow-unsigned",
                DocBlocks.Program.SIM2PI, List.of("bundle", "verify", "my bundle", "--allow-unsigned")), cs.get(0));
        assertEquals(DocBlocks.Program.CONTROLLER, cs.get(1).program());
        assertEquals(List.of("doctor", "--wiring", "/etc/sim2pi/wiring.json"), cs.get(1).args());
        assertEquals(12, cs.get(1).line());
        assertEquals(DocBlocks.Program.OTHER, cs.get(2).program());
        assertNull(DocBlocks.parseProblem(cs.get(1)));
        assertTrue(DocBlocks.parseProblem(new DocBlocks.Command(1, "x", DocBlocks.Program.SIM2PI,
                List.of("bundle", "verify", "--no-such-option", "b"))) != null, "an unknown option is reported");
    }
}
