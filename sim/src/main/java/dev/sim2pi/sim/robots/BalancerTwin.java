package dev.sim2pi.sim.robots;

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
import dev.sim2pi.sim.config.ParameterSchema;
import dev.sim2pi.sim.config.TwinParameters;
import dev.sim2pi.sim.motor.DcMotor;
import dev.sim2pi.sim.motor.GearPlay;
import java.nio.file.Path;

/**
 * The {@code balancer}'s reality twin: the stand-in for the physical robot. Its parameters come
 * from a twin file the trainer never reads (the randomization config's names and units plus the
 * effects below), and it adds what {@link BalancerPlant} leaves out:
 * <ul>
 *   <li>gear backlash: each rotor (with its reflected inertia) is a separate body joined to its
 *       wheel by a stiff damped mesh with {@code backlash} rad of free play at the output;</li>
 *   <li>stiction: a rotor at rest stays at rest until the net torque on it exceeds
 *       {@code static_friction};</li>
 *   <li>latency jitter: each new command reaches the motors a random {@code [0, latency_jitter]}
 *       seconds into the period, the previous one holding until then;</li>
 *   <li>IMU dropouts: with probability {@code imu_dropout_probability} per reading the I2C read
 *       fails and the IMU channels hold the previous reading ({@code dropout_zeroes = 0}) or read
 *       zero ({@code 1}); dropouts are counted in the state ({@link #dropouts});</li>
 *   <li>motor asymmetry: the left motor's torque and back-EMF constants are scaled by
 *       {@code 1 + motor_asymmetry}, the right's by {@code 1 - motor_asymmetry} (as a weaker magnet
 *       does: more torque per ampere but a lower no-load speed), so equal duties yaw.</li>
 * </ul>
 * It integrates at {@value #SUBSTEPS} substeps per period (0.25 ms). Readings are taken at the end
 * of each step (where the dropout is decided) and {@link #sense} returns that reading.
 */
public final class BalancerTwin implements Plant {

    /** Substeps per 10 ms control period. */
    public static final int SUBSTEPS = 40;

    /** The twin's parameters: the training schema, then the added effects. */
    public static final ParameterSchema SCHEMA = ParameterSchema.extending(BalancerParameters.SCHEMA);
    public static final int BACKLASH = SCHEMA.add("backlash", "rad");
    public static final int GEAR_STIFFNESS = SCHEMA.add("gear_stiffness", "N*m/rad");
    public static final int STATIC_FRICTION = SCHEMA.add("static_friction", "N*m");
    public static final int LATENCY_JITTER = SCHEMA.add("latency_jitter", "s");
    public static final int IMU_DROPOUT_PROBABILITY = SCHEMA.add("imu_dropout_probability", "1");
    public static final int DROPOUT_ZEROES = SCHEMA.add("dropout_zeroes", "1");
    public static final int MOTOR_ASYMMETRY = SCHEMA.add("motor_asymmetry", "1");

    // Hidden state after the training plant's (same indices up to PITCH_ACCEL).
    public static final int MOTOR_ANGLE_LEFT = 16;
    public static final int MOTOR_ANGLE_RIGHT = 17;
    public static final int MOTOR_SPEED_LEFT = 18;
    public static final int MOTOR_SPEED_RIGHT = 19;
    public static final int APPLIED_DUTY_LEFT = 20;
    public static final int APPLIED_DUTY_RIGHT = 21;
    public static final int DROPOUTS = 22;
    public static final int DELIVERED = 23;
    private static final int FRESH = DELIVERED + 11;
    public static final int SIM_STATE_SIZE = FRESH + 11;

    /** Damping ratio of the gear mesh in contact. */
    static final double MESH_DAMPING_RATIO = 0.3;
    /** A rotor slower than this (rad/s at the output) counts as at rest for stiction. */
    static final double STICK_SPEED = 1e-3;
    private static final int IMU_CHANNELS = 6;

