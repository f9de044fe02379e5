package dev.sim2pi.controller.safety;

import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.tasks.BalancerTask;

/** The sensor-based termination check of each task; tasks without one get {@link TerminationCheck#NONE}. */
public final class TerminationChecks {

    private TerminationChecks() {
    }

    public static TerminationCheck forTask(RobotTask task, double loopPeriodSeconds) {
        if (task.id().equals(BalancerTask.ID)) {
            return TiltCheck.balancer(loopPeriodSeconds);
        }
        return TerminationCheck.NONE;
    }
}
