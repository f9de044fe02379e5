package dev.sim2pi.trainer.run;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.trainer.env.SimEnvFactory;
import dev.sim2pi.trainer.env.TrainingEnv;
import dev.sim2pi.trainer.report.RunReport;
import dev.sim2pi.trainer.sac.Checkpoint;
import dev.sim2pi.trainer.sac.Engines;
import dev.sim2pi.trainer.sac.EvaluatedPolicy;
import dev.sim2pi.trainer.sac.EvaluationRobots;
import dev.sim2pi.trainer.sac.Evaluator;
import dev.sim2pi.trainer.sac.PolicySnapshot;
import dev.sim2pi.trainer.sac.RunProgress;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacConfigs;
import dev.sim2pi.trainer.sac.SacEngine;
import dev.sim2pi.trainer.sac.SacLosses;
import dev.sim2pi.trainer.sac.SacTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;

/**
 * One {@code sim2pi train} run: trains, evaluates on its own thread from policy snapshots (so the
 * learner never waits and the curve does not depend on thread timing), writes
 * {@code metrics.csv}, learning-curve PNGs, checkpoints, {@code summary.json}, the policy
 * bundle and {@code report.html}.
 *
 * <p>Evaluation is honest: the periodic evaluations (the curve) run on the
 * {@link EvaluationRobots#SELECTION} robots and choose the exported actor; that actor's reported
 * score comes from one more evaluation, on the {@link EvaluationRobots#REPORT} robots, which took
 * no part in choosing it. The summary and the bundle's provenance say which number is which.
 */
public final class TrainingRun {

    public static final String CHECKPOINT = "checkpoint.bin";

    private final TrainOptions options;
    private final PrintStream out;
    private final SacConfig config;
    private final RobotTask task;
    private final SimEnvFactory factory;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private double wallOffsetSeconds;
    private long resumedAtEnvSteps = -1;
    private long solvedAtEnvSteps = -1;
    private double solvedAtWallSeconds = Double.NaN;
    private Evaluator.Result lastResult;
    private PolicySnapshot exportedPolicy;
    private EvaluatedPolicy best;
    private double budgetSeconds = Double.POSITIVE_INFINITY;
    private boolean stoppedByBudget;

    private record Pending(long envSteps, long updates, SacLosses losses, double trainReturn, PolicySnapshot snapshot,
                           Future<Evaluator.Result> result) {
    }

    public TrainingRun(TrainOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.factory = options.twinParams() == null ? SimEnvFactory.forTask(options.taskId())
                : new SimEnvFactory(dev.sim2pi.sim.robots.Twins.load(options.taskId(), options.twinParams()));
        SacConfig loaded = SacConfigs.load(options.taskId(), options.configFile());
        this.config = options.maxEnvSteps() == null ? loaded : loaded.withMaxEnvSteps(options.maxEnvSteps());
        this.task = factory.plant().task();
        try {
            Files.createDirectories(options.outDir());
        } catch (IOException e) {
            throw new InputException("--out " + options.outDir() + ": cannot create the folder (" + e.getMessage() + ")");
        }
        Path checkpoint = options.outDir().resolve(CHECKPOINT);
        if (options.resume() && !Files.exists(checkpoint)) {
            throw new InputException("--resume: no checkpoint " + checkpoint + " to continue from");
        }
    }

    public SacConfig config() {
        return config;
    }

    /**
     * Ends the run after {@code seconds} of wall time (counted like {@code wall_seconds}) even
     * before {@code max_env_steps}, with a last evaluation there; the bundle keeps the best
     * evaluated actor as always. For callers with a time budget (the demo).
     */
    public TrainingRun stopAfterSeconds(double seconds) {
        this.budgetSeconds = seconds;
        return this;
    }

    /** Whether the wall-time budget ended the run before {@code max_env_steps}. */
    public boolean stoppedByBudget() {
        return stoppedByBudget;
    }