    private final BalancerTask task = new BalancerTask();
    private final ParameterSpace parameters;

    private BalancerTwin(ParameterSpace parameters) {
        this.parameters = parameters;
    }

    /** The twin described by a twin file ({@code --twin-params}); bad files raise InputException. */
    public static BalancerTwin load(Path file) {
        return new BalancerTwin(TwinParameters.load(file, SCHEMA, BalancerPlant.shippedRanges()));
    }

    /** The example twin shipped with sim2pi ({@code twin/balancer-twin.json}). */
    public static BalancerTwin shipped() {
        return new BalancerTwin(TwinParameters.loadResource("twin/balancer-twin.json", SCHEMA,
                BalancerPlant.shippedRanges()));
    }

    /** A twin with these exact parameter values (twin schema order), for tests and system identification. */
    public static BalancerTwin of(double[] values) {
        return new BalancerTwin(SCHEMA.fixed(values));
    }

    /** IMU dropouts counted since the episode's reset. */
    public static long dropouts(double[] state, int offset) {
        return (long) state[offset + DROPOUTS];
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
        BalancerPlant.resetMotion(rng, p, po, s, so);
        double r = p[po + WHEEL_RADIUS];
        double relative = s[so + FORWARD_SPEED] / r - s[so + PITCH_RATE];
        s[so + MOTOR_SPEED_LEFT] = relative;
        s[so + MOTOR_SPEED_RIGHT] = relative;
        BalancerSensors.read(p, po, s, so, s[so + BalancerPlant.GYRO_DRIFT_X], s[so + BalancerPlant.GYRO_DRIFT_Y],
                s[so + BalancerPlant.GYRO_DRIFT_Z], rng, s, so + DELIVERED);
    }

    /** From a recorded task state: the rotors sit on their wheels, the first reading is noise-seeded by 0. */
    @Override
    public void load(double[] p, int po, double[] taskState, int to, double[] s, int so) {
        java.util.Arrays.fill(s, so, so + SIM_STATE_SIZE, 0.0);
        System.arraycopy(taskState, to, s, so, task.state().size());
        double relative = s[so + FORWARD_SPEED] / p[po + WHEEL_RADIUS] - s[so + PITCH_RATE];
        double turn = 0.5 * p[po + TRACK_WIDTH] * s[so + YAW_RATE] / p[po + WHEEL_RADIUS];
        s[so + MOTOR_ANGLE_LEFT] = s[so + WHEEL_ANGLE_LEFT];
        s[so + MOTOR_ANGLE_RIGHT] = s[so + WHEEL_ANGLE_RIGHT];
        s[so + MOTOR_SPEED_LEFT] = relative - turn;
        s[so + MOTOR_SPEED_RIGHT] = relative + turn;
        BalancerSensors.read(p, po, s, so, 0, 0, 0, new Rng(0), s, so + DELIVERED);
    }

    @Override
    public void step(double[] p, int po, double[] s, int so, double[] action, int ao, Rng rng) {
        double steps = p[po + PWM_STEPS];
        double deadband = p[po + PWM_DEADBAND];
        double dutyLeft = DcMotor.effectiveDuty(action[ao + BalancerTask.DUTY_LEFT], steps, deadband);
        double dutyRight = DcMotor.effectiveDuty(action[ao + BalancerTask.DUTY_RIGHT], steps, deadband);
        double h = BalancerTask.CONTROL_PERIOD_SECONDS / SUBSTEPS;
        double jitter = p[po + LATENCY_JITTER] > 0 ? rng.uniform(0, p[po + LATENCY_JITTER]) : 0;
        int switchAt = (int) Math.ceil(jitter / h - 1e-9);
        integrate(p, po, s, so, dutyLeft, dutyRight, switchAt, h);
        s[so + APPLIED_DUTY_LEFT] = dutyLeft;
        s[so + APPLIED_DUTY_RIGHT] = dutyRight;
        BalancerPlant.driftAndCommands(p, po, s, so, rng);
        takeReading(p, po, s, so, rng);
    }

