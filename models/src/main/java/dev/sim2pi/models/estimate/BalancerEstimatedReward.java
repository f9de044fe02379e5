package dev.sim2pi.models.estimate;

import dev.sim2pi.models.tasks.BalancerTask;

/**
 * The {@code balancer}'s reward and termination on its {@link BalancerEstimator}'s output: the
 * terms and weights of {@link BalancerTask#reward} with the estimated pitch, forward speed and yaw
 * rate in place of the true ones, judged against the command the robot read before the step; the
 * episode ends when the estimated pitch leaves {@code +-}{@link BalancerTask#PITCH_LIMIT_RAD}.
 */
public final class BalancerEstimatedReward implements EstimatedReward {

    private final double wheelRadiusMeters;

    /** With the nominal robot's wheel radius. */
    public BalancerEstimatedReward() {
        this(BalancerEstimator.NOMINAL_WHEEL_RADIUS_METERS);
    }

    public BalancerEstimatedReward(double wheelRadiusMeters) {
        this.wheelRadiusMeters = wheelRadiusMeters;
    }

    @Override
    public StateEstimator newEstimator() {
        return new BalancerEstimator(wheelRadiusMeters, BalancerEstimator.DEFAULT_PITCH_TIME_CONSTANT_SECONDS);
    }

    @Override
    public dev.sim2pi.models.task.Layout estimate() {
        return BalancerEstimator.LAYOUT;
    }

    @Override
    public double reward(double[] before, int bo, double[] action, int ao, double[] after, int o) {
        return BalancerTask.rewardOf(after[o + BalancerEstimator.FORWARD_SPEED] - before[bo + BalancerEstimator.CMD_FORWARD_SPEED],
                after[o + BalancerEstimator.YAW_RATE] - before[bo + BalancerEstimator.CMD_YAW_RATE],
                after[o + BalancerEstimator.PITCH],
                action[ao + BalancerTask.DUTY_LEFT], action[ao + BalancerTask.DUTY_RIGHT]);
    }

    @Override
    public boolean terminated(double[] estimate, int offset) {
        return !(Math.abs(estimate[offset + BalancerEstimator.PITCH]) <= BalancerTask.PITCH_LIMIT_RAD);
    }
}
