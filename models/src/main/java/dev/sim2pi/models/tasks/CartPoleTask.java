package dev.sim2pi.models.tasks;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.ObservationSpec;
import dev.sim2pi.models.task.RobotTask;

/**
 * {@code cartpole}: a cart on a 0.8 m track, driven by a DC motor through a belt, with a free
 * pole on an encoder. The pole starts hanging; the policy must swing it up and balance it without
 * hitting the track ends. Control at 50 Hz, 10 s episodes.
 *
 * <p><b>Conventions.</b> Cart position is 0 at the track centre, positive to the right. Pole angle
 * is 0 upright, {@code pi} hanging, positive when the tip moves toward +x; it is not wrapped (the
 * encoder counts whole turns).
 *
 * <p><b>State</b> (in order): {@code cart_position, cart_velocity, pole_angle, pole_rate};
 * {@code sim replay} input files name them {@code state_cart_position, state_cart_velocity,
 * state_pole_angle, state_pole_rate}.
 *
 * <p><b>Sensors</b> as the rig gives them: the cart encoder converted to metres and the pole
 * encoder converted to radians, both quantized to one encoder count. Rates are not measured: the
 * observation differences successive readings over the control period, as the controller on the
 * Pi does with the same code.
 *
 * <p><b>Action</b>: the motor voltage command in volts, {@code [-12, 12]}; the driver turns it into
 * a PWM duty of the (sagging) supply.
 *
 * <p><b>Observation</b>: cart position, cart velocity (difference), cos and sin of the pole angle,
 * pole rate (difference), then the last voltage command (6 values).
 *
 * <p><b>Reward</b> per step: {@code (1 + cos(pole_angle)) / 2} (1 upright, 0 hanging) minus
 * {@code 0.2 (x / 0.4)^2} for leaving the centre, minus {@code 0.01 (V / 12)^2}. The episode ends
 * when the cart reaches a track end ({@code |x| >= 0.4 m}). A return of 350 over the 500-step
 * episode means the pole was swung up within about 4 s and then held within 0.2 rad of upright near
 * the centre for the rest of the 10 s; hanging still scores 0, and a policy that spins the pole
 * round without catching it scores at most about 250. A hand-written energy-pumping controller with an
 * LQR catch swings up in about 3.5 s and scores 375-395 on the nominal rig.
 */
public final class CartPoleTask implements RobotTask {

    /** Task id. */
    public static final String ID = "cartpole";
    /** Half the usable track: the episode ends when the cart reaches it. */
    public static final double TRACK_HALF_LENGTH = 0.4;
    public static final double MAX_VOLTAGE = 12;
    public static final double CONTROL_PERIOD_SECONDS = 0.02;

    public static final int CART_POSITION = 0;
    public static final int CART_VELOCITY = 1;
    public static final int POLE_ANGLE = 2;
    public static final int POLE_RATE = 3;

    /** Sensor indices. */
    public static final int SENSOR_CART_POSITION = 0;
    public static final int SENSOR_POLE_ANGLE = 1;

    public static final int MOTOR_VOLTAGE = 0;

    private static final Layout STATE = Layout.of(
            Channel.symmetric("cart_position", "m", TRACK_HALF_LENGTH),
            Channel.symmetric("cart_velocity", "m/s", 5),
            Channel.unbounded("pole_angle", "rad"),
            Channel.symmetric("pole_rate", "rad/s", 40));

    private static final Layout SENSORS = Layout.of(
            Channel.symmetric("cart_position", "m", TRACK_HALF_LENGTH),
            Channel.unbounded("pole_angle", "rad"));

    private static final Layout ACTIONS = Layout.of(Channel.symmetric("motor_voltage", "V", MAX_VOLTAGE));

    private static final Layout FEATURES = Layout.of(
            Channel.symmetric("cart_position", "m", TRACK_HALF_LENGTH),
            Channel.symmetric("cart_velocity", "m/s", 5),
            Channel.symmetric("pole_cos", "1", 1),
            Channel.symmetric("pole_sin", "1", 1),
            Channel.symmetric("pole_rate", "rad/s", 40));

    private static final ObservationSpec OBSERVATION = new ObservationSpec(FEATURES, 1, 1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "Cart-pole on a DC-motor belt drive: swing the pole up from hanging and balance it within the track";
    }

    @Override
    public Layout state() {
        return STATE;
    }

    @Override
    public Layout sensors() {
        return SENSORS;
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
        return CONTROL_PERIOD_SECONDS;
    }

    @Override
    public int maxEpisodeSteps() {
        return 500;
    }

    /** A single reading has no previous one to difference: rates read zero. */
    @Override
    public void features(double[] sensors, int sensorsOffset, float[] out, int outOffset) {
        features(sensors, sensorsOffset, sensors, sensorsOffset, out, outOffset);
    }

    @Override
    public void features(double[] s, int so, double[] previous, int po, float[] out, int oo) {
        double x = s[so + SENSOR_CART_POSITION];
        double angle = s[so + SENSOR_POLE_ANGLE];
        out[oo] = (float) x;
        out[oo + 1] = (float) ((x - previous[po + SENSOR_CART_POSITION]) / CONTROL_PERIOD_SECONDS);
        out[oo + 2] = (float) Math.cos(angle);
        out[oo + 3] = (float) Math.sin(angle);
        out[oo + 4] = (float) ((angle - previous[po + SENSOR_POLE_ANGLE]) / CONTROL_PERIOD_SECONDS);
    }

    @Override
    public double reward(double[] before, int bo, double[] action, int ao, double[] after, int o) {
        double x = after[o + CART_POSITION] / TRACK_HALF_LENGTH;
        double v = action[ao + MOTOR_VOLTAGE];
        double u = Double.isNaN(v) ? 1 : Math.max(-1, Math.min(1, v / MAX_VOLTAGE));
        return 0.5 * (1 + Math.cos(after[o + POLE_ANGLE])) - 0.2 * x * x - 0.01 * u * u;
    }

    @Override
    public boolean terminated(double[] state, int offset) {
        return !(Math.abs(state[offset + CART_POSITION]) < TRACK_HALF_LENGTH);
    }
}
