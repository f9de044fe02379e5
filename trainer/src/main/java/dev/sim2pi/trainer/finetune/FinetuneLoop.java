package dev.sim2pi.trainer.finetune;

import dev.sim2pi.trainer.env.SimEnvFactory;
import dev.sim2pi.trainer.run.EvalRecord;
import dev.sim2pi.trainer.run.HeldOutScore;
import dev.sim2pi.trainer.run.LearningCurves;
import dev.sim2pi.trainer.run.MetricsLog;
import dev.sim2pi.trainer.run.TrainingProgress;
import dev.sim2pi.trainer.sac.EvaluatedPolicy;
import dev.sim2pi.trainer.sac.EvaluationRobots;
import dev.sim2pi.trainer.sac.Evaluator;
import dev.sim2pi.trainer.sac.PolicySnapshot;
import dev.sim2pi.trainer.sac.RunProgress;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacLosses;
import dev.sim2pi.trainer.sac.SacTrainer;
import java.io.IOException;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;

/**
 * The learning loop of a fine-tuning run: collect and update until the time or update budget is
 * spent, evaluate on the simulator's selection robots every {@code eval_interval} env steps (the
 * parent before any update too, so a run that makes things worse exports the parent's actor), keep
 * the best, score it once on the report robots. Writes {@code metrics.csv} and the learning-curve
 * PNGs as {@code sim2pi train} does. Evaluations run on the learner's thread: a run is reproduced
 * by its seed and update count.
 */
final class FinetuneLoop {

    /** What the loop chose and measured. */
    record Outcome(EvaluatedPolicy exported, HeldOutScore heldOut, Evaluator.Result last, RunProgress progress,
                   int evaluations) {
    }

    private final SacTrainer trainer;
    private final SimEnvFactory scored;
    private final FinetuneOptions options;
    private final SacConfig config;
    private final String taskId;
    private final long startNanos;
    private EvaluatedPolicy best;
    private Evaluator.Result last;
    private int evaluations;

    FinetuneLoop(SacTrainer trainer, SimEnvFactory scored, FinetuneOptions options, SacConfig config, String taskId,
                 long startNanos) {
        this.trainer = trainer;
        this.scored = scored;
        this.options = options;
        this.config = config;
        this.taskId = taskId;
        this.startNanos = startNanos;
    }

    Outcome run(PrintStream out) throws IOException {
        MetricsLog log = MetricsLog.create(options.outDir().resolve("metrics.csv"));
        boolean timed = options.minutes() > 0;
        long deadline = timed ? System.nanoTime() + (long) (options.minutes() * 60e9) : Long.MAX_VALUE;
        long budgetSeconds = (long) Math.ceil(options.minutes() * 60);
        long loopStart = System.nanoTime();
        try (Evaluator selection = new Evaluator(scored, config.evalEpisodes(), options.seed(), EvaluationRobots.SELECTION);
             ProgressBar bar = progressBar(timed, budgetSeconds)) {
            evaluate(selection, log, bar);
            long nextEval = config.evalInterval();
            long releaseActorAt = timed ? loopStart + (long) (options.minutes() * 60e9 / 3) : Long.MAX_VALUE;
            while (!spent(deadline)) {
                trainer.iterate();
                if (trainer.actorFrozen() && System.nanoTime() >= releaseActorAt) {
                    // A slow machine must not spend the whole budget warming up the critics.
                    trainer.freezeActorForUpdates(trainer.updates());
                    out.println("actor released after " + trainer.updates() + " critic updates (a third of the time budget)");
                }
                if (trainer.envSteps() >= nextEval) {
                    nextEval += config.evalInterval();
                    evaluate(selection, log, bar);
                }
                if (bar != null && (trainer.envSteps() & 63) == 0) {
                    bar.stepTo(timed ? Math.min(budgetSeconds, (System.nanoTime() - loopStart) / 1_000_000_000L)
                            : trainer.updates());
                }
            }
            evaluate(selection, log, bar);
            if (bar != null) {
                bar.stepTo(timed ? budgetSeconds : trainer.updates());
            }
            LearningCurves.write(log.records(), "finetune " + taskId + " seed " + options.seed(),
                    config.solvedThreshold(), options.outDir());
            HeldOutScore heldOut;
            try (Evaluator report = new Evaluator(scored, config.evalEpisodes(), options.seed(), EvaluationRobots.REPORT)) {
                heldOut = new HeldOutScore(best, report.evaluate(best.policy()), selection, report);
            }
            out.println("exported actor: " + heldOut.exportedActor(last));
            double wall = seconds();
            return new Outcome(best, heldOut, last, new RunProgress(wall, -1, Double.NaN, last, best), evaluations);
        }
    }

    private boolean spent(long deadline) {
        if (options.maxUpdates() != null && trainer.updates() >= options.maxUpdates()) {
            return true;
        }
        return trainer.envSteps() >= config.maxEnvSteps() || System.nanoTime() >= deadline;
    }

    private void evaluate(Evaluator selection, MetricsLog log, ProgressBar bar) {
        PolicySnapshot snapshot = trainer.snapshot();
        Evaluator.Result r = selection.evaluate(snapshot);
        evaluations++;
        last = r;
        // Ties keep the earlier actor: an update that changes nothing measurable is not preferred to the parent.
        if (best == null || r.mean() > best.result().mean()) {
            best = new EvaluatedPolicy(trainer.envSteps(), r, snapshot);
        }
        SacLosses l = trainer.losses();
        log.append(new EvalRecord(trainer.envSteps(), seconds(), r.mean(), r.std(), r.nominal(), trainer.updates(),
                l.criticLoss, l.actorLoss, l.alpha, l.entropy, trainer.lastEpisodeReturn()));
        if (bar != null) {
            bar.setExtraMessage(TrainingProgress.evalMessage(r.mean()));
        }
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private ProgressBar progressBar(boolean timed, long budgetSeconds) {
        if (!options.showProgress()) {
            return null;
        }
        return timed
                ? TrainingProgress.open("finetune " + taskId, budgetSeconds, 0, " s", System.err,
                        TrainingProgress.stderrIsTerminal())
                : TrainingProgress.open("finetune " + taskId, options.maxUpdates(), 0, " updates", System.err,
                        TrainingProgress.stderrIsTerminal());
    }
}
