package dev.sim2pi.models.task;

/**
 * A robot task: the contract shared by the simulator, the trainer and the controller on the
 * robot. It names the vectors that cross module boundaries and owns the observation function,
 * reward and termination, so that the same code runs in simulation, in evaluation and on the Pi.
 *
 * <p>Implementations are stateless and thread-safe. Every method that reads or writes a vector
 * takes the array and an offset, so batched callers pass slices of their structure-of-arrays
 * buffers without allocating.
 */
public interface RobotTask {

    /** Stable identifier, for example {@code pendulum-v1}. */
    String id();

    /** Incremented whenever layouts, observation, reward or termination change meaning. */
    int version();

    /** One sentence for humans. */
    String description();

    /** The physical state a simulator integrates (SI units); the robot itself never sees it. */
    Layout state();

    /** Raw readings as the hardware delivers them, after unit conversion to SI. */
    Layout sensors();

    /** Actuator commands in physical units; the channel bounds are the limits commands are clipped to. */
    Layout actions();

    /** How readings become the policy input. */
    ObservationSpec observationSpec();

    /** The period at which observations are taken and commands applied. */
    double controlPeriodSeconds();

    /** Steps after which an episode is truncated. */
    int maxEpisodeSteps();

    /** Writes the features of one raw reading ({@link #sensors()} layout) as float32. */
    void features(double[] sensors, int sensorsOffset, float[] out, int outOffset);

    /**
     * Writes the features of a raw reading given the reading one control period before it
     * (same layout), so rates can come from differences of counters as on the hardware (encoder
     * angles differenced over the period). The observation pipeline always calls this one; at the
     * start of an episode {@code previous} is the first reading itself. The default ignores
     * {@code previous}.
     */
    default void features(double[] sensors, int sensorsOffset, double[] previous, int previousOffset,
                          float[] out, int outOffset) {
        features(sensors, sensorsOffset, out, outOffset);
    }

    /**
     * Reward for one control step.
     *
     * @param before state before the step
     * @param action the command passed to the step, before any clipping the plant does
     * @param after  state after the step
     */
    double reward(double[] before, int beforeOffset, double[] action, int actionOffset,
                  double[] after, int afterOffset);

    /** Whether {@code state} ends the episode (a terminal state, not a time limit). */
    boolean terminated(double[] state, int stateOffset);

    /**
     * Reward and termination computed from what the robot measures (a state estimator over its
     * readings), for tasks with a physical robot; empty for tasks that only exist in simulation.
     * Scores recorded datasets; the simulator uses it when asked to reward as the robot would.
     */
    default java.util.Optional<dev.sim2pi.models.estimate.EstimatedReward> estimatedReward() {
        return java.util.Optional.empty();
    }

    /** Length of the observation vector. */
    default int observationSize() {
        return observationSpec().size(actions());
    }

    /** Names, units and bounds of the observation vector. */
    default Layout observationLayout() {
        return observationSpec().layout(actions());
    }

    /** Control rate in hertz. */
    default double controlRateHz() {
        return 1.0 / controlPeriodSeconds();
    }
}
