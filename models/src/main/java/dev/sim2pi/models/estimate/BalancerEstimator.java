package dev.sim2pi.models.estimate;

import static dev.sim2pi.models.tasks.BalancerTask.ACCEL_X;
import static dev.sim2pi.models.tasks.BalancerTask.ACCEL_Y;
import static dev.sim2pi.models.tasks.BalancerTask.ACCEL_Z;
import static dev.sim2pi.models.tasks.BalancerTask.CONTROL_PERIOD_SECONDS;
import static dev.sim2pi.models.tasks.BalancerTask.ENCODER_LEFT;
import static dev.sim2pi.models.tasks.BalancerTask.ENCODER_RIGHT;
import static dev.sim2pi.models.tasks.BalancerTask.GYRO_Y;
import static dev.sim2pi.models.tasks.BalancerTask.GYRO_Z;
import static dev.sim2pi.models.tasks.BalancerTask.SENSOR_CMD_FORWARD_SPEED;
import static dev.sim2pi.models.tasks.BalancerTask.SENSOR_CMD_YAW_RATE;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.tasks.BalancerTask;

/**
 * The {@code balancer}'s state from its raw readings. Pitch comes from a complementary filter:
 * the gyro's pitch rate integrated over the period, pulled towards the accelerometer's tilt
 * {@code atan2(-accel_x, accel_z)} with time constant {@code pitchTimeConstantSeconds} (the gyro
 * wins over shorter times, where the accelerometer sees the body's own acceleration; the
 * accelerometer wins over longer ones, where gyro bias would drift the integral: a bias b leaves
 * a pitch error of about {@code b * tau}). A reading whose acceleration magnitude is far from
 * {@code g} (a failed I2C read that reads zero, a knock) is not trusted for tilt. The accelerometer
 * also feels the robot's forward acceleration, which it takes for tilt: a robot leaning into a
 * fall while its wheels chase it read 0.3 rad for a true 0.6. So the acceleration, the change of
 * the encoders' forward speed over {@value #ACCEL_WINDOW} periods, is taken out of the reading
 * first. Wheel speeds
 * over ground are the encoder angles' change over the period (relative to the body) plus the
 * body's pitch rate; forward speed is their mean times the wheel radius; yaw rate is the gyro's.
 *
 * <p>Estimate layout: {@code pitch, pitch_rate, forward_speed, yaw_rate, cmd_forward_speed,
 * cmd_yaw_rate, wheel_speed_left, wheel_speed_right}. One instance per robot; allocation-free.
 */
public final class BalancerEstimator implements StateEstimator {

    public static final int PITCH = 0;
    public static final int PITCH_RATE = 1;
    public static final int FORWARD_SPEED = 2;
    public static final int YAW_RATE = 3;
    public static final int CMD_FORWARD_SPEED = 4;
    public static final int CMD_YAW_RATE = 5;
    public static final int WHEEL_SPEED_LEFT = 6;
    public static final int WHEEL_SPEED_RIGHT = 7;

    /** Wheel radius of the nominal robot (m); a robot's calibration gives its own. */
    public static final double NOMINAL_WHEEL_RADIUS_METERS = 0.034;
    /** Height of the IMU above the axle on the nominal robot (m): it feels the body's turning too. */
    public static final double NOMINAL_IMU_HEIGHT_METERS = 0.06;
    /** Complementary filter time constant (s): gyro bias of 0.02 rad/s costs at most 10 mrad. */
    public static final double DEFAULT_PITCH_TIME_CONSTANT_SECONDS = 0.5;
    /** Readings whose acceleration differs from g by more than this fraction carry no tilt. */
    static final double TRUSTED_ACCEL_FRACTION = 0.3;
    private static final double G = 9.80665;

    static final Layout LAYOUT = Layout.of(
            Channel.symmetric("pitch", "rad", Math.PI / 2),
            Channel.symmetric("pitch_rate", "rad/s", BalancerTask.GYRO_RANGE),
            Channel.symmetric("forward_speed", "m/s", 3),
            Channel.symmetric("yaw_rate", "rad/s", BalancerTask.GYRO_RANGE),
            Channel.symmetric("cmd_forward_speed", "m/s", BalancerTask.MAX_CMD_FORWARD_SPEED),
            Channel.symmetric("cmd_yaw_rate", "rad/s", BalancerTask.MAX_CMD_YAW_RATE),
            Channel.symmetric("wheel_speed_left", "rad/s", 100),
            Channel.symmetric("wheel_speed_right", "rad/s", 100));

    /** Periods the forward acceleration is differenced over: one period's encoder quantization would swamp it. */
    static final int ACCEL_WINDOW = 2;

    private final double wheelRadius;
    /** The last forward speeds, a ring of {@link #ACCEL_WINDOW} + 1 with the newest at {@link #speedHead}. */
    private final double[] speeds = new double[ACCEL_WINDOW + 1];
    private int speedHead;
    private double lastRate;
    private final double gyroWeight;
    private double pitch;
    private double encoderLeft;
    private double encoderRight;

