package dev.sim2pi.models.estimate;

import dev.sim2pi.models.task.Layout;

/**
 * What one robot knows of its state: a filter over its raw sensor readings (the task's
 * {@link dev.sim2pi.models.task.RobotTask#sensors()} layout), one reading per control period. The
 * same code runs in the simulator, in evaluation, on recorded datasets and in the control loop, so
 * it keeps its own state (one instance per robot) and {@link #update} allocates nothing.
 */
public interface StateEstimator {

    /** What the estimate vector holds, in order. */
    Layout layout();

    /** Starts from the first reading of an episode and writes the estimate at {@code out[outOffset]}. */
    void reset(double[] sensors, int sensorsOffset, double[] out, int outOffset);

    /** Takes the reading one control period after the last one and writes the new estimate. */
    void update(double[] sensors, int sensorsOffset, double[] out, int outOffset);
}
