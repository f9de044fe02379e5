package dev.sim2pi.sim.env;

import dev.sim2pi.models.estimate.EstimatedReward;
import dev.sim2pi.models.estimate.StateEstimator;
import dev.sim2pi.models.task.RobotTask;

/**
 * Reward and termination as the robot computes them: one state estimator per environment over the
 * readings its observation shows, the task's estimate-based reward on top. Allocation-free per step.
 */
final class RobotRewards {

    private final EstimatedReward reward;
    private final StateEstimator[] estimators;
    private final int estimateSize;
    private final double[] estimates;
    private final double[] estimatesBefore;

    RobotRewards(RobotTask task, int envs) {
        this.reward = task.estimatedReward().orElseThrow(() -> new IllegalArgumentException(
                "task " + task.id() + " has no state estimator to reward with"));
        this.estimateSize = reward.estimate().size();
        this.estimators = new StateEstimator[envs];
        for (int i = 0; i < envs; i++) {
            estimators[i] = reward.newEstimator();
        }
        this.estimates = new double[envs * estimateSize];
        this.estimatesBefore = new double[envs * estimateSize];
    }

    /** Starts env {@code i}'s estimate from its first reading. */
    void reset(int i, double[] sensors, int offset) {
        estimators[i].reset(sensors, offset, estimates, i * estimateSize);
    }

    /** Updates env {@code i}'s estimate from the reading it saw and returns the step's reward on it. */
    double step(int i, double[] seen, int seenOffset, double[] commands, int commandOffset) {
        int eo = i * estimateSize;
        System.arraycopy(estimates, eo, estimatesBefore, eo, estimateSize);
        estimators[i].update(seen, seenOffset, estimates, eo);
        return reward.reward(estimatesBefore, eo, commands, commandOffset, estimates, eo);
    }

    /** Whether env {@code i}'s estimate is past the task's limits. */
    boolean terminated(int i) {
        return reward.terminated(estimates, i * estimateSize);
    }

    double[] estimates() {
        return estimates;
    }
}
