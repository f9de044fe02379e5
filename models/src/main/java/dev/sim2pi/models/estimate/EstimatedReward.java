package dev.sim2pi.models.estimate;

import dev.sim2pi.models.task.Layout;

/**
 * A task's reward and termination defined on what the robot can know: its
 * {@link StateEstimator}'s output, not the simulator's true state. This is what scores recorded
 * robot data, and what the simulator scores with when told to reward as the robot would. Stateless
 * and thread-safe; estimators come from {@link #newEstimator()}, one per robot.
 */
public interface EstimatedReward {

    /** A fresh estimator for one robot. */
    StateEstimator newEstimator();

    /** The estimate layout ({@link StateEstimator#layout()} of every estimator made here). */
    Layout estimate();

    /**
     * Reward for one control step, from the estimates before and after it.
     *
     * @param action the command sent during the step (physical units), as the robot records it
     */
    double reward(double[] before, int beforeOffset, double[] action, int actionOffset, double[] after, int afterOffset);

    /** Whether the estimate says the episode has ended (a terminal state). */
    boolean terminated(double[] estimate, int offset);
}
