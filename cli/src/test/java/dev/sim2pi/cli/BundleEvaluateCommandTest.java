package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleEvaluateCommandTest {

    private static final Path POLICIES = Path.of("..", "models", "policies");
    private static final List<String> KEYS = List.of("task", "episodes", "seed", "randomized", "return_mean",
            "return_std", "return_min", "return_p05", "return_median", "return_max", "falls", "fall_rate", "mean_length");

    @TempDir
    Path tmp;

    private static CliRun evaluate(String task, String... options) {
        String[] args = new String[4 + options.length];
        args[0] = "bundle";
        args[1] = "evaluate";
        args[2] = POLICIES.resolve(task).toString();
        args[3] = "--allow-unsigned";
        System.arraycopy(options, 0, args, 4, options.length);
        return CliRun.of(args);
    }

    /** The closing key=value line, checked to hold every key in order and finite numbers. */
    private static Map<String, String> figures(CliRun run) {
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\\R");
        String[] pairs = lines[lines.length - 1].split(" ");
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i++) {
            String[] kv = pairs[i].split("=", 2);
            assertEquals(2, kv.length, pairs[i]);
            if (i < KEYS.size()) {
                assertEquals(KEYS.get(i), kv[0], lines[lines.length - 1]);
            }
            values.put(kv[0], kv[1]);
        }
        for (String key : KEYS.subList(4, KEYS.size())) {
            assertTrue(Double.isFinite(Double.parseDouble(values.get(key))), key + "=" + values.get(key));
        }
        return values;
    }

    private static double number(Map<String, String> figures, String key) {
        return Double.parseDouble(figures.get(key));
    }

    @Test
    void balancerBundleStaysUpOnEveryRandomizedRobotAndRepeatsExactly() {
        CliRun first = evaluate("balancer", "--episodes", "12", "--seed", "1000");
        Map<String, String> f = figures(first);
        assertEquals("balancer", f.get("task"));
        assertEquals("12", f.get("episodes"));
        assertEquals("1000", f.get("seed"));
        assertEquals("true", f.get("randomized"));
        assertTrue(number(f, "return_mean") > 700, first.out());
        assertEquals("0", f.get("falls"), first.out());
        assertEquals(1000, number(f, "mean_length"), first.out());
        assertTrue(number(f, "return_min") <= number(f, "return_p05")
                && number(f, "return_p05") <= number(f, "return_median")
                && number(f, "return_median") <= number(f, "return_max"), first.out());
        assertTrue(number(f, "return_std") > 0, "randomized robots score differently: " + first.out());

        CliRun second = evaluate("balancer", "--episodes", "12", "--seed", "1000");
        assertEquals(first.out(), second.out());
    }

    @Test
    void cartpoleCsvHasOneRowPerEpisodeThatAddsUpToTheFigures() throws IOException {
        Path csv = tmp.resolve("episodes.csv");
        Map<String, String> f = figures(evaluate("cartpole", "--episodes", "10", "--seed", "7", "--csv", csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(11, lines.size());
        String[] header = lines.get(0).split(",");
        assertEquals(List.of("episode", "seed", "return", "length", "terminated", "fell"), List.of(header).subList(0, 6));
        assertTrue(List.of(header).contains("pole_mass"), lines.get(0));
        double sum = 0;
        int falls = 0;
        for (int k = 0; k < 10; k++) {
            String[] row = lines.get(k + 1).split(",");
            assertEquals(header.length, row.length, lines.get(k + 1));
            assertEquals(k, Integer.parseInt(row[0]));
            assertEquals(7 + k, Long.parseLong(row[1]));
            sum += Double.parseDouble(row[2]);
            falls += Integer.parseInt(row[5]);
        }
        assertEquals(number(f, "return_mean"), sum / 10, 1e-3 * Math.abs(sum / 10));
        assertEquals(falls, Integer.parseInt(f.get("falls")));
        assertTrue(number(f, "return_mean") > 300, f.toString());
    }

    @Test
    void anEpisodeIsTheSameRobotAndRunWhateverTheEpisodeCount() throws IOException {
        Path many = tmp.resolve("many.csv");
        Path one = tmp.resolve("one.csv");
        figures(evaluate("cartpole", "--episodes", "6", "--seed", "1", "--csv", many.toString()));
        figures(evaluate("cartpole", "--episodes", "1", "--seed", "5", "--csv", one.toString()));
        String rowOfSeed5 = Files.readAllLines(many).get(5);
        String onlyRow = Files.readAllLines(one).get(1);
        // Same seed, parameters, return and length; only the episode index differs.
        assertEquals(rowOfSeed5.substring(rowOfSeed5.indexOf(',')), onlyRow.substring(onlyRow.indexOf(',')));
    }

    @Test
    void nominalRunsDrawNoParameters() throws IOException {
        Path csv = tmp.resolve("nominal.csv");
        Map<String, String> f = figures(evaluate("cartpole", "--episodes", "3", "--nominal", "--csv", csv.toString()));
        assertEquals("false", f.get("randomized"));
        List<String> rows = Files.readAllLines(csv);
        String params = rows.get(1).split(",", 7)[6];
        assertEquals(params, rows.get(2).split(",", 7)[6]);
        assertEquals(params, rows.get(3).split(",", 7)[6]);
    }

    @Test
    void zeroEpisodesIsOneLineNamingTheOption() {
        CliRun run = evaluate("cartpole", "--episodes", "0");
        assertEquals(2, run.exitCode());
        assertEquals("sim2pi: --episodes 0: expected at least 1 episode", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void missingOrWrongBundleIsTheLoadersMessageWithoutStackTrace() {
        CliRun missing = CliRun.of("bundle", "evaluate", "no/such/bundle", "--allow-unsigned");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("sim2pi: ") && missing.err().contains("does not exist"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());

        CliRun wrongFile = CliRun.of("bundle", "evaluate", POLICIES.resolve("cartpole/policy.json").toString(),
                "--allow-unsigned");
        assertEquals(2, wrongFile.exitCode());
        assertEquals(1, wrongFile.err().strip().lines().count(), wrongFile.err());

        CliRun unsigned = CliRun.of("bundle", "evaluate", POLICIES.resolve("cartpole").toString());
        assertEquals(2, unsigned.exitCode());
        assertTrue(unsigned.err().contains("field 'signature'"), unsigned.err());
    }

    private Path shippedTwin() throws IOException {
        Path file = tmp.resolve("balancer-twin.json");
        try (java.io.InputStream in = getClass().getResourceAsStream("/dev/sim2pi/sim/twin/balancer-twin.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void twinScoreComesWithTheNominalRobotsOnTheSameSeedsAndTheirRatio() throws IOException {
        Path twin = shippedTwin();
        CliRun run = evaluate("balancer", "--episodes", "4", "--seed", "30", "--twin-params", twin.toString());
        Map<String, String> f = figures(run);
        assertEquals("balancer-twin.json", f.get("twin"), run.out());
        assertEquals("false", f.get("randomized"));
        double ratio = number(f, "ratio");
        assertEquals(number(f, "return_mean") / number(f, "nominal_return_mean"), ratio, 1e-4 * ratio, run.out());
        assertTrue(ratio > 0.3 && ratio < 1.5, run.out());

        // The nominal half is exactly what --nominal reports for the same seeds.
        Map<String, String> nominal = figures(evaluate("balancer", "--episodes", "4", "--seed", "30", "--nominal"));
        assertEquals(nominal.get("return_mean"), f.get("nominal_return_mean"));
        assertTrue(!f.get("return_mean").equals(nominal.get("return_mean")), "the twin is another robot: " + run.out());
    }

    @Test
    void twinAndNominalTogetherIsOneLineNamingBoth() throws IOException {
        CliRun run = evaluate("balancer", "--episodes", "2", "--nominal", "--twin-params", shippedTwin().toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("sim2pi: --nominal with --twin-params"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void estimatedRewardScoresAsTheRobotWouldAndReportsTheTrueStateReturnBeside() {
        CliRun run = evaluate("balancer", "--episodes", "6", "--seed", "40", "--estimated-reward");
        Map<String, String> f = figures(run);
        double estimated = number(f, "return_mean");
        double real = number(f, "true_return_mean");
        assertEquals((estimated - real) / real, number(f, "estimate_gap"), 1e-4, run.out());
        assertTrue(Math.abs(number(f, "estimate_gap")) < 0.05, run.out());
        // The true-state half is the plain evaluation of the same episodes (nobody fell, so they end alike).
        Map<String, String> plain = figures(evaluate("balancer", "--episodes", "6", "--seed", "40"));
        assertEquals("0", plain.get("falls"), plain.toString());
        assertEquals(number(plain, "return_mean"), real, 0.05, run.out());
    }

    @Test
    void estimatedRewardOnATaskWithoutARobotIsRefused() {
        CliRun run = CliRun.of("bundle", "evaluate", POLICIES.resolve("cartpole").toString(), "--allow-unsigned",
                "--estimated-reward");
        assertEquals(2, run.exitCode());
        assertEquals("sim2pi: --estimated-reward: task cartpole has no state estimator (only physical robots have one)",
                run.err().strip());
    }
}
