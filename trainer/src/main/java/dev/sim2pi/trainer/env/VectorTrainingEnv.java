package dev.sim2pi.trainer.env;

import dev.sim2pi.models.task.Layout;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.env.EnvOptions;
import dev.sim2pi.sim.env.VectorEnv;

/** The simulator's batched {@link VectorEnv} seen as a {@link TrainingEnv}. */
public final class VectorTrainingEnv implements TrainingEnv {

    private final VectorEnv env;
    private final double[] low;
    private final double[] high;
    private final float[] rewards;

    public VectorTrainingEnv(Plant plant, int numEnvs, boolean randomize) {
        this(plant, numEnvs, randomize, false);
    }

    /** With {@code estimatedReward}, rewards and ends episodes as the robot would (see {@link EnvOptions}). */
    public VectorTrainingEnv(Plant plant, int numEnvs, boolean randomize, boolean estimatedReward) {
        // One stepping thread: the learner owns the other core, and small batches step in microseconds.
        this.env = new VectorEnv(plant, numEnvs, EnvOptions.defaults().withThreads(1).withRandomize(randomize)
                .withEstimatedReward(estimatedReward));
        Layout actions = plant.task().actions();
        this.low = actions.lows();
        this.high = actions.highs();
        this.rewards = new float[numEnvs];
    }

    @Override
    public int numEnvs() {
        return env.envs();
    }

    @Override
    public int observationSize() {
        return env.observationSize();
    }

    @Override
    public int actionSize() {
        return env.actionSize();
    }

    @Override
    public double[] actionLow() {
        return low.clone();
    }

    @Override
    public double[] actionHigh() {
        return high.clone();
    }

    @Override
    public Demonstrator demonstrator() {
        return dev.sim2pi.models.tasks.BalancerTask.ID.equals(env.task().id()) ? new BalancerDemonstrator(env) : null;
    }

    @Override
    public void reset(long seed) {
        env.reset(seed);
    }

    @Override
    public void step(double[] actions) {
        env.step(actions);
        double[] r = env.rewards();
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = (float) r[i];
        }
    }

    @Override
    public float[] observations() {
        return env.observations();
    }

    @Override
    public float[] finalObservations() {
        return env.finalObservations();
    }

    @Override
    public float[] rewards() {
        return rewards;
    }

    @Override
    public boolean[] terminated() {
        return env.terminated();
    }

    @Override
    public boolean[] truncated() {
        return env.truncated();
    }

    @Override
    public void close() {
        env.close();
    }
}
