package dev.sim2pi.sim.env;

import dev.sim2pi.models.task.ObservationSpec;
import dev.sim2pi.models.tasks.PendulumTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.gym.PendulumPlant;

/**
 * {@link VectorEnv}'s step of a block of Pendulum-v1 environments in one pass, giving bit for bit
 * what the generic per-environment path gives (plant step, task reward, sensor reading, the task's
 * observation {@code [cos theta, sin theta, theta_dot]}) with one transcendental call fewer.
 *
 * <p>Why it exists: {@link Math#sin} and {@link Math#cos} are most of a pendulum step, and the
 * generic path takes the sine of each angle twice: for the observation after a step and again for
 * the physics of the next step. Here the observation's sine is kept, with the bits of the angle it
 * belongs to, and the next step uses it when the angle still has those exact bits (a reset,
 * {@code resetTo} or a caller writing {@code states()} changes them, and then the sine is computed
 * afresh). The values stay those of {@code Math}: {@code StrictMath} would be a different function
 * and would break parity with Gymnasium, whose recorded trajectories {@code Math.sin} reproduces
 * exactly. The observation here must stay the task's own ({@link PendulumTask#features}); a test
 * steps both paths side by side and compares every bit.
 */
final class PendulumBlock {

    private static final int STATE = 2;
    private static final int OBS = 3;

    private final PendulumPlant plant;
    private final PendulumTask task;
    private final int maxSteps;
    private final double[] params;
    private final int paramSize;
    private final double[] state;
    private final double[] before;
    private final double[] sensors;
    private final float[] observations;
    private final double[] rewards;
    private final double[] trueRewards;
    private final double[] returns;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final int[] steps;
    private final Rng[] rngs;
    /** Per env: sin of the angle whose raw bits are in {@link #sineAngleBits} (zeros: sin(+0.0) = +0.0). */
    private final double[] sines;
    private final long[] sineAngleBits;

    /**
     * Whether this class computes what VectorEnv's generic step would for {@code plant}: Pendulum-v1
     * without action latency or observation delay, rewarded on the true state, its observation one
     * frame of features and no past commands.
     */
    static boolean covers(Plant plant, boolean delayed, boolean estimatedReward) {
        if (!(plant instanceof PendulumPlant) || !(plant.task() instanceof PendulumTask task)
                || delayed || estimatedReward) {
            return false;
        }
        ObservationSpec spec = task.observationSpec();
        return spec.historyLength() == 1 && spec.actionHistory() == 0 && task.observationSize() == OBS
                && plant.simStateSize() == STATE && task.sensors().size() == STATE;
    }

    /** The arrays are VectorEnv's own, in its layout ({@code [env * size + k]}). */
    PendulumBlock(Plant plant, double[] params, int paramSize, double[] state, double[] before, double[] sensors,
                  float[] observations, double[] rewards, double[] trueRewards, double[] returns,
                  boolean[] terminated, boolean[] truncated, int[] steps, Rng[] rngs) {
        this.plant = (PendulumPlant) plant;
        this.task = (PendulumTask) plant.task();
        this.maxSteps = task.maxEpisodeSteps();
        this.params = params;
        this.paramSize = paramSize;
        this.state = state;
        this.before = before;
        this.sensors = sensors;
        this.observations = observations;
        this.rewards = rewards;
        this.trueRewards = trueRewards;
        this.returns = returns;
        this.terminated = terminated;
        this.truncated = truncated;
        this.steps = steps;
        this.rngs = rngs;
        this.sines = new double[steps.length];
        this.sineAngleBits = new long[steps.length];
    }

    /** Steps environments {@code [from, to)} under {@code commands[env]} (torque, N m). */
    void step(int from, int to, double[] commands) {
        for (int i = from; i < to; i++) {
            int so = i * STATE;
            double theta = state[so];
            double sinTheta = sineAngleBits[i] == Double.doubleToRawLongBits(theta) ? sines[i] : Math.sin(theta);
            before[so] = theta;
            before[so + 1] = state[so + 1];
            PendulumPlant.step(state, so, sinTheta, commands[i]);
            double reward = task.reward(before, so, commands, i, state, so);
            trueRewards[i] = reward;
            rewards[i] = reward;
            terminated[i] = task.terminated(state, so);
            int done = steps[i] + 1;
            steps[i] = done;
            truncated[i] = done >= maxSteps;
            plant.sense(params, i * paramSize, state, so, rngs[i], sensors, so);
            double angle = sensors[so];
            double sine = Math.sin(angle);
            int oo = i * OBS;
            observations[oo] = (float) Math.cos(angle);
            observations[oo + 1] = (float) sine;
            observations[oo + 2] = (float) sensors[so + 1];
            sines[i] = sine;
            sineAngleBits[i] = Double.doubleToRawLongBits(angle);
            returns[i] += reward;
        }
    }
}
