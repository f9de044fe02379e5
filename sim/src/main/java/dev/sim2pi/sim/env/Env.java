package dev.sim2pi.sim.env;

import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.Plant;

/**
 * One environment, for evaluation code and tools that think in single episodes: a
 * {@link VectorEnv} of size one on the calling thread. With auto-reset on (the default), the
 * step that ends an episode already shows the next episode's first observation and keeps the
 * last one in {@link #finalObservation()}.
 */
public final class Env implements AutoCloseable {

    private final VectorEnv env;
    private final float[] finalObs;

    public Env(Plant plant, boolean randomize, boolean autoReset) {
        this.env = new VectorEnv(plant, 1, new EnvOptions(1, randomize, autoReset));
        this.finalObs = env.finalObservations();
    }

    /** Randomized, auto-reset. */
    public Env(Plant plant) {
        this(plant, true, true);
    }

    /** Starts episode 0 of {@code seed}; returns the (live) observation. */
    public float[] reset(long seed) {
        env.reset(seed);
        return env.observations();
    }

    /** Starts a new episode from a given task state; returns the (live) observation. */
    public float[] resetTo(double[] taskState) {
        env.resetTo(0, taskState, 0);
        return env.observations();
    }

    /** Applies one command (physical units) for one control period; returns the (live) observation. */
    public float[] step(double[] action) {
        env.step(action);
        return env.observations();
    }

    public float[] observation() {
        return env.observations();
    }

    /** The last observation of the episode that ended at the last step. */
    public float[] finalObservation() {
        return finalObs;
    }

    public double reward() {
        return env.rewards()[0];
    }

    public boolean terminated() {
        return env.terminated()[0];
    }

    public boolean truncated() {
        return env.truncated()[0];
    }

    public boolean done() {
        return env.done(0);
    }

    /** Simulation state (task state then hidden variables). */
    public double[] state() {
        return env.states();
    }

    public long episode() {
        return env.episode(0);
    }

    public RobotTask task() {
        return env.task();
    }

    public VectorEnv vector() {
        return env;
    }

    @Override
    public void close() {
        env.close();
    }
}
