package dev.sim2pi.models.tasks;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.ObservationSpec;
import dev.sim2pi.models.task.RobotTask;

/**
 * {@code balancer}: the two-wheeled self-balancing Raspberry Pi robot (Pi, MPU-6050-class IMU,
 * two DC gear motors with quadrature encoders through an H-bridge). The robot must stay upright
 * while tracking an operator's commanded forward speed and yaw rate, at 100 Hz for 10 s episodes.
 *
 * <p><b>Conventions.</b> Pitch is positive when the top of the body leans forward; yaw positive
 * turning left (counter-clockwise seen from above). Wheel angles are measured by the encoders,
 * relative to the body, positive when that wheel drives the robot forward. IMU axes: x forward,
 * y left, z up along the body; so an upright robot at rest reads {@code accel_z = +g} and a
 * forward lean {@code p} at rest reads {@code accel_x = -g sin p}.
 *
 * <p><b>State</b> (what the simulator integrates, in order): {@code position, forward_speed,
 * pitch, pitch_rate, yaw, yaw_rate, wheel_angle_left, wheel_angle_right, cmd_forward_speed,
 * cmd_yaw_rate}; {@code sim replay} input files name them {@code state_position} ...
 * {@code state_cmd_yaw_rate}. A replay holds the commands of the recorded start (the plant may
 * still change them mid-episode, drawing from its seeded stream).
 *
 * <p><b>Sensors</b> (raw, SI): gyro x/y/z, accel x/y/z, the two encoder wheel angles (encoder
 * counts times {@code 2 pi / counts_per_rev}, so quantized to one count; the wiring file's
 * calibration does the conversion on the robot), battery volts, and the operator's two command
 * channels.
 *
 * <p><b>Observation</b>: per reading, accel x and z (pitch estimate inputs), gyro pitch and yaw
 * rates, wheel speeds from the encoder-angle difference over one period, battery volts and the two
 * commands; the last four readings are stacked (40 ms: enough to cover up to 30 ms of actuation
 * and sensing latency and to average encoder quantization) and the last three commands follow,
 * newest first (42 values). Three commands are what can be in flight between a reading and its
 * effect: up to two periods of actuation latency plus one of sensing delay. Version 2 gave only
 * the last one, and its policies fell on about one robot in six with that much dead time, against
 * about one in eighty with less.
 *
 * <p><b>Reward</b> per step, at most 1: {@code 0.4} for being up, plus {@code 0.3 exp(-(e_v/0.2)^2)}
 * for forward speed error {@code e_v} (m/s), plus {@code 0.3 exp(-(e_w/0.5)^2)} for yaw-rate error
 * {@code e_w} (rad/s), both against the command in force during the step, minus
 * {@code 0.5 pitch^2} and {@code 0.1 (duty_left^2 + duty_right^2)} (ten times version 1's effort
 * weight: learners rocked the robot with near-full duty back and forth, a limit cycle that stays
 * up but cannot track and would wear a real gearbox). The episode ends when
 * {@code |pitch| > 0.6 rad} (fallen). The tracking kernels are wide enough that a robot far from
 * its command still earns more by moving towards it (version 1's 0.1 m/s kernel gave nothing
 * beyond 0.2 m/s, and learners settled for standing still). A return of 850 over the 1000-step
 * episode means the robot stayed up the full 10 s and tracked both commands to within about
 * 0.1 m/s and 0.25 rad/s on average, command changes included; a robot that only stays up
 * (ignoring the commands) scores about 730; one that falls after 2 s scores under 200. An LQR
 * designed from the plant's linearization, reading the true state and tracking the commands,
 * scores about 970 on the nominal robot.
 */
public final class BalancerTask implements RobotTask {

    /** Task id. */
    public static final String ID = "balancer";
    /** |pitch| beyond which the robot has fallen. */
    public static final double PITCH_LIMIT_RAD = 0.6;
    public static final double CONTROL_PERIOD_SECONDS = 0.01;
    /** Operator command limits: the plant draws commands within these. */
    public static final double MAX_CMD_FORWARD_SPEED = 0.5;
    public static final double MAX_CMD_YAW_RATE = 2.0;

