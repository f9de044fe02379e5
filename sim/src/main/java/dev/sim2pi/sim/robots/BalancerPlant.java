package dev.sim2pi.sim.robots;

import static dev.sim2pi.models.tasks.BalancerTask.CMD_FORWARD_SPEED;
import static dev.sim2pi.models.tasks.BalancerTask.CMD_YAW_RATE;
import static dev.sim2pi.models.tasks.BalancerTask.FORWARD_SPEED;
import static dev.sim2pi.models.tasks.BalancerTask.PITCH;
import static dev.sim2pi.models.tasks.BalancerTask.PITCH_RATE;
import static dev.sim2pi.models.tasks.BalancerTask.POSITION;
import static dev.sim2pi.models.tasks.BalancerTask.WHEEL_ANGLE_LEFT;
import static dev.sim2pi.models.tasks.BalancerTask.WHEEL_ANGLE_RIGHT;
import static dev.sim2pi.models.tasks.BalancerTask.YAW;
import static dev.sim2pi.models.tasks.BalancerTask.YAW_RATE;
import static dev.sim2pi.sim.robots.BalancerParameters.*;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.config.RandomizationConfig;
import dev.sim2pi.sim.motor.DcMotor;
import dev.sim2pi.sim.motor.FastMath;
import java.nio.file.Path;

/**
 * The training physics of the {@code balancer}: a two-wheeled inverted pendulum (body pitch,
 * forward motion, yaw) driven by two {@link DcMotor} gear motors from a sagging battery, seen
 * through an MPU-6050-class IMU with noise, bias and bias drift, quantized encoders and a battery
 * voltage reading. Integrated with semi-implicit Euler at {@value #SUBSTEPS} substeps per 10 ms
 * control period (2 ms), well inside the stability limit of the stiffest mode (back-EMF damping of
 * the wheel relative to the body, about 25 1/s nominal). Against a 50 us reference the pitch
 * error on a saturated recovery from 0.1 rad peaks at 3.6 mrad (first order: 1.8 mrad at 1 ms),
 * small beside the randomized spread of the model itself; the choice buys throughput.
 *
 * <p>Equations (Lagrange, no wheel slip; x forward, pitch p, yaw psi; tau the summed output
 * torques the motors put on the wheels and, reacting, on the body):
 * <pre>
 *   Mxx x'' + Mxp(p) p'' = M l sin(p) p'^2 + tau / r
 *   Mxp(p) x'' + Mpp p'' = M g l sin(p) - tau
 *   Iyaw psi'' = d / (2 r) (tau_right - tau_left)
 * </pre>
 * with {@code Mxx = M + 2 mw + 2 (Jw + N^2 Jr) / r^2}, {@code Mxp(p) = M l cos(p) - 2 N^2 Jr / r},
 * {@code Mpp = Jb + M l^2 + 2 N^2 Jr} and {@code Iyaw = Jyaw + d^2 / 2 (mw + (Jw + N^2 Jr) / r^2)}:
 * the rotors' reflected inertia {@code N^2 Jr} turns with the wheels relative to the body.
 *
 * <p>Pitch stays within {@code +-}{@value #GROUND_PITCH} rad (the body rests on its bumper there),
 * so the polynomial {@link FastMath#sin}/{@link FastMath#cos} serve; noise is
 * {@link FastMath#noise}.
 *
 * <p>Simulation state: the task state, then hidden {@code gyro_drift_x/y/z} (rad/s, random walk
 * added to the per-episode bias), {@code battery_current} (A, lagged one substep for the sag),
 * {@code forward_accel} (m/s^2) and {@code pitch_accel} (rad/s^2) of the last substep for the
 * accelerometer.
 */
public final class BalancerPlant implements Plant {

    /** Semi-implicit Euler substeps per control period. */
    public static final int SUBSTEPS = 5;
    public static final int GYRO_DRIFT_X = 10;
    public static final int GYRO_DRIFT_Y = 11;
    public static final int GYRO_DRIFT_Z = 12;
    public static final int BATTERY_CURRENT = 13;
    public static final int FORWARD_ACCEL = 14;
    public static final int PITCH_ACCEL = 15;
    public static final int SIM_STATE_SIZE = 16;

    static final double GRAVITY = 9.80665;
    /**
     * Coulomb friction ramps in within this relative wheel speed (rad/s): wide enough that the ramp's
     * slope over the lightest randomized rotor stays well inside the explicit step's stability limit.
     */
    static final double FRICTION_SMOOTHING_SPEED = 0.2;
    /** The body rests on its bumper at this pitch. */
    static final double GROUND_PITCH = 1.4;

