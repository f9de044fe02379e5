package dev.sim2pi.models.tasks;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.ObservationSpec;
import dev.sim2pi.models.task.RobotTask;

/**
 * Gymnasium's {@code Pendulum-v1}: swing a rod (theta = 0 upright) up and hold it with a
 * torque limited to 2 N m. Sensors are what an encoder gives (angle, rate); the observation is
 * {@code [cos theta, sin theta, theta_dot]} in float32, as Gymnasium returns it.
 *
 * <p>The reward reproduces Gymnasium 1.x under NumPy 2 bit for bit: the torque is the float32
 * action clipped to the limit, and the torque cost {@code 0.001 u^2} is a float32 computation
 * (NumPy does float32 scalar arithmetic with Python floats in float32).
 */
public final class PendulumTask implements RobotTask {

    /** Torque limit, N m. */
    public static final double MAX_TORQUE = 2.0;
    /** Angular speed limit, rad/s. */
    public static final double MAX_SPEED = 8.0;
    /** Control period, s. */
    public static final double DT = 0.05;

    private static final Layout STATE = Layout.of(
            Channel.unbounded("theta", "rad"),
            Channel.symmetric("theta_dot", "rad/s", MAX_SPEED));
    private static final Layout ACTIONS = Layout.of(Channel.symmetric("torque", "N*m", MAX_TORQUE));
    private static final ObservationSpec OBSERVATION = ObservationSpec.current(Layout.of(
            Channel.symmetric("cos_theta", "1", 1),
            Channel.symmetric("sin_theta", "1", 1),
            Channel.symmetric("theta_dot", "rad/s", MAX_SPEED)));

    @Override
    public String id() {
        return "pendulum-v1";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "Gymnasium Pendulum-v1: swing up and balance a rod with limited torque";
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

    @Override
    public double controlPeriodSeconds() {
        return DT;
    }

    @Override
    public int maxEpisodeSteps() {
        return 200;
    }

    @Override
    public void features(double[] sensors, int sensorsOffset, float[] out, int outOffset) {
        double theta = sensors[sensorsOffset];
        out[outOffset] = (float) Math.cos(theta);
        out[outOffset + 1] = (float) Math.sin(theta);
        out[outOffset + 2] = (float) sensors[sensorsOffset + 1];
    }

    @Override
    public double reward(double[] before, int beforeOffset, double[] action, int actionOffset,
                         double[] after, int afterOffset) {
        double theta = angleNormalize(before[beforeOffset]);
        double thetaDot = before[beforeOffset + 1];
        float u = clipTorque(action[actionOffset]);
        float torqueCost = 0.001f * (u * u);
        return -(theta * theta + 0.1 * (thetaDot * thetaDot) + torqueCost);
    }

    @Override
    public boolean terminated(double[] state, int stateOffset) {
        return false;
    }

    /** The action as Gymnasium sees it: float32, clipped to the torque limit. */
    public static float clipTorque(double action) {
        float u = (float) action;
        return u < -2f ? -2f : (u > 2f ? 2f : u);
    }

    /** Python's {@code ((x + pi) % (2 pi)) - pi}: floor modulo, so the result is in [-pi, pi). */
    public static double angleNormalize(double x) {
        double twoPi = 2 * Math.PI;
        double y = x + Math.PI;
        double r;
        // Within one turn fmod returns y itself and the floor correction adds one turn; both are
        // what Python computes, without the slow floating-point remainder.
        if (y >= 0 && y < twoPi) {
            r = y;
        } else if (y < 0 && y > -twoPi) {
            r = y + twoPi;
        } else {
            r = y % twoPi;
            if (r < 0) {
                r += twoPi;
            } else if (r == 0) {
                r = 0.0;
            }
        }
        return r - Math.PI;
    }
}