    // state indices
    public static final int POSITION = 0;
    public static final int FORWARD_SPEED = 1;
    public static final int PITCH = 2;
    public static final int PITCH_RATE = 3;
    public static final int YAW = 4;
    public static final int YAW_RATE = 5;
    public static final int WHEEL_ANGLE_LEFT = 6;
    public static final int WHEEL_ANGLE_RIGHT = 7;
    public static final int CMD_FORWARD_SPEED = 8;
    public static final int CMD_YAW_RATE = 9;

    // sensor indices
    public static final int GYRO_X = 0;
    public static final int GYRO_Y = 1;
    public static final int GYRO_Z = 2;
    public static final int ACCEL_X = 3;
    public static final int ACCEL_Y = 4;
    public static final int ACCEL_Z = 5;
    public static final int ENCODER_LEFT = 6;
    public static final int ENCODER_RIGHT = 7;
    public static final int BATTERY_VOLTAGE = 8;
    public static final int SENSOR_CMD_FORWARD_SPEED = 9;
    public static final int SENSOR_CMD_YAW_RATE = 10;

    // action indices
    public static final int DUTY_LEFT = 0;
    public static final int DUTY_RIGHT = 1;

    /** MPU-6050 full-scale ranges as configured: +-500 deg/s and +-4 g. */
    public static final double GYRO_RANGE = Math.toRadians(500);
    public static final double ACCEL_RANGE = 4 * 9.80665;

    private static final Layout STATE = Layout.of(
            Channel.unbounded("position", "m"),
            Channel.symmetric("forward_speed", "m/s", 3),
            Channel.symmetric("pitch", "rad", Math.PI / 2),
            Channel.symmetric("pitch_rate", "rad/s", 20),
            Channel.unbounded("yaw", "rad"),
            Channel.symmetric("yaw_rate", "rad/s", 20),
            Channel.unbounded("wheel_angle_left", "rad"),
            Channel.unbounded("wheel_angle_right", "rad"),
            Channel.symmetric("cmd_forward_speed", "m/s", MAX_CMD_FORWARD_SPEED),
            Channel.symmetric("cmd_yaw_rate", "rad/s", MAX_CMD_YAW_RATE));

    private static final Layout SENSORS = Layout.of(
            Channel.symmetric("gyro_x", "rad/s", GYRO_RANGE),
            Channel.symmetric("gyro_y", "rad/s", GYRO_RANGE),
            Channel.symmetric("gyro_z", "rad/s", GYRO_RANGE),
            Channel.symmetric("accel_x", "m/s^2", ACCEL_RANGE),
            Channel.symmetric("accel_y", "m/s^2", ACCEL_RANGE),
            Channel.symmetric("accel_z", "m/s^2", ACCEL_RANGE),
            Channel.unbounded("wheel_angle_left", "rad"),
            Channel.unbounded("wheel_angle_right", "rad"),
            new Channel("battery_voltage", "V", 0, 12.6),
            Channel.symmetric("cmd_forward_speed", "m/s", MAX_CMD_FORWARD_SPEED),
            Channel.symmetric("cmd_yaw_rate", "rad/s", MAX_CMD_YAW_RATE));

    private static final Layout ACTIONS = Layout.of(
            Channel.symmetric("duty_left", "1", 1),
            Channel.symmetric("duty_right", "1", 1));

    private static final Layout FEATURES = Layout.of(
            Channel.symmetric("accel_x", "m/s^2", ACCEL_RANGE),
            Channel.symmetric("accel_z", "m/s^2", ACCEL_RANGE),
            Channel.symmetric("gyro_pitch_rate", "rad/s", GYRO_RANGE),
            Channel.symmetric("gyro_yaw_rate", "rad/s", GYRO_RANGE),
            Channel.symmetric("wheel_speed_left", "rad/s", 60),
            Channel.symmetric("wheel_speed_right", "rad/s", 60),
            new Channel("battery_voltage", "V", 0, 12.6),
            Channel.symmetric("cmd_forward_speed", "m/s", MAX_CMD_FORWARD_SPEED),
            Channel.symmetric("cmd_yaw_rate", "rad/s", MAX_CMD_YAW_RATE));

