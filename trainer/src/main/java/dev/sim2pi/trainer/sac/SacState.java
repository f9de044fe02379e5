package dev.sim2pi.trainer.sac;

import dev.sim2pi.sim.Rng;
import dev.sim2pi.trainer.nn.MlpShape;

/**
 * Everything a SAC learner learns, as plain arrays in the {@link MlpShape} layout: actor, both
 * critics (critic 1 then critic 2 in one vector), their targets, the Adam moments and the
 * temperature. Engines copy in and out of it, so checkpoints, parity tests and bundle export
 * never depend on an engine's internals.
 */
public final class SacState {

    public final MlpShape actorShape;
    public final MlpShape criticShape;
    public final float[] actor;
    public final float[] critics;
    public final float[] targets;
    public final float[] actorM;
    public final float[] actorV;
    public long actorSteps;
    public final float[] criticM;
    public final float[] criticV;
    public long criticSteps;
    public float logAlpha;
    public float alphaM;
    public float alphaV;
    public long alphaSteps;
    /** Gradient updates done so far (decides actor and target intervals). */
    public long updates;

    public SacState(MlpShape actorShape, MlpShape criticShape) {
        this.actorShape = actorShape;
        this.criticShape = criticShape;
        int a = actorShape.parameterCount();
        int c = 2 * criticShape.parameterCount();
        this.actor = new float[a];
        this.critics = new float[c];
        this.targets = new float[c];
        this.actorM = new float[a];
        this.actorV = new float[a];
        this.criticM = new float[c];
        this.criticV = new float[c];
    }

    /** Shapes of a SAC learner for the given sizes and config. */
    public static SacState forConfig(SacConfig config, int observationSize, int actionSize) {
        return new SacState(MlpShape.of(observationSize, config.actorHidden(), 2 * actionSize),
                MlpShape.of(observationSize + actionSize, config.criticHidden(), 1));
    }

    /**
     * Fresh weights as PyTorch initializes a Linear layer (weights and biases uniform in
     * {@code ±1/sqrt(fan_in)}), targets equal to the critics, temperature {@code initialAlpha}.
     */
    public void initialize(long seed, double initialAlpha) {
        Rng rng = new Rng(seed);
        fill(actorShape, actor, 0, rng);
        fill(criticShape, critics, 0, rng);
        fill(criticShape, critics, criticShape.parameterCount(), rng);
        System.arraycopy(critics, 0, targets, 0, critics.length);
        java.util.Arrays.fill(actorM, 0f);
        java.util.Arrays.fill(actorV, 0f);
        java.util.Arrays.fill(criticM, 0f);
        java.util.Arrays.fill(criticV, 0f);
        actorSteps = 0;
        criticSteps = 0;
        logAlpha = (float) Math.log(initialAlpha);
        alphaM = 0;
        alphaV = 0;
        alphaSteps = 0;
        updates = 0;
    }

    private static void fill(MlpShape shape, float[] params, int offset, Rng rng) {
        for (int l = 0; l < shape.layers(); l++) {
            double bound = 1 / Math.sqrt(shape.size(l));
            int from = offset + shape.weightOffset(l);
            int to = offset + shape.biasOffset(l) + shape.size(l + 1);
            for (int k = from; k < to; k++) {
                params[k] = (float) rng.uniform(-bound, bound);
            }
        }
    }

    /** Copies every array and counter of {@code other} (same shapes) into this state. */
    public void copyFrom(SacState other) {
        System.arraycopy(other.actor, 0, actor, 0, actor.length);
        System.arraycopy(other.critics, 0, critics, 0, critics.length);
        System.arraycopy(other.targets, 0, targets, 0, targets.length);
        System.arraycopy(other.actorM, 0, actorM, 0, actorM.length);
        System.arraycopy(other.actorV, 0, actorV, 0, actorV.length);
        System.arraycopy(other.criticM, 0, criticM, 0, criticM.length);
        System.arraycopy(other.criticV, 0, criticV, 0, criticV.length);
        actorSteps = other.actorSteps;
        criticSteps = other.criticSteps;
        logAlpha = other.logAlpha;
        alphaM = other.alphaM;
        alphaV = other.alphaV;
        alphaSteps = other.alphaSteps;
        updates = other.updates;
    }
}
