package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What the README shows a newcomer holds: its commands parse, its shipped policies carry what it promises. */
class ReadmeTest {

    /** Tests run in cli/; the repository root is one up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The repository's README files: the top one and each module's. */
    private static List<Path> readmes() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).forEach(files::add);
        }
        return files;
    }

    /** Lines of code blocks (indented four spaces, or fenced) that run {@code ./sim2pi}, without trailing comments. */
    static List<String> commands(Path readme) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(readme)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            boolean code = fenced || line.startsWith("    ");
            String text = line.strip();
            if (code && text.startsWith("./sim2pi")) {
                int comment = text.indexOf(" #");
                commands.add((comment < 0 ? text : text.substring(0, comment)).strip());
            }
        }
        return commands;
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeCommandParses() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path readme : readmes()) {
            for (String command : commands(readme)) {
                tests.add(DynamicTest.dynamicTest(ROOT.relativize(readme) + ": " + command, () -> parses(command)));
            }
        }
        assertTrue(tests.size() >= 20, "found only " + tests.size() + " README commands");
        return tests.stream();
    }

    private static void parses(String command) {
        List<DocBlocks.Command> parsed = DocBlocks.commands(List.of(command), 1);
        String problem = DocBlocks.parseProblem(parsed.getFirst());
        if (problem != null) {
            fail("'" + command + "' does not parse: " + problem);
        }
    }

    @Test
    void shippedPoliciesCarryTheCurvesTheReadmePromisesAndNoMachinePath() throws IOException {
        List<Path> policies;
        try (Stream<Path> dirs = Files.list(ROOT.resolve("models/policies"))) {
            policies = dirs.filter(Files::isDirectory).toList();
        }
        assertFalse(policies.isEmpty());
        for (Path p : policies) {
            for (String f : List.of("training-metrics.csv", "training-summary.json", "training-curve.png",
                    "training-curve-time.png", "training-losses.png")) {
                assertTrue(Files.size(p.resolve(f)) > 0, p.resolve(f) + " is promised by the README");
            }
            JsonNode summary = new ObjectMapper().readTree(p.resolve("training-summary.json").toFile());
            String bundle = summary.path("bundle").asText();
            assertFalse(bundle.startsWith("/") || bundle.matches("^[A-Za-z]:.*"),
                    p + "/training-summary.json records a machine path: " + bundle);
        }
    }

    @Test
    void theReadmePointsAtNothingMissing() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertFalse(readme.contains("shared documents"), "the design notes are not in the repository");
        assertFalse(readme.contains("runs/x/policy"), "training writes runs/<name>/bundle/");
    }

    @Test
    void setUpHoldsExactlyTheMainJobAndTheTests() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Set up\n");
        assertTrue(start >= 0, "README has a 'Set up' section");
        int end = readme.indexOf("\n## ", start + 1);
        Path section = Files.createTempFile("readme-setup", ".md");
        try {
            Files.writeString(section, readme.substring(start, end < 0 ? readme.length() : end));
            org.junit.jupiter.api.Assertions.assertEquals(List.of("./sim2pi demo", "./sim2pi test"), commands(section),
                    "the main job first, then the tests");
        } finally {
            Files.delete(section);
        }
    }
}
