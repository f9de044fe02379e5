package dev.sim2pi.trainer.finetune;

import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.PolicyExporter;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.trainer.real.DatasetTransitions;
import dev.sim2pi.trainer.run.BundleExport;
import dev.sim2pi.trainer.run.GitCommit;
import dev.sim2pi.trainer.run.RandomizationRanges;
import dev.sim2pi.trainer.sac.Evaluator;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the fine-tuned bundle: the chosen actor, with a provenance that says how to make it
 * again ({@code trainerConfig.command}), what it came from ({@code trainerConfig.finetune}: parent,
 * datasets, randomization by content hash, release number) and how it scored.
 */
final class FinetuneExport {

    private final RobotTask task;
    private final PolicyBundle parent;
    private final int parentVersion;
    private final FinetuneOptions options;
    private final SacConfig config;
    private final SacTrainer trainer;
    private final WarmStart warm;
    private final long warmupUpdates;
    private final RealReplay real;
    private final DatasetTransitions.Result data;
    private final FinetuneLoop.Outcome outcome;
    private final Scores before;
    private final Scores after;

    FinetuneExport(RobotTask task, PolicyBundle parent, int parentVersion, FinetuneOptions options, SacConfig config,
                   SacTrainer trainer, WarmStart warm, long warmupUpdates, RealReplay real,
                   DatasetTransitions.Result data, FinetuneLoop.Outcome outcome, Scores before, Scores after) {
        this.task = task;
        this.parent = parent;
        this.parentVersion = parentVersion;
        this.options = options;
        this.config = config;
        this.trainer = trainer;
        this.warm = warm;
        this.warmupUpdates = warmupUpdates;
        this.real = real;
        this.data = data;
        this.outcome = outcome;
        this.before = before;
        this.after = after;
    }

    /**
     * The command that makes this bundle again: the same inputs and seed, bounded by the updates
     * this run made (a time budget ends wherever the machine's speed put it; an update count does not).
     */
    String reproduceCommand() {
        FinetuneOptions o = options;
        return "sim2pi finetune --bundle " + o.bundle() + (o.run() == null ? "" : " --run " + o.run())
                + " --data " + o.data()
                + (o.randomization() == null ? "" : " --randomization " + o.randomization())
                + (o.twinParams() == null ? "" : " --twin-params " + o.twinParams())
                + (o.configFile() == null ? "" : " --config " + o.configFile())
                + " --minutes 0 --max-updates " + trainer.updates()
                + " --utd " + o.updatesPerStep() + " --critic-warmup " + o.criticWarmupUpdates()
                + " --score-episodes " + o.scoreEpisodes() + " --seed " + o.seed() + " --out " + o.outDir();
    }

    Path write(Path dir) {
        PolicyExporter.export(task, BundleExport.actor(task, outcome.exported().policy()), provenance(),
                Lineage.nextVersion(parentVersion), parent.manifest().onnxSha256(), dir, null);
        return dir;
    }

    private Provenance provenance() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("config", config.toString());
        cfg.put("engine", trainer.engine().name());
        cfg.put("command", reproduceCommand());
        cfg.put("exportedActor", outcome.heldOut().exportedActor(outcome.last()));
        cfg.put("evaluation", outcome.heldOut().provenance());
        Map<String, Object> ft = Lineage.describe(parent, parentVersion, options.run(), Finetune.sessions(options.data()),
                options.randomization(), options.twinParams(), warm.description());
        Map<String, Object> learning = new LinkedHashMap<>();
        learning.put("method", "RLPD (Ball et al. 2023): symmetric sampling, layer-normalized critics");
        learning.put("realFraction", Finetune.REAL_FRACTION);
        learning.put("updatesPerStep", config.updatesPerStep());
        learning.put("criticWarmupUpdates", warmupUpdates);
        learning.put("updates", trainer.updates());
        learning.put("simEnvSteps", trainer.envSteps());
        learning.put("realTransitions", real.size());
        learning.put("realTransitionsIntervened", real.intervened());
        learning.put("data", data.report().summary());
        ft.put("learning", learning);
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("episodes", before.episodes());
        scores.put("twinBefore", finite(before.twin()));
        scores.put("twinAfter", finite(after.twin()));
        scores.put("nominalBefore", before.nominal());
        scores.put("nominalAfter", after.nominal());
        ft.put("scores", scores);
        cfg.put("finetune", ft);
        Evaluator.Result report = outcome.heldOut().report();
        ParameterSpace space = Finetune.trainingPlant(task.id(), options.randomization()).parameters();
        long parentSteps = parent.manifest().provenance().envSteps();
        return new Provenance(GitCommit.current(), cfg, parentSteps + outcome.exported().envSteps(),
                List.of(report.mean(), report.nominal()), options.seed(), RandomizationRanges.of(space),
                RandomizationRanges.latencySteps(space));
    }

    /** JSON has no NaN: a score that was not measured is written as null. */
    private static Object finite(double v) {
        return Double.isFinite(v) ? (Object) v : null;
    }
}
