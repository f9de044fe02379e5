package dev.sim2pi.sim.env;

/**
 * How a {@link VectorEnv} runs.
 *
 * @param threads   threads that step blocks of environments; 0 picks from the batch size
 * @param randomize draw parameters per episode from their ranges; false gives the nominal model
 * @param autoReset start a new episode as soon as one ends (keeping its final observation);
 *                  false keeps stepping the ended episode, as a replay of a recorded log does
 * @param estimatedReward reward and end episodes as the robot would: from the task's state
 *                  estimator over the readings the robot sees ({@code RobotTask.estimatedReward()}),
 *                  not from the true state (which stays available as {@code VectorEnv.trueRewards()})
 */
public record EnvOptions(int threads, boolean randomize, boolean autoReset, boolean estimatedReward) {

    /** Environments per thread below which a second thread costs more than it saves. */
    static final int ENVS_PER_THREAD = 256;

    /** Rewarded on the true state. */
    public EnvOptions(int threads, boolean randomize, boolean autoReset) {
        this(threads, randomize, autoReset, false);
    }

    public EnvOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    /** Randomized, auto-reset, threads chosen from the batch size. */
    public static EnvOptions defaults() {
        return new EnvOptions(0, true, true);
    }

    public EnvOptions withThreads(int threads) {
        return new EnvOptions(threads, randomize, autoReset, estimatedReward);
    }

    public EnvOptions withRandomize(boolean randomize) {
        return new EnvOptions(threads, randomize, autoReset, estimatedReward);
    }

    public EnvOptions withAutoReset(boolean autoReset) {
        return new EnvOptions(threads, randomize, autoReset, estimatedReward);
    }

    public EnvOptions withEstimatedReward(boolean estimatedReward) {
        return new EnvOptions(threads, randomize, autoReset, estimatedReward);
    }

    /** One thread per {@value #ENVS_PER_THREAD} environments, at most one per processor. */
    static int defaultThreads(int envs) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), envs / ENVS_PER_THREAD));
    }
}
