package dev.sim2pi.sim;

import dev.sim2pi.models.task.RobotTask;

/**
 * The physics of one task: how its state starts, moves under a command and is seen by sensors.
 * Stateless and thread-safe; all mutable data lives in caller-owned arrays passed with offsets,
 * so a batch of environments keeps one flat array per quantity (structure of arrays) and
 * stepping allocates nothing.
 *
 * <p>The simulation state vector starts with the task's {@link RobotTask#state()} and may be
 * followed by hidden variables the physics needs (sensor bias drift, backlash position, motor
 * current): {@link #simStateSize()} covers both.
 */
public interface Plant {

    RobotTask task();

    /** Every randomizable parameter with its nominal value and range. */
    ParameterSpace parameters();

    /** Length of the simulation state vector: the task state plus hidden variables. */
    default int simStateSize() {
        return task().state().size();
    }

    /** Draws an initial state from the task's reset distribution. */
    void reset(Rng rng, double[] params, int paramsOffset, double[] state, int stateOffset);

    /**
     * Advances the state in place by one control period under {@code action} (physical units, as
     * given: the plant clips where the task says it does). {@code rng} feeds process noise.
     */
    void step(double[] params, int paramsOffset, double[] state, int stateOffset,
              double[] action, int actionOffset, Rng rng);

    /** Writes the raw sensor reading of {@code state} (task sensor layout), with sensor models. */
    void sense(double[] params, int paramsOffset, double[] state, int stateOffset, Rng rng,
               double[] sensors, int sensorsOffset);

    /**
     * Sets the simulation state from a task state ({@link RobotTask#state()} layout), as when
     * replaying a log from a recorded start. Hidden variables start at zero unless a plant knows
     * better.
     */
    default void load(double[] params, int paramsOffset, double[] taskState, int taskStateOffset,
                      double[] state, int stateOffset) {
        int n = task().state().size();
        System.arraycopy(taskState, taskStateOffset, state, stateOffset, n);
        java.util.Arrays.fill(state, stateOffset + n, stateOffset + simStateSize(), 0.0);
    }
}