    private static void integrate(double[] p, int po, double[] s, int so, double dutyLeft, double dutyRight,
                                  int switchAt, double h) {
        double mass = p[po + BODY_MASS];
        double l = p[po + BODY_COM_HEIGHT];
        double r = p[po + WHEEL_RADIUS];
        double halfTrack = 0.5 * p[po + TRACK_WIDTH];
        double n = p[po + GEAR_RATIO];
        double rotor = p[po + MOTOR_ROTOR_INERTIA] * n * n;
        double wheelMass = p[po + WHEEL_MASS];
        double wheelSpin = p[po + WHEEL_INERTIA];
        double mxx = mass + 2 * wheelMass + 2 * wheelSpin / (r * r);
        double ml = mass * l;
        double mpp = p[po + BODY_PITCH_INERTIA] + ml * l;
        double iyaw = p[po + BODY_YAW_INERTIA] + 2 * halfTrack * halfTrack * (wheelMass + wheelSpin / (r * r));
        double yawGain = halfTrack / (r * iyaw);
        double mgl = ml * BalancerPlant.GRAVITY;
        double asymmetry = p[po + MOTOR_ASYMMETRY];
        double keLeft = p[po + MOTOR_BACK_EMF_CONSTANT] * (1 + asymmetry);
        double keRight = p[po + MOTOR_BACK_EMF_CONSTANT] * (1 - asymmetry);
        double torquePerAmp = p[po + MOTOR_TORQUE_CONSTANT] * n * p[po + GEAR_EFFICIENCY];
        double tpaLeft = torquePerAmp * (1 + asymmetry);
        double tpaRight = torquePerAmp * (1 - asymmetry);
        double resistance = p[po + MOTOR_RESISTANCE];
        double limit = p[po + CURRENT_LIMIT];
        double viscous = p[po + GEAR_VISCOUS_FRICTION];
        double coulomb = p[po + GEAR_COULOMB_FRICTION];
        double breakaway = Math.max(p[po + STATIC_FRICTION], coulomb);
        double backlash = p[po + BACKLASH];
        double stiffness = p[po + GEAR_STIFFNESS];
        double meshDamping = 2 * MESH_DAMPING_RATIO * Math.sqrt(stiffness * rotor);
        double vOpen = p[po + BalancerParameters.BATTERY_VOLTAGE];
        double rBattery = p[po + BATTERY_RESISTANCE];

        double v = s[so + FORWARD_SPEED];
        double pitch = s[so + PITCH];
        double pitchRate = s[so + PITCH_RATE];
        double yawRate = s[so + YAW_RATE];
        double batteryCurrent = s[so + BalancerPlant.BATTERY_CURRENT];
        double motorLeft = s[so + MOTOR_ANGLE_LEFT];
        double motorRight = s[so + MOTOR_ANGLE_RIGHT];
        double speedLeft = s[so + MOTOR_SPEED_LEFT];
        double speedRight = s[so + MOTOR_SPEED_RIGHT];
        double xAcc = 0;
        double pAcc = 0;
        for (int k = 0; k < SUBSTEPS; k++) {
            double dl = k < switchAt ? s[so + APPLIED_DUTY_LEFT] : dutyLeft;
            double dr = k < switchAt ? s[so + APPLIED_DUTY_RIGHT] : dutyRight;
            double vBus = vOpen - rBattery * batteryCurrent;
            double wheelLeft = (v - halfTrack * yawRate) / r - pitchRate;
            double wheelRight = (v + halfTrack * yawRate) / r - pitchRate;
            double iLeft = DcMotor.current(dl * vBus, speedLeft, n, keLeft, resistance, limit);
            double iRight = DcMotor.current(dr * vBus, speedRight, n, keRight, resistance, limit);
            batteryCurrent = dl * iLeft + dr * iRight;
            double meshLeft = GearPlay.meshTorque(motorLeft, s[so + WHEEL_ANGLE_LEFT], speedLeft, wheelLeft,
                    backlash, stiffness, meshDamping);
            double meshRight = GearPlay.meshTorque(motorRight, s[so + WHEEL_ANGLE_RIGHT], speedRight, wheelRight,
                    backlash, stiffness, meshDamping);
            speedLeft = GearPlay.speedAfter(speedLeft, iLeft * tpaLeft - meshLeft, rotor, viscous, coulomb,
                    breakaway, STICK_SPEED, h);
            speedRight = GearPlay.speedAfter(speedRight, iRight * tpaRight - meshRight, rotor, viscous, coulomb,
                    breakaway, STICK_SPEED, h);
            double tau = meshLeft + meshRight;
            double sin = Math.sin(pitch);
            double cos = Math.cos(pitch);
            double mxp = ml * cos;
            double fx = ml * sin * pitchRate * pitchRate + tau / r;
            double fp = mgl * sin - tau;
            double invDet = 1 / (mxx * mpp - mxp * mxp);
            xAcc = (mpp * fx - mxp * fp) * invDet;
            pAcc = (mxx * fp - mxp * fx) * invDet;
            v += xAcc * h;
            pitchRate += pAcc * h;
            yawRate += yawGain * (meshRight - meshLeft) * h;
            pitch += pitchRate * h;
            if (Math.abs(pitch) > BalancerPlant.GROUND_PITCH) {
                pitch = Math.copySign(BalancerPlant.GROUND_PITCH, pitch);
                pitchRate = 0;
            }
            motorLeft += speedLeft * h;
            motorRight += speedRight * h;
            s[so + POSITION] += v * h;
            s[so + YAW] += yawRate * h;
            s[so + WHEEL_ANGLE_LEFT] += ((v - halfTrack * yawRate) / r - pitchRate) * h;
            s[so + WHEEL_ANGLE_RIGHT] += ((v + halfTrack * yawRate) / r - pitchRate) * h;
        }
        s[so + FORWARD_SPEED] = v;
        s[so + PITCH] = pitch;
        s[so + PITCH_RATE] = pitchRate;
        s[so + YAW_RATE] = yawRate;
        s[so + BalancerPlant.BATTERY_CURRENT] = batteryCurrent;
        s[so + BalancerPlant.FORWARD_ACCEL] = xAcc;
        s[so + BalancerPlant.PITCH_ACCEL] = pAcc;
        s[so + MOTOR_ANGLE_LEFT] = motorLeft;
        s[so + MOTOR_ANGLE_RIGHT] = motorRight;
        s[so + MOTOR_SPEED_LEFT] = speedLeft;
        s[so + MOTOR_SPEED_RIGHT] = speedRight;
    }

    /** Reads every sensor, then lets the IMU channels drop out. */
    private static void takeReading(double[] p, int po, double[] s, int so, Rng rng) {
        BalancerSensors.read(p, po, s, so, s[so + BalancerPlant.GYRO_DRIFT_X], s[so + BalancerPlant.GYRO_DRIFT_Y],
                s[so + BalancerPlant.GYRO_DRIFT_Z], rng, s, so + FRESH);
        boolean dropped = rng.nextDouble() < p[po + IMU_DROPOUT_PROBABILITY];
        int first = dropped ? IMU_CHANNELS : 0;
        System.arraycopy(s, so + FRESH + first, s, so + DELIVERED + first, 11 - first);
        if (dropped) {
            s[so + DROPOUTS] += 1;
            if (p[po + DROPOUT_ZEROES] >= 0.5) {
                java.util.Arrays.fill(s, so + DELIVERED, so + DELIVERED + IMU_CHANNELS, 0.0);
            }
        }
    }

    @Override
    public void sense(double[] p, int po, double[] s, int so, Rng rng, double[] out, int oo) {
        System.arraycopy(s, so + DELIVERED, out, oo, 11);
    }
}
