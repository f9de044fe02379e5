package dev.sim2pi.models.tasks;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.ObservationSpec;
import dev.sim2pi.models.task.RobotTask;

/**
 * Gymnasium's {@code MountainCarContinuous-v0}: drive an underpowered car out of a valley to the
 * flag at position 0.45. Position and velocity are in the environment's own units (velocity is
 * position change per step); sensors and observation are both {@code [position, velocity]}.
 *
 * <p>Gymnasium stores the state as float32 after every step, so the goal test compares in
 * float32; the action cost uses the action as given, before clipping, as Gymnasium does.
 */
public final class MountainCarContinuousTask implements RobotTask {

    public static final double MIN_POSITION = -1.2;
    public static final double MAX_POSITION = 0.6;
    public static final double MAX_SPEED = 0.07;
    public static final double GOAL_POSITION = 0.45;

    private static final Layout STATE = Layout.of(
            new Channel("position", "m", MIN_POSITION, MAX_POSITION),
            Channel.symmetric("velocity", "m/step", MAX_SPEED));
    private static final Layout ACTIONS = Layout.of(Channel.symmetric("force", "1", 1));
    private static final ObservationSpec OBSERVATION = ObservationSpec.current(STATE);

    @Override
    public String id() {
        return "mountaincar-continuous-v0";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "Gymnasium MountainCarContinuous-v0: rock an underpowered car up to the flag";
    }

    @Override
    public Layout state() {
        return STATE;
    }

    @Override
    public Layout sensors() {
        return STATE;
    }

    @Override
    public Layout actions() {
        return ACTIONS;
    }

    @Override
    public ObservationSpec observationSpec() {
        return OBSERVATION;
    }

    /** Gymnasium gives no time step; this is its render rate, 30 steps per second. */
    @Override
    public double controlPeriodSeconds() {
        return 1.0 / 30;
    }

    @Override
    public int maxEpisodeSteps() {
        return 999;
    }

    @Override
    public void features(double[] sensors, int sensorsOffset, float[] out, int outOffset) {
        out[outOffset] = (float) sensors[sensorsOffset];
        out[outOffset + 1] = (float) sensors[sensorsOffset + 1];
    }

    /** 100 on reaching the goal, minus 0.1 times the squared float32 action (not clipped). */
    @Override
    public double reward(double[] before, int beforeOffset, double[] action, int actionOffset,
                         double[] after, int afterOffset) {
        double a = (float) action[actionOffset];
        double goal = terminated(after, afterOffset) ? 100.0 : 0.0;
        return goal - a * a * 0.1;
    }

    @Override
    public boolean terminated(double[] state, int stateOffset) {
        return (float) state[stateOffset] >= (float) GOAL_POSITION && state[stateOffset + 1] >= 0;
    }
}
