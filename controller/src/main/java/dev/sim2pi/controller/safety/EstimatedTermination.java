package dev.sim2pi.controller.safety;

import dev.sim2pi.models.estimate.EstimatedReward;
import dev.sim2pi.models.estimate.StateEstimator;

/**
 * A task's termination judged on its {@link StateEstimator} (models' {@code estimate} package):
 * the estimator the simulator rewards with and the trainer scores recorded datasets with, so the
 * robot stops where training and evaluation say the episode ended (the balancer: estimated pitch
 * past {@link dev.sim2pi.models.tasks.BalancerTask#PITCH_LIMIT_RAD}).
 *
 * <p>The estimator takes every reading the loop holds, fresh or held over a dropout, exactly as a
 * dataset's frames carry them. It assumes one reading per task period: a loop forced to a faster
 * rate feeds it on the task's grid (every k-th reading), a slower one once per reading (then its
 * integration lags). Allocation-free.
 */
public final class EstimatedTermination implements TerminationCheck {

    private final EstimatedReward rules;
    private final StateEstimator estimator;
    private final double[] estimate;
    private final double loopPeriodSeconds;
    private final double taskPeriodSeconds;
    private double sinceUpdateSeconds;
    private boolean started;

    public EstimatedTermination(EstimatedReward rules, double loopPeriodSeconds, double taskPeriodSeconds) {
        this.rules = rules;
        this.estimator = rules.newEstimator();
        this.estimate = new double[rules.estimate().size()];
        this.loopPeriodSeconds = loopPeriodSeconds;
        this.taskPeriodSeconds = taskPeriodSeconds;
    }

    @Override
    public boolean update(double[] sensors, int offset, boolean fresh) {
        if (!started) {
            estimator.reset(sensors, offset, estimate, 0);
            started = true;
            sinceUpdateSeconds = 0;
        } else {
            sinceUpdateSeconds += loopPeriodSeconds;
            // Half a loop period of slack: a period ratio like 0.01 / 0.002 is not exact in binary.
            if (sinceUpdateSeconds + 0.5 * loopPeriodSeconds >= taskPeriodSeconds) {
                sinceUpdateSeconds = loopPeriodSeconds >= taskPeriodSeconds ? 0 : sinceUpdateSeconds - taskPeriodSeconds;
                estimator.update(sensors, offset, estimate, 0);
            }
        }
        return rules.terminated(estimate, 0);
    }

    /** The estimate's first channel (the balancer's pitch, rad). */
    @Override
    public double value() {
        return estimate[0];
    }

    /** The whole estimate (layout {@link EstimatedReward#estimate()}); read on the loop thread. */
    public double[] estimate() {
        return estimate;
    }

    @Override
    public void reset() {
        started = false;
    }
}