    private static final String RESOURCE = "randomization/balancer.json";
    private static final ParameterSpace SHIPPED = RandomizationConfig.loadResource(RESOURCE, SCHEMA);

    private final BalancerTask task = new BalancerTask();
    private final ParameterSpace parameters;

    /** The plant with the shipped randomization ranges. */
    public BalancerPlant() {
        this(SHIPPED);
    }

    /** The plant with the given ranges (loaded with {@link #rangesFrom(Path)} or derived from them). */
    public BalancerPlant(ParameterSpace parameters) {
        if (!parameters.names().equals(SCHEMA.names())) {
            throw new IllegalArgumentException("balancer parameters must be " + SCHEMA.names() + ", got "
                    + parameters.names());
        }
        this.parameters = parameters;
    }

    /** The shipped randomization ranges. */
    public static ParameterSpace shippedRanges() {
        return SHIPPED;
    }

    /** Ranges from a user's randomization config file; bad files raise InputException. */
    public static ParameterSpace rangesFrom(Path file) {
        return RandomizationConfig.load(file, SCHEMA);
    }

    @Override
    public BalancerTask task() {
        return task;
    }

    @Override
    public ParameterSpace parameters() {
        return parameters;
    }

    @Override
    public int simStateSize() {
        return SIM_STATE_SIZE;
    }

    @Override
    public void reset(Rng rng, double[] p, int po, double[] s, int so) {
        java.util.Arrays.fill(s, so, so + SIM_STATE_SIZE, 0.0);
        resetMotion(rng, p, po, s, so);
    }

    /** Draws the start of an episode into the task state: released by hand near upright, commands drawn. */
    static void resetMotion(Rng rng, double[] p, int po, double[] s, int so) {
        double pitchMax = p[po + INITIAL_PITCH_MAX];
        s[so + PITCH] = rng.uniform(-pitchMax, pitchMax);
        s[so + PITCH_RATE] = rng.uniform(-0.2, 0.2);
        s[so + FORWARD_SPEED] = rng.uniform(-0.05, 0.05);
        drawCommands(rng, p, po, s, so);
    }

    static void drawCommands(Rng rng, double[] p, int po, double[] s, int so) {
        double v = p[po + COMMAND_SPEED_MAX];
        double w = p[po + COMMAND_YAW_RATE_MAX];
        s[so + CMD_FORWARD_SPEED] = rng.uniform(-v, v);
        s[so + CMD_YAW_RATE] = rng.uniform(-w, w);
    }

    @Override
    public void step(double[] p, int po, double[] s, int so, double[] action, int ao, Rng rng) {
        double steps = p[po + PWM_STEPS];
        double deadband = p[po + PWM_DEADBAND];
        integrate(p, po, s, so,
                DcMotor.effectiveDuty(action[ao + BalancerTask.DUTY_LEFT], steps, deadband),
                DcMotor.effectiveDuty(action[ao + BalancerTask.DUTY_RIGHT], steps, deadband),
                SUBSTEPS);
        driftAndCommands(p, po, s, so, rng);
    }

    /** Once per period: the gyro bias drift takes a random-walk step; the operator may change the command. */
    static void driftAndCommands(double[] p, int po, double[] s, int so, Rng rng) {
        double dt = BalancerTask.CONTROL_PERIOD_SECONDS;
        double walk = p[po + GYRO_BIAS_DRIFT] * Math.sqrt(dt);
        s[so + GYRO_DRIFT_X] += walk * FastMath.noise(rng);
        s[so + GYRO_DRIFT_Y] += walk * FastMath.noise(rng);
        s[so + GYRO_DRIFT_Z] += walk * FastMath.noise(rng);
        if (rng.nextDouble() < p[po + COMMAND_RESAMPLE_RATE] * dt) {
            drawCommands(rng, p, po, s, so);
        }
    }

