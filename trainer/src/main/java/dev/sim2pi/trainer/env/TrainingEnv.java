package dev.sim2pi.trainer.env;

/**
 * The batched environment the trainer collects from: {@link #numEnvs()} copies stepped together,
 * auto-resetting, with Gymnasium's terminated/truncated split. Observations are the task's policy
 * input (float32, raw, not normalized); actions are in physical units.
 *
 * <p>All buffers are owned by the environment and rewritten on every call, so stepping allocates
 * nothing. After {@link #step}, {@link #observations()} holds the first observation of the next
 * episode for every env whose episode ended, and {@link #finalObservations()} holds the last
 * observation of the episode that ended (undefined for envs that did not end).
 */
public interface TrainingEnv extends AutoCloseable {

    int numEnvs();

    int observationSize();

    int actionSize();

    /** Lowest command per action channel, physical units. */
    double[] actionLow();

    /** Highest command per action channel, physical units. */
    double[] actionHigh();

    /** Starts every env's first episode; episode randomization derives from {@code seed}. */
    void reset(long seed);

    /** Steps every env with {@code actions} ([numEnvs * actionSize], physical units). */
    void step(double[] actions);

    /** Current observations [numEnvs * observationSize]. */
    float[] observations();

    /** Last observation of each env's episode that ended in the latest step. */
    float[] finalObservations();

    float[] rewards();

    /** Whether the latest step reached a terminal state (bootstrap with zero). */
    boolean[] terminated();

    /** Whether the latest step hit the time limit (bootstrap from the final observation). */
    boolean[] truncated();

    /** A controller that demonstrates this task from the true state, or null if there is none. */
    default Demonstrator demonstrator() {
        return null;
    }

    @Override
    default void close() {
    }
}
