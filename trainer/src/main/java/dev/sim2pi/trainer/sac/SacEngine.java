package dev.sim2pi.trainer.sac;

/**
 * Where SAC's networks live and learn. Engines are interchangeable: given the same
 * {@link SacState} and the same batches they compute the same updates (up to float rounding).
 * Not thread-safe: one learner thread calls it.
 */
public interface SacEngine extends AutoCloseable {

    /** Short name for reports ({@code java}, {@code djl-cpu}, {@code djl-gpu}). */
    String name();

    /**
     * One gradient update: both critics towards the soft TD target; when {@code updateActor},
     * the actor and the temperature; when {@code updateTargets}, the Polyak step of the targets.
     */
    void update(SacBatch batch, boolean updateActor, boolean updateTargets, SacLosses out);

    /**
     * Actions in [-1, 1] for {@code n} normalized observation rows: sampled with {@code noise}
     * (standard normal rows), or {@code tanh(mean)} when {@code noise} is null.
     */
    void act(float[][] observations, int n, float[][] noise, float[][] actionsOut);

    /** Copies the learned state out. */
    void exportState(SacState into);

    /** Replaces the learned state. */
    void importState(SacState from);

    /** Copies the actor's parameters ({@link SacState#actor} layout) into {@code into}. */
    void actorParameters(float[] into);

    @Override
    default void close() {
    }
}