    /**
     * Advances the mechanics by one control period with the given effective duties (after PWM
     * quantization and dead band), in {@code substeps} equal steps.
     */
    static void integrate(double[] p, int po, double[] s, int so, double dutyLeft, double dutyRight, int substeps) {
        double h = BalancerTask.CONTROL_PERIOD_SECONDS / substeps;
        double mass = p[po + BODY_MASS];
        double l = p[po + BODY_COM_HEIGHT];
        double r = p[po + WHEEL_RADIUS];
        double halfTrack = 0.5 * p[po + TRACK_WIDTH];
        double n = p[po + GEAR_RATIO];
        double jrn2 = p[po + MOTOR_ROTOR_INERTIA] * n * n;
        double wheelMass = p[po + WHEEL_MASS];
        double wheelSpin = p[po + WHEEL_INERTIA] + jrn2;
        double mxx = mass + 2 * wheelMass + 2 * wheelSpin / (r * r);
        double ml = mass * l;
        double mpp = p[po + BODY_PITCH_INERTIA] + ml * l + 2 * jrn2;
        double coupling = 2 * jrn2 / r;
        double iyaw = p[po + BODY_YAW_INERTIA] + 2 * halfTrack * halfTrack * (wheelMass + wheelSpin / (r * r));
        double yawGain = halfTrack / (r * iyaw);
        double invR = 1 / r;
        double mgl = ml * GRAVITY;
        double ke = p[po + MOTOR_BACK_EMF_CONSTANT];
        double resistance = p[po + MOTOR_RESISTANCE];
        double limit = p[po + CURRENT_LIMIT];
        double torquePerAmp = p[po + MOTOR_TORQUE_CONSTANT] * n * p[po + GEAR_EFFICIENCY];
        double viscous = p[po + GEAR_VISCOUS_FRICTION];
        double coulomb = p[po + GEAR_COULOMB_FRICTION];
        double vOpen = p[po + BATTERY_VOLTAGE];
        double rBattery = p[po + BATTERY_RESISTANCE];

        double v = s[so + FORWARD_SPEED];
        double pitch = s[so + PITCH];
        double pitchRate = s[so + PITCH_RATE];
        double yawRate = s[so + YAW_RATE];
        double batteryCurrent = s[so + BATTERY_CURRENT];
        double position = s[so + POSITION];
        double yaw = s[so + YAW];
        double wheelLeft = s[so + WHEEL_ANGLE_LEFT];
        double wheelRight = s[so + WHEEL_ANGLE_RIGHT];
        double xAcc = 0;
        double pAcc = 0;
        for (int k = 0; k < substeps; k++) {
            double vBus = vOpen - rBattery * batteryCurrent;
            double wLeft = (v - halfTrack * yawRate) * invR - pitchRate;
            double wRight = (v + halfTrack * yawRate) * invR - pitchRate;
            double iLeft = DcMotor.current(dutyLeft * vBus, wLeft, n, ke, resistance, limit);
            double iRight = DcMotor.current(dutyRight * vBus, wRight, n, ke, resistance, limit);
            batteryCurrent = dutyLeft * iLeft + dutyRight * iRight;
            double tLeft = iLeft * torquePerAmp - DcMotor.friction(wLeft, viscous, coulomb, FRICTION_SMOOTHING_SPEED);
            double tRight = iRight * torquePerAmp - DcMotor.friction(wRight, viscous, coulomb, FRICTION_SMOOTHING_SPEED);
            double tau = tLeft + tRight;
            double sin = FastMath.sin(pitch);
            double cos = FastMath.cos(pitch);
            double mxp = ml * cos - coupling;
            double fx = ml * sin * pitchRate * pitchRate + tau * invR;
            double fp = mgl * sin - tau;
            double invDet = 1 / (mxx * mpp - mxp * mxp);
            xAcc = (mpp * fx - mxp * fp) * invDet;
            pAcc = (mxx * fp - mxp * fx) * invDet;
            v += xAcc * h;
            pitchRate += pAcc * h;
            yawRate += yawGain * (tRight - tLeft) * h;
            pitch += pitchRate * h;
            if (Math.abs(pitch) > GROUND_PITCH) {
                pitch = Math.copySign(GROUND_PITCH, pitch);
                pitchRate = 0;
            }
            position += v * h;
            yaw += yawRate * h;
            wheelLeft += ((v - halfTrack * yawRate) * invR - pitchRate) * h;
            wheelRight += ((v + halfTrack * yawRate) * invR - pitchRate) * h;
        }
        s[so + POSITION] = position;
        s[so + YAW] = yaw;
        s[so + WHEEL_ANGLE_LEFT] = wheelLeft;
        s[so + WHEEL_ANGLE_RIGHT] = wheelRight;
        s[so + FORWARD_SPEED] = v;
        s[so + PITCH] = pitch;
        s[so + PITCH_RATE] = pitchRate;
        s[so + YAW_RATE] = yawRate;
        s[so + BATTERY_CURRENT] = batteryCurrent;
        s[so + FORWARD_ACCEL] = xAcc;
        s[so + PITCH_ACCEL] = pAcc;
    }

    @Override
    public void sense(double[] p, int po, double[] s, int so, Rng rng, double[] out, int oo) {
        BalancerSensors.read(p, po, s, so,
                s[so + GYRO_DRIFT_X], s[so + GYRO_DRIFT_Y], s[so + GYRO_DRIFT_Z], rng, out, oo);
    }
}
