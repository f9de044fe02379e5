package dev.sim2pi.trainer.sac;

import dev.sim2pi.trainer.nn.Mlp;
import dev.sim2pi.trainer.nn.MlpShape;
import dev.sim2pi.trainer.nn.MlpWeights;

/**
 * A frozen copy of the deterministic policy: actor weights, the observation normalization and
 * the action scaling. It is what evaluation runs (on its own thread) and what the bundle holds:
 * {@code action = low + (tanh(mean(actor((obs - obsMean) / obsStd))) + 1) / 2 * (high - low)}.
 *
 * @param actorShape layers of the actor; its output is {@code A} means then {@code A} log-std parameters
 * @param actor      actor parameters in {@link MlpShape} layout
 * @param obsMean    subtracted from the raw observation
 * @param obsStd     divides the centred observation
 * @param actionLow  physical command at squashed action -1
 * @param actionHigh physical command at squashed action +1
 */
public record PolicySnapshot(MlpShape actorShape, float[] actor, float[] obsMean, float[] obsStd,
                             double[] actionLow, double[] actionHigh) {

    public int observationSize() {
        return actorShape.inputSize();
    }

    public int actionSize() {
        return actorShape.outputSize() / 2;
    }

    /** A reusable evaluator of this policy for up to {@code maxRows} observations at once. */
    public Forward forward(int maxRows) {
        return new Forward(maxRows);
    }

    /** Allocation-free batched evaluation of the snapshot. */
    public final class Forward {

        private final Mlp mlp;
        private final MlpWeights weights;
        private final float[][] normalized;
        private final float[][] squashed;

        private Forward(int maxRows) {
            this.mlp = new Mlp(actorShape, maxRows);
            this.weights = new MlpWeights(actorShape);
            weights.read(actor, 0);
            this.normalized = new float[maxRows][observationSize()];
            this.squashed = new float[maxRows][actionSize()];
        }

        /** Physical commands {@code [rows][A]} for raw observations {@code [rows][obs]}. */
        public void actions(float[] observations, int rows, double[] out) {
            int o = observationSize();
            int a = actionSize();
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < o; i++) {
                    normalized[r][i] = (observations[r * o + i] - obsMean[i]) / obsStd[i];
                }
            }
            float[][] head = mlp.forward(weights, normalized, rows);
            SquashedGaussian.deterministic(head, rows, a, squashed);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < a; j++) {
                    double s = squashed[r][j];
                    out[r * a + j] = actionLow[j] + (s + 1) * 0.5 * (actionHigh[j] - actionLow[j]);
                }
            }
        }
    }
}