    /**
     * @param wheelRadiusMeters        the robot's wheel radius
     * @param pitchTimeConstantSeconds how long the gyro is trusted over the accelerometer
     */
    public BalancerEstimator(double wheelRadiusMeters, double pitchTimeConstantSeconds) {
        if (!(wheelRadiusMeters > 0) || !(pitchTimeConstantSeconds > 0)) {
            throw new IllegalArgumentException("wheel radius and time constant must be > 0, got "
                    + wheelRadiusMeters + ", " + pitchTimeConstantSeconds);
        }
        this.wheelRadius = wheelRadiusMeters;
        this.gyroWeight = pitchTimeConstantSeconds / (pitchTimeConstantSeconds + CONTROL_PERIOD_SECONDS);
    }

    /** The nominal robot's wheel radius and the default time constant. */
    public BalancerEstimator() {
        this(NOMINAL_WHEEL_RADIUS_METERS, DEFAULT_PITCH_TIME_CONSTANT_SECONDS);
    }

    @Override
    public Layout layout() {
        return LAYOUT;
    }

    @Override
    public void reset(double[] s, int so, double[] out, int oo) {
        lastRate = s[so + GYRO_Y];
        // Nothing else tells the tilt at the start: an untrusted reading is still the best guess (a robot
        // lying on its bumper while the wheels spin reads far from g but clearly not upright).
        pitch = Math.atan2(-s[so + ACCEL_X], s[so + ACCEL_Z]);
        encoderLeft = s[so + ENCODER_LEFT];
        encoderRight = s[so + ENCODER_RIGHT];
        write(s, so, 0, 0, out, oo);
        java.util.Arrays.fill(speeds, out[oo + FORWARD_SPEED]);
        speedHead = 0;
    }

    @Override
    public void update(double[] s, int so, double[] out, int oo) {
        double rate = s[so + GYRO_Y];
        double left = (s[so + ENCODER_LEFT] - encoderLeft) / CONTROL_PERIOD_SECONDS;
        double right = (s[so + ENCODER_RIGHT] - encoderRight) / CONTROL_PERIOD_SECONDS;
        encoderLeft = s[so + ENCODER_LEFT];
        encoderRight = s[so + ENCODER_RIGHT];
        double speed = 0.5 * (left + right + 2 * rate) * wheelRadius;
        int oldest = speedHead + 1 == speeds.length ? 0 : speedHead + 1;
        double acceleration = (speed - speeds[oldest]) / (ACCEL_WINDOW * CONTROL_PERIOD_SECONDS);
        speeds[oldest] = speed;
        speedHead = oldest;
        double predicted = pitch + rate * CONTROL_PERIOD_SECONDS;
        double pitchAcceleration = (rate - lastRate) / CONTROL_PERIOD_SECONDS;
        lastRate = rate;
        double tilt = accelTilt(s, so, acceleration, pitchAcceleration, rate);
        pitch = Double.isNaN(tilt) ? predicted : gyroWeight * predicted + (1 - gyroWeight) * tilt;
        write(s, so, left, right, out, oo);
    }

    private void write(double[] s, int so, double relativeLeft, double relativeRight, double[] out, int oo) {
        double rate = s[so + GYRO_Y];
        double left = relativeLeft + rate;
        double right = relativeRight + rate;
        out[oo + PITCH] = pitch;
        out[oo + PITCH_RATE] = rate;
        out[oo + FORWARD_SPEED] = 0.5 * (left + right) * wheelRadius;
        out[oo + YAW_RATE] = s[so + GYRO_Z];
        out[oo + CMD_FORWARD_SPEED] = s[so + SENSOR_CMD_FORWARD_SPEED];
        out[oo + CMD_YAW_RATE] = s[so + SENSOR_CMD_YAW_RATE];
        out[oo + WHEEL_SPEED_LEFT] = left;
        out[oo + WHEEL_SPEED_RIGHT] = right;
    }

    /**
     * The accelerometer's tilt once the body's own motion is taken out, or NaN when the reading is no
     * measure of gravity. The IMU's turning about the axle (tangential {@code h p''}, centripetal
     * {@code h p'^2}) is in body axes and is subtracted there; the forward acceleration {@code a}
     * tilts the specific force in world axes by {@code atan2(a, g)}, added back to the body angle.
     */
    private static double accelTilt(double[] s, int so, double a, double pitchAcceleration, double rate) {
        double ax = s[so + ACCEL_X] - NOMINAL_IMU_HEIGHT_METERS * pitchAcceleration;
        double ay = s[so + ACCEL_Y];
        double az = s[so + ACCEL_Z] + NOMINAL_IMU_HEIGHT_METERS * rate * rate;
        double norm = Math.sqrt(ax * ax + ay * ay + az * az);
        if (!(Math.abs(norm - G) <= TRUSTED_ACCEL_FRACTION * G + Math.abs(a))) {
            return Double.NaN;
        }
        return Math.atan2(-ax, az) + Math.atan2(a, G);
    }
}
