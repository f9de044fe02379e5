package dev.sim2pi.cli;

import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.trainer.finetune.Finetune;
import dev.sim2pi.trainer.finetune.FinetuneOptions;
import dev.sim2pi.trainer.finetune.FinetuneResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sim2pi finetune}: offline fine-tuning of a bundle on recorded robot data (RLPD). */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"Fine-tune a policy on recorded robot data mixed with fresh simulation (RLPD: half of every "
                + "minibatch recorded, half simulated; layer-normalized critics; update-to-data ratio --utd).",
                "Starts from --run's full SAC state, or from the bundle's ONNX weights alone (critics learn first "
                        + "with the actor frozen). Writes a new bundle (version = parent's + 1, provenance naming the "
                        + "parent, the datasets and the randomization by hash), metrics.csv, learning curves (PNG), "
                        + "summary.json and checkpoint.bin to --out.",
                "Last line: return_before= return_after= (on --twin-params, else NaN) return_nominal_before= "
                        + "return_nominal_after= minutes= seed= updates= env_steps= real_transitions= version="})
final class FinetuneCommand implements Runnable {

    @Option(names = "--bundle", required = true, paramLabel = "B", description = "Parent bundle (folder or .s2p).")
    Path bundle;

    @Option(names = "--run", paramLabel = "RUN_DIR", description = "Start from this train/finetune output folder's "
            + "checkpoint.bin (actor, critics, temperature, normalizer) instead of the bundle's weights.")
    Path run;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Recorded datasets: a recorder's "
            + "output directory (<robot>/<session>/) or one session.")
    Path data;

    @Option(names = "--randomization", paramLabel = "FILE", description = "Simulate with this randomization config "
            + "(e.g. what 'sim2pi sysid --out' wrote) instead of the task's shipped ranges.")
    Path randomization;

    @Option(names = "--twin-params", paramLabel = "FILE", description = "Score the parent and the result on this "
            + "reality twin (it is never trained on).")
    Path twinParams;

    @Option(names = "--config", paramLabel = "FILE", description = "SAC settings laid over the fine-tuning defaults.")
    Path config;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "5", description = "Wall-clock budget of the "
            + "learning loop; 0 = none (then --max-updates bounds it) (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--max-updates", paramLabel = "N", description = "Stop after N gradient updates (the "
            + "reproducible bound; the provenance's command uses it).")
    Long maxUpdates;

    @Option(names = "--utd", paramLabel = "N", defaultValue = "2", description = "Update-to-data ratio: gradient "
            + "updates per simulated env step (default: ${DEFAULT-VALUE}).")
    double utd;

    @Option(names = "--critic-warmup", paramLabel = "N", defaultValue = "10000", description = "Updates with the actor "
            + "frozen when the critics start fresh (default: ${DEFAULT-VALUE}; at most a quarter of --max-updates and a third of --minutes).")
    int criticWarmup;

    @Option(names = "--score-episodes", paramLabel = "N", defaultValue = "20", description = "Episodes of each "
            + "before/after score on the twin and the nominal robot (default: ${DEFAULT-VALUE}).")
    int scoreEpisodes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run in --out.")
    boolean force;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public void run() {
        if (seed < 0) {
            throw new InputException("--seed " + seed + ": expected an integer >= 0");
        }
        if (minutes < 0) {
            throw new InputException("--minutes " + minutes + ": expected 0 or more");
        }
        if (!force && (Files.exists(out.resolve("bundle")) || Files.exists(out.resolve("summary.json")))) {
            throw new InputException("--out " + out + ": holds an earlier run; add --force to replace it");
        }
        FinetuneOptions options = new FinetuneOptions(bundle, run, data, randomization, twinParams, config, minutes,
                maxUpdates, utd, criticWarmup, scoreEpisodes, seed, out, !noProgress);
        FinetuneResult r = Finetune.run(options, System.out);
        System.out.printf(Locale.ROOT, "fine-tuned in %.1f min: %d updates, %d sim env steps, %d recorded transitions; "
                        + "twin %s -> %s, nominal %.1f -> %.1f%n", r.minutes(), r.updates(), r.envSteps(),
                r.realTransitions(), text(r.returnBefore()), text(r.returnAfter()), r.returnNominalBefore(),
                r.returnNominalAfter());
        System.out.println("summary: " + out.resolve("summary.json").toAbsolutePath());
        new Figures()
                .put("return_before", r.returnBefore())
                .put("return_after", r.returnAfter())
                .put("return_nominal_before", r.returnNominalBefore())
                .put("return_nominal_after", r.returnNominalAfter())
                .put("minutes", r.minutes())
                .put("seed", r.seed())
                .put("updates", r.updates())
                .put("env_steps", r.envSteps())
                .put("real_transitions", r.realTransitions())
                .put("version", r.version())
                .print(System.out);
    }

    private static String text(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