    /** Runs to {@code max_env_steps} and returns the summary. */
    public RunSummary run() throws IOException {
        Path dir = options.outDir();
        Path checkpoint = dir.resolve(CHECKPOINT);
        try (TrainingEnv env = factory.create(config.numEnvs());
             SacEngine engine = Engines.create(config, options.device(), env.observationSize(), env.actionSize(),
                     config.numEnvs(), out);
             Evaluator evaluator = new Evaluator(factory, config.evalEpisodes(), options.seed(),
                     EvaluationRobots.SELECTION)) {
            SacTrainer trainer = new SacTrainer(config, env, engine, options.seed());
            MetricsLog log;
            if (options.resume()) {
                RunProgress progress = Checkpoint.load(checkpoint, trainer, options.seed());
                wallOffsetSeconds = progress.wallSeconds();
                solvedAtEnvSteps = progress.solvedAtEnvSteps();
                solvedAtWallSeconds = progress.solvedAtWallSeconds();
                lastResult = progress.last();
                best = progress.best();
                log = MetricsLog.resume(dir.resolve("metrics.csv"), trainer.envSteps());
                resumedAtEnvSteps = trainer.envSteps();
                out.println("resumed from " + checkpoint + " at " + trainer.envSteps() + " env steps");
            } else {
                log = MetricsLog.create(dir.resolve("metrics.csv"));
            }
            ExecutorService evalThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sac-eval");
                t.setDaemon(true);
                return t;
            });
            try (ProgressBar bar = progressBar(trainer.envSteps())) {
                loop(trainer, evaluator, evalThread, log, bar, checkpoint);
            } finally {
                evalThread.shutdownNow();
            }
            double wall = wallSeconds();
            Checkpoint.save(checkpoint, trainer, options.seed(), progress(wall));
            LearningCurves.write(log.records(), task.id() + " seed " + options.seed(), config.solvedThreshold(), dir);
            // SAC curves can peak and then fall, so the bundle keeps the actor the selection robots
            // rated best, not whatever the last update left; its score comes from the report robots.
            EvaluatedPolicy exported = best != null ? best
                    : new EvaluatedPolicy(trainer.envSteps(), null, trainer.snapshot());
            HeldOutScore heldOut;
            try (Evaluator report = new Evaluator(factory, config.evalEpisodes(), options.seed(),
                    EvaluationRobots.REPORT)) {
                heldOut = new HeldOutScore(exported, report.evaluate(exported.policy()), evaluator, report);
            }
            out.println(heldOut.describe(lastResult));
            exportedPolicy = exported.policy();
            String bundlePath = null;
            if (options.exportBundle()) {
                PolicyBundle bundle = BundleExport.export(task, exported.policy(), provenance(trainer, heldOut),
                        dir.resolve("bundle"));
                // summary.json names the bundle relative to itself: no machine path in a run's records.
                bundlePath = "bundle";
                out.println("policy bundle: " + dir.resolve("bundle").toAbsolutePath() + " (" + bundle.manifest().taskId() + ")");
            }
            RunSummary summary = new RunSummary(task.id(), options.seed(), trainer.envSteps(), wall,
                    lastResult == null ? Double.NaN : lastResult.mean(),
                    lastResult == null ? Double.NaN : lastResult.std(),
                    solvedAtEnvSteps < 0 ? null : solvedAtEnvSteps,
                    solvedAtEnvSteps < 0 ? null : solvedAtWallSeconds, engine.name(), trainer.updates(), bundlePath,
                    heldOut);
            summary.write(dir.resolve("summary.json"));
            RunReport.writeForTraining(dir);
            return summary;
        }
    }

    private void loop(SacTrainer trainer, Evaluator evaluator, ExecutorService evalThread, MetricsLog log,
                      ProgressBar bar, Path checkpoint) throws IOException {
        long max = config.maxEnvSteps();
        long nextEval = (trainer.envSteps() / config.evalInterval() + 1) * config.evalInterval();
        long nextCheckpoint = config.checkpointInterval() > 0
                ? (trainer.envSteps() / config.checkpointInterval() + 1) * config.checkpointInterval() : Long.MAX_VALUE;
        while (trainer.envSteps() < max && !stoppedByBudget) {
            trainer.iterate();
            long steps = trainer.envSteps();
            stoppedByBudget = steps < max && wallSeconds() >= budgetSeconds;
            if (steps >= nextEval || steps >= max || stoppedByBudget) {
                nextEval = (steps / config.evalInterval() + 1) * config.evalInterval();
                PolicySnapshot snapshot = trainer.snapshot();
                SacLosses losses = new SacLosses();
                losses.copyFrom(trainer.losses());
                pending.add(new Pending(steps, trainer.updates(), losses, trainer.lastEpisodeReturn(), snapshot,
                        evalThread.submit(() -> evaluator.evaluate(snapshot))));
            }
            drain(log, bar, false);
            if (steps >= nextCheckpoint) {
                nextCheckpoint += config.checkpointInterval();
                drain(log, bar, true);
                Checkpoint.save(checkpoint, trainer, options.seed(), progress(wallSeconds()));
            }
            if (bar != null && (steps & 63) < config.numEnvs()) {
                bar.stepTo(steps);
            }
        }
        drain(log, bar, true);
        if (bar != null) {
            bar.stepTo(trainer.envSteps());
        }
    }

    /** Records finished evaluations in order; with {@code all}, waits for every pending one. */
    private void drain(MetricsLog log, ProgressBar bar, boolean all) {
        while (!pending.isEmpty() && (all || pending.peek().result().isDone())) {
            Pending p = pending.poll();
            Evaluator.Result r;
            try {
                r = p.result().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for an evaluation", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("evaluation failed", e.getCause());
            }
            double wall = wallSeconds();
            lastResult = r;
            if (best == null || r.mean() > best.result().mean()) {
                best = new EvaluatedPolicy(p.envSteps(), r, p.snapshot());
            }
            if (solvedAtEnvSteps < 0 && r.mean() >= config.solvedThreshold()) {
                solvedAtEnvSteps = p.envSteps();
                solvedAtWallSeconds = wall;
            }
            SacLosses l = p.losses();
            log.append(new EvalRecord(p.envSteps(), wall, r.mean(), r.std(), r.nominal(), p.updates(), l.criticLoss,
                    l.actorLoss, l.alpha, l.entropy, p.trainReturn()));
            if (bar != null) {
                bar.setExtraMessage(TrainingProgress.evalMessage(r.mean()));
            }
        }
    }

    private RunProgress progress(double wall) {
        return new RunProgress(wall, solvedAtEnvSteps, solvedAtWallSeconds, lastResult, best);
    }

    /** The actor the run exported (its best selection evaluation, or the last actor if none); null before {@link #run()} ends. */
    public PolicySnapshot exportedPolicy() {
        return exportedPolicy;
    }

    private double wallSeconds() {
        return wallOffsetSeconds + (System.nanoTime() - options.startNanos()) / 1e9;
    }

    private ProgressBar progressBar(long start) {
        if (!options.showProgress()) {
            return null;
        }
        return TrainingProgress.open("train " + task.id(), config.maxEnvSteps(), start, System.err,
                TrainingProgress.stderrIsTerminal());
    }

    private Provenance provenance(SacTrainer trainer, HeldOutScore heldOut) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("config", config.toString());
        cfg.put("engine", trainer.engine().name());
        cfg.put("command", "sim2pi train --task " + task.id() + " --seed " + options.seed()
                + (options.configFile() == null ? "" : " --config " + options.configFile())
                + (options.twinParams() == null ? "" : " --twin-params " + options.twinParams())
                + " --max-env-steps " + config.maxEnvSteps()
                + (resumedAtEnvSteps < 0 ? "" : " --resume (continued from the checkpoint at " + resumedAtEnvSteps
                        + " env steps; episodes restarted there)")
                + (stoppedByBudget ? String.format(java.util.Locale.ROOT, " (stopped by a wall-time budget of %.0f s at %d"
                        + " env steps: not reproducible step for step)", budgetSeconds, trainer.envSteps()) : ""));
        cfg.put("exportedActor", heldOut.exportedActor(lastResult));
        cfg.put("evaluation", heldOut.provenance());
        Evaluator.Result report = heldOut.report();
        List<Double> returns = List.of(report.mean(), report.nominal());
        dev.sim2pi.sim.ParameterSpace space = factory.plant().parameters();
        return new Provenance(GitCommit.current(), cfg, heldOut.exported().envSteps(), returns, options.seed(),
                RandomizationRanges.of(space), RandomizationRanges.latencySteps(space));
    }
}
