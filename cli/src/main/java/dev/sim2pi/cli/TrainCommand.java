package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.trainer.run.RunSummary;
import dev.sim2pi.trainer.run.TrainOptions;
import dev.sim2pi.trainer.run.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains a SAC policy for a task and exports its bundle. */
@Command(name = "train", description = "Train a policy with SAC in the randomized simulator; writes metrics.csv, "
        + "learning curves (PNG), checkpoints, summary.json and a policy bundle to --out.")
final class TrainCommand implements Runnable {

    @Option(names = "--task", required = true, description = "Task id (see 'sim2pi tasks').")
    String taskId;

    @Option(names = "--config", description = "JSON file overriding fields of the task's default config.")
    Path config;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-env-steps", description = "Run length in env steps (default: the config's).")
    Long maxEnvSteps;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--twin-params", paramLabel = "FILE", description = "Train and evaluate on the reality twin with "
            + "the parameters in FILE instead of the randomized sim: the oracle a fine-tuned policy is measured against.")
    Path twinParams;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the run saved in --out.")
    boolean resume;

    @Option(names = "--force", description = "Replace an earlier run in --out.")
    boolean force;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    /** Files whose presence means --out already holds a run. */
    private static final List<String> RUN_OUTPUTS = List.of(TrainingRun.CHECKPOINT, "metrics.csv", "summary.json", "bundle");

    @Override
    public void run() {
        refuseBadRequests();
        TrainOptions options = new TrainOptions(taskId, config, seed, maxEnvSteps, device, out, resume,
                commandStartNanos(), !noProgress, true, twinParams);
        try {
            RunSummary s = new TrainingRun(options, System.out).run();
            System.out.printf(Locale.ROOT, "%s seed %d: %d env steps in %.1f s, final eval %.1f ± %.1f, solved %s%n",
                    s.task(), s.seed(), s.envSteps(), s.wallSeconds(), s.finalEvalReturnMean(), s.finalEvalReturnStd(),
                    s.solvedAtEnvSteps() == null ? "never"
                            : String.format(Locale.ROOT, "at %d env steps, %.1f s", s.solvedAtEnvSteps(), s.solvedAtWallSeconds()));
            System.out.println("summary: " + out.resolve("summary.json").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void refuseBadRequests() {
        if (maxEnvSteps != null && maxEnvSteps < 1) {
            throw new InputException("--max-env-steps " + maxEnvSteps + ": expected a number of env steps >= 1");
        }
        if (seed < 0) {
            throw new InputException("--seed " + seed + ": expected an integer >= 0");
        }
        if (resume && force) {
            throw new InputException("--resume and --force exclude each other: --resume continues the run in --out, "
                    + "--force replaces it");
        }
        if (!resume && !force && RUN_OUTPUTS.stream().anyMatch(f -> Files.exists(out.resolve(f)))) {
            throw new InputException("--out " + out + ": holds an earlier run; add --resume to continue it or --force "
                    + "to replace it");
        }
    }

    /** When this JVM started, on the {@link System#nanoTime()} clock: wall seconds count from the command's start. */
    static long commandStartNanos() {
        long sinceStartMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        return System.nanoTime() - sinceStartMillis * 1_000_000L;
    }
}
