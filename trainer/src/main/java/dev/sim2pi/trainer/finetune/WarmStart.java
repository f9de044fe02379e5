package dev.sim2pi.trainer.finetune;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.GoldenPair;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.trainer.run.TrainingRun;
import dev.sim2pi.trainer.sac.Checkpoint;
import dev.sim2pi.trainer.sac.PolicySnapshot;
import dev.sim2pi.trainer.sac.SacTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a fine-tuning learner started: from a run's checkpoint (actor, critics, targets, Adam
 * moments, temperature, normalizer) or from the parent bundle alone ({@link BundleWarmStart}).
 *
 * @param description    one line for the output and the provenance
 * @param freshCritics   whether the critics do not yet value this actor (made fresh, or given layer
 *                       norm they were not trained with), so they learn first with the actor frozen
 * @param maxGoldenError largest difference between the warm-started policy's commands and the parent's
 *                       golden commands (NaN from a checkpoint, whose actor need not be the bundle's)
 */
public record WarmStart(String description, boolean freshCritics, double maxGoldenError) {

    /** Starts {@code trainer} as {@code options} say; the normalizer is left as loaded (the caller freezes it). */
    public static WarmStart apply(FinetuneOptions options, PolicyBundle parent, SacTrainer trainer) throws IOException {
        if (options.run() != null) {
            Path file = options.run().resolve(TrainingRun.CHECKPOINT);
            if (!Files.isRegularFile(file)) {
                throw new InputException("--run " + options.run() + ": no " + TrainingRun.CHECKPOINT
                        + " there; expected the output folder of sim2pi train or finetune");
            }
            Checkpoint.Origin origin = Checkpoint.warmStart(file, trainer);
            boolean hadNorm = origin.config().contains("criticLayerNorm=true");
            boolean changed = hadNorm != trainer.config().criticLayerNorm();
            return new WarmStart(String.format(Locale.ROOT, "full SAC state of run %s (seed %d, %d env steps, %d "
                            + "updates: actor, critics, targets, Adam moments, temperature, normalizer)%s", options.run(),
                    origin.seed(), origin.envSteps(), origin.updates(),
                    changed ? "; its critics had no layer norm, so their values are relearned first" : ""),
                    changed, Double.NaN);
        }
        BundleWarmStart.apply(parent, trainer, options.seed(), parent.manifest().provenance().envSteps());
        double error = goldenError(parent, trainer.snapshot());
        return new WarmStart(String.format(Locale.ROOT, "actor and normalizer from the ONNX weights of %s (golden "
                + "commands reproduced within %.2g); log-std head (std %.2f), critics and temperature fresh",
                parent.source(), error, BundleWarmStart.INITIAL_STD), true, error);
    }

    /** Largest absolute difference between {@code policy}'s commands and the bundle's golden ones. */
    public static double goldenError(PolicyBundle bundle, PolicySnapshot policy) {
        PolicySnapshot.Forward forward = policy.forward(1);
        double[] action = new double[policy.actionSize()];
        double max = 0;
        for (GoldenPair pair : bundle.manifest().golden()) {
            forward.actions(pair.observation(), 1, action);
            float[] want = pair.action();
            for (int j = 0; j < action.length; j++) {
                max = Math.max(max, Math.abs(action[j] - want[j]));
            }
        }
        return max;
    }
}
