package dev.sim2pi.controller.safety;

import dev.sim2pi.models.task.RobotTask;

/**
 * The sensor-based termination check of each task: its state estimator's verdict where models
 * defines one ({@link RobotTask#estimatedReward()}), otherwise {@link TerminationCheck#NONE}.
 */
public final class TerminationChecks {

    private TerminationChecks() {
    }

    public static TerminationCheck forTask(RobotTask task, double loopPeriodSeconds) {
        return task.estimatedReward()
                .<TerminationCheck>map(r -> new EstimatedTermination(r, loopPeriodSeconds, task.controlPeriodSeconds()))
                .orElse(TerminationCheck.NONE);
    }
}