    /** Commands that end the observation: the longest actuation latency plus sensing delay drawn. */
    public static final int COMMANDS_IN_FLIGHT = 3;

    private static final ObservationSpec OBSERVATION = new ObservationSpec(FEATURES, 4, COMMANDS_IN_FLIGHT);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 3;
    }

    @Override
    public String description() {
        return "Two-wheeled self-balancing Pi robot: stay up, track commanded forward speed and yaw rate";
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
        return 1000;
    }

    /** A single reading has no previous one to difference: wheel speeds read zero. */
    @Override
    public void features(double[] sensors, int sensorsOffset, float[] out, int outOffset) {
        features(sensors, sensorsOffset, sensors, sensorsOffset, out, outOffset);
    }

    @Override
    public void features(double[] s, int so, double[] previous, int po, float[] out, int oo) {
        out[oo] = (float) s[so + ACCEL_X];
        out[oo + 1] = (float) s[so + ACCEL_Z];
        out[oo + 2] = (float) s[so + GYRO_Y];
        out[oo + 3] = (float) s[so + GYRO_Z];
        out[oo + 4] = (float) ((s[so + ENCODER_LEFT] - previous[po + ENCODER_LEFT]) / CONTROL_PERIOD_SECONDS);
        out[oo + 5] = (float) ((s[so + ENCODER_RIGHT] - previous[po + ENCODER_RIGHT]) / CONTROL_PERIOD_SECONDS);
        out[oo + 6] = (float) s[so + BATTERY_VOLTAGE];
        out[oo + 7] = (float) s[so + SENSOR_CMD_FORWARD_SPEED];
        out[oo + 8] = (float) s[so + SENSOR_CMD_YAW_RATE];
    }

    @Override
    public double reward(double[] before, int bo, double[] action, int ao, double[] after, int o) {
        // Judged against the command in force during the step: the plant may change it at the step's end.
        return rewardOf(after[o + FORWARD_SPEED] - before[bo + CMD_FORWARD_SPEED],
                after[o + YAW_RATE] - before[bo + CMD_YAW_RATE], after[o + PITCH],
                action[ao + DUTY_LEFT], action[ao + DUTY_RIGHT]);
    }

    /**
     * The reward's terms from their inputs, whoever measured them: the true state here, the
     * robot's estimate in {@link dev.sim2pi.models.estimate.BalancerEstimatedReward}.
     */
    public static double rewardOf(double speedError, double yawError, double pitch, double dutyLeft,
                                  double dutyRight) {
        double dl = clampUnit(dutyLeft);
        double dr = clampUnit(dutyRight);
        return 0.4
                + 0.3 * Math.exp(-(speedError * speedError) / 0.04)
                + 0.3 * Math.exp(-(yawError * yawError) / 0.25)
                - 0.5 * pitch * pitch
                - 0.1 * (dl * dl + dr * dr);
    }

    /** Non-finite commands count as the worst effort, so they never look cheap. */
    private static double clampUnit(double v) {
        return Double.isNaN(v) ? 1 : Math.max(-1, Math.min(1, v));
    }

    /** Reward and termination on the state estimate from the robot's own readings. */
    @Override
    public java.util.Optional<dev.sim2pi.models.estimate.EstimatedReward> estimatedReward() {
        return java.util.Optional.of(ESTIMATED);
    }

    private static final dev.sim2pi.models.estimate.EstimatedReward ESTIMATED =
            new dev.sim2pi.models.estimate.BalancerEstimatedReward();

    @Override
    public boolean terminated(double[] state, int offset) {
        double pitch = state[offset + PITCH];
        return !(Math.abs(pitch) <= PITCH_LIMIT_RAD);
    }
}
