package dev.sim2pi.controller.safety;

/**
 * A task's termination condition judged from what the robot measures (the simulator's true
 * state is never available on the robot). Stateful (filters); allocation-free.
 */
public interface TerminationCheck {

    /**
     * Takes this period's reading; {@code fresh} is false when it was held from an earlier
     * period. Returns whether the task would end the episode now.
     */
    boolean update(double[] sensors, int offset, boolean fresh);

    /** The quantity judged (for events), e.g. the estimated pitch in rad. */
    double value();

    /** Forgets history (after a reset). */
    void reset();

    /** No sensor-based termination for this task. */
    TerminationCheck NONE = new TerminationCheck() {
        @Override
        public boolean update(double[] sensors, int offset, boolean fresh) {
            return false;
        }

        @Override
        public double value() {
            return 0;
        }

        @Override
        public void reset() {
        }
    };
}
