package dev.sim2pi.trainer.finetune;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.robots.Twins;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.trainer.env.SimEnvFactory;
import dev.sim2pi.trainer.env.TrainingEnv;
import dev.sim2pi.trainer.real.DatasetTransitions;
import dev.sim2pi.trainer.run.TrainingRun;
import dev.sim2pi.trainer.sac.Checkpoint;
import dev.sim2pi.trainer.sac.Engines;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacEngine;
import dev.sim2pi.trainer.sac.SacTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Offline fine-tuning of a trained policy on recorded robot data, as RLPD (Ball et al. 2023): the
 * learner starts from the parent (a run's full SAC state, or the bundle's actor with fresh critics
 * warmed up under the frozen actor), every minibatch is half recorded real transitions and half
 * fresh simulated ones from the (sysid re-centred) randomization, the critics are layer-normalized,
 * and the update-to-data ratio is an option. The best actor on the simulator's selection robots
 * (the parent included) becomes a new bundle whose provenance names its parent, data and
 * randomization. This is the plain entry point: {@code sim2pi finetune} and the demo both call
 * {@link #run}.
 */
public final class Finetune {

    /** RLPD's symmetric sampling: half of every minibatch is recorded data. */
    public static final double REAL_FRACTION = 0.5;

    private Finetune() {
    }

    /** Runs {@code options} to the end, printing progress lines to {@code out}. */
    public static FinetuneResult run(FinetuneOptions options, PrintStream out) {
        try {
            return execute(options, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FinetuneResult execute(FinetuneOptions o, PrintStream out) throws IOException {
        long started = System.nanoTime();
        if (!(o.minutes() > 0) && o.maxUpdates() == null) {
            throw new InputException("fine-tuning needs a budget: --minutes above 0 or --max-updates");
        }
        if (o.maxUpdates() != null && o.maxUpdates() < 1) {
            throw new InputException("--max-updates " + o.maxUpdates() + ": expected at least 1");
        }
        if (!(o.updatesPerStep() > 0)) {
            throw new InputException("--utd " + o.updatesPerStep() + ": expected a ratio above 0");
        }
        if (o.scoreEpisodes() < 1) {
            throw new InputException("--score-episodes " + o.scoreEpisodes() + ": expected at least 1");
        }
        PolicyBundle parent = readParent(o.bundle());
        RobotTask task = Tasks.byId(parent.manifest().taskId());
        parent = BundleLoader.create().allowingUnsigned().acceptingAnySigner().expecting(task).load(o.bundle());
        List<Integer> sizes = parent.actor().layerSizes();
        SacConfig config = FinetuneConfig.derive(task.id(), o.configFile(), o.updatesPerStep(),
                sizes.subList(1, sizes.size() - 1));
        Plant trainingPlant = trainingPlant(task.id(), o.randomization());
        Plant twin = o.twinParams() == null ? null : Twins.load(task.id(), o.twinParams());
        Files.createDirectories(o.outDir());

        DatasetTransitions.Result data = DatasetTransitions.read(o.data(), task);
        out.println("recorded data: " + data.report().summary());
        if (data.transitions().size() == 0) {
            throw new InputException("--data " + o.data() + ": no transitions could be built (" + data.report().summary() + ")");
        }
        RealReplay real = new RealReplay(data.transitions(), task.actions().lows(), task.actions().highs(), config.gamma());

        SimEnvFactory simFactory = new SimEnvFactory(trainingPlant, true);
        SimEnvFactory scoredFactory = new SimEnvFactory(trainingPlant);
        try (TrainingEnv env = simFactory.create(config.numEnvs());
             SacEngine engine = Engines.create(config, "cpu", env.observationSize(), env.actionSize(),
                     config.numEnvs(), out)) {
            SacTrainer trainer = new SacTrainer(config, env, engine, o.seed());
            WarmStart warm = WarmStart.apply(o, parent, trainer);
            long warmup = warm.freshCritics() ? warmupUpdates(o) : 0;
            trainer.freezeActorForUpdates(warmup);
            trainer.actWithPolicyFromStart();
            trainer.normalizer().freeze();
            trainer.setBatchSampler(new SymmetricSampler(real, trainer.replay(), REAL_FRACTION));
            out.println("warm start: " + warm.description() + (warmup > 0
                    ? "; critics learn for " + warmup + " updates with the actor frozen" : ""));

            Scores before = Scores.of(trainer.snapshot(), Plants.forTask(task.id()), twin, o);
            out.println(before.describe("parent"));
            FinetuneLoop loop = new FinetuneLoop(trainer, scoredFactory, o, config, task.id(), started);
            FinetuneLoop.Outcome outcome = loop.run(out);
            Scores after = Scores.of(outcome.exported().policy(), Plants.forTask(task.id()), twin, o);
            out.println(after.describe("fine-tuned"));

            int parentVersion = parent.manifest().version();
            FinetuneExport export = new FinetuneExport(task, parent, parentVersion, o, config, trainer, warm, warmup,
                    real, data, outcome, before, after);
            Path bundleDir = export.write(o.outDir().resolve("bundle"));
            out.println("policy bundle: " + bundleDir.toAbsolutePath() + " (version " + Lineage.nextVersion(parentVersion)
                    + ", parent " + parent.manifest().onnxSha256().substring(0, 12) + ")");
            Checkpoint.save(o.outDir().resolve(TrainingRun.CHECKPOINT), trainer, o.seed(), outcome.progress());
            double minutes = (System.nanoTime() - started) / 60e9;
            FinetuneResult result = new FinetuneResult(bundleDir, Lineage.nextVersion(parentVersion), before.twin(),
                    after.twin(), before.nominal(), after.nominal(), minutes, o.seed(), trainer.updates(),
                    trainer.envSteps(), real.size(), warm.description());
            FinetuneSummary.write(o.outDir().resolve("summary.json"), result, outcome, export.reproduceCommand());
            return result;
        }
    }

    private static PolicyBundle readParent(Path bundle) {
        if (bundle == null) {
            throw new InputException("--bundle is required: the parent policy (its weights, or its lineage with --run)");
        }
        // Reading weights to train from is not running them: any signer (or none) is accepted here.
        return BundleLoader.create().allowingUnsigned().acceptingAnySigner().load(bundle);
    }

    /** The simulator fine-tuning collects from: the task's plant with {@code randomization}'s ranges if given. */
    static Plant trainingPlant(String taskId, Path randomization) {
        if (randomization == null) {
            return Plants.forTask(taskId);
        }
        return switch (taskId) {
            case dev.sim2pi.models.tasks.BalancerTask.ID -> new dev.sim2pi.sim.robots.BalancerPlant(
                    dev.sim2pi.sim.robots.BalancerPlant.rangesFrom(randomization));
            case dev.sim2pi.models.tasks.CartPoleTask.ID -> new dev.sim2pi.sim.robots.CartPolePlant(
                    dev.sim2pi.sim.robots.CartPolePlant.rangesFrom(randomization));
            default -> throw new InputException("--randomization: task '" + taskId
                    + "' has no randomization config to replace; expected balancer or cartpole");
        };
    }

    private static long warmupUpdates(FinetuneOptions o) {
        long w = o.criticWarmupUpdates();
        return o.maxUpdates() == null ? w : Math.min(w, o.maxUpdates() / 4);
    }

    /** The dataset sessions read, for the lineage. */
    static List<Path> sessions(Path data) {
        try {
            return DatasetReader.find(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
