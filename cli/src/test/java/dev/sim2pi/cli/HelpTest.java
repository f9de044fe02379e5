package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every command a newcomer can type answers {@code --help} and {@code -h} with its usage and exit 0. */
class HelpTest {

    /** Every registered command path, walked from the live picocli tree so commands added later are covered. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        walk(Sim2pi.commandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(CommandLine cli, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        // getSubcommands() also maps aliases: visit each command once, by its name.
        cli.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                walk(sub, next, paths);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelpWithItsUsageAndExitZero() {
        List<List<String>> paths = commandPaths();
        assertTrue(paths.size() > 25, "the walk found only " + paths);
        return paths.stream().flatMap(path -> Stream.of("--help", "-h").map(flag -> {
            List<String> args = new ArrayList<>(path);
            args.add(flag);
            String line = String.join(" ", args);
            return DynamicTest.dynamicTest("sim2pi " + line, () -> {
                CliRun r = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, r.exitCode(), "sim2pi " + line + ":\n" + r.err());
                String usage = ("Usage: sim2pi " + String.join(" ", path)).strip();
                // Usage first, after any header (the built-in help command has one).
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(usage)), "sim2pi " + line + " printed:\n" + r.out());
                assertEquals("", r.err(), "sim2pi " + line);
            });
        }));
    }

    /** The root's attributes are inherited, its description too: a command without its own would show the root's. */
    @Test
    void everyCommandDescribesItself() {
        CommandLine root = Sim2pi.commandLine();
        String rootDescription = String.join(" ", root.getCommandSpec().usageMessage().description());
        for (List<String> path : commandPaths().subList(1, commandPaths().size())) {
            CommandLine cli = root;
            for (String name : path) {
                cli = cli.getSubcommands().get(name);
            }
            String description = String.join(" ", cli.getCommandSpec().usageMessage().description());
            assertTrue(!description.isBlank() && !description.equals(rootDescription),
                    "sim2pi " + String.join(" ", path) + " needs its own description in @Command");
        }
    }

    @Test
    void topLevelHelpListsTheLauncherCommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("test ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("build ")), r.out());
    }

    @Test
    void everyCommandPrintsTheVersion() {
        CliRun r = CliRun.of("bundle", "inspect", "--version");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("sim2pi "), r.out());
    }
}
