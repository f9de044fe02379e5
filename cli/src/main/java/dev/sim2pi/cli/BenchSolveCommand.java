package dev.sim2pi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time-to-solve over seeds: runs {@code sim2pi train} once per seed, each in a fresh JVM as a
 * user would (no JIT warmed by an earlier seed), and reads each run's {@code summary.json}.
 */
@Command(name = "solve", description = "Train a task with its default config for several seeds, each as a separate "
        + "'sim2pi train' process (last line: median_solved_at_wall_seconds=... min_final_eval=... min_held_out_return_mean=... solved_seeds=...).")
final class BenchSolveCommand implements Runnable {

    @Option(names = "--task", defaultValue = "pendulum-v1", description = "Task id (default: ${DEFAULT-VALUE}).")
    String taskId;

    @Option(names = "--seeds", defaultValue = "1,2,3", split = ",", description = "Seeds (default: ${DEFAULT-VALUE}).")
    long[] seeds;

    @Option(names = "--max-env-steps", description = "Run length (default: the config's).")
    Long maxEnvSteps;

    @Option(names = "--out", defaultValue = "target/bench-solve", description = "Folder for the runs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void run() {
        List<Double> solvedSeconds = new ArrayList<>();
        double minFinal = Double.POSITIVE_INFINITY;
        double minHeldOut = Double.POSITIVE_INFINITY;
        int solved = 0;
        for (long seed : seeds) {
            Path dir = out.resolve(taskId + "-seed" + seed);
            JsonNode s = train(seed, dir);
            JsonNode finalEval = s.get("final_eval_return_mean");
            double fin = finalEval == null || finalEval.isNull() ? Double.NaN : finalEval.asDouble();
            minFinal = Math.min(minFinal, fin);
            double heldOut = number(s.get("held_out_return_mean"));
            minHeldOut = Math.min(minHeldOut, heldOut);
            JsonNode at = s.get("solved_at_wall_seconds");
            boolean ok = at != null && !at.isNull();
            if (ok) {
                solved++;
                solvedSeconds.add(at.asDouble());
            } else {
                solvedSeconds.add(Double.POSITIVE_INFINITY);
            }
            System.out.printf(Locale.ROOT, "seed %d: solved_at_env_steps=%s solved_at_wall_seconds=%s final_eval=%.1f "
                            + "held_out_return_mean=%.1f wall_seconds=%.1f%n", seed, s.get("solved_at_env_steps"), at, fin,
                    heldOut,
                    s.get("wall_seconds").asDouble());
        }
        double[] sorted = solvedSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        new Figures().put("median_solved_at_wall_seconds", Double.isFinite(median) ? median : -1)
                .put("min_final_eval", minFinal).put("min_held_out_return_mean", minHeldOut).put("solved_seeds", solved).put("seeds", seeds.length)
                .put("task", taskId).print(System.out);
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private JsonNode train(long seed, Path dir) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss8m", "--enable-native-access=ALL-UNNAMED"));
        String home = System.getProperty("sim2pi.home");
        if (home != null) {
            cmd.add("-Dsim2pi.home=" + home);
        }
        cmd.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), Sim2pi.class.getName(), "train",
                "--task", taskId, "--seed", Long.toString(seed), "--out", dir.toString(), "--no-progress", "--force"));
        if (maxEnvSteps != null) {
            cmd.addAll(List.of("--max-env-steps", maxEnvSteps.toString()));
        }
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("train.log").toFile()).start();
            int code = p.waitFor();
            if (code != 0) {
                throw new InputException("training seed " + seed + " failed (exit " + code + "); see "
                        + dir.resolve("train.log"));
            }
            return new ObjectMapper().readTree(new File(dir.resolve("summary.json").toString()));
        } catch (IOException e) {
            throw new InputException("training seed " + seed + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
