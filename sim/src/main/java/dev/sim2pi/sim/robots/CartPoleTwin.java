package dev.sim2pi.sim.robots;

import static dev.sim2pi.models.tasks.CartPoleTask.CART_POSITION;
import static dev.sim2pi.models.tasks.CartPoleTask.CART_VELOCITY;
import static dev.sim2pi.models.tasks.CartPoleTask.POLE_ANGLE;
import static dev.sim2pi.models.tasks.CartPoleTask.POLE_RATE;
import static dev.sim2pi.sim.robots.CartPoleParameters.*;

import dev.sim2pi.models.tasks.CartPoleTask;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.config.ParameterSchema;
import dev.sim2pi.sim.config.TwinParameters;
import dev.sim2pi.sim.motor.DcMotor;
import dev.sim2pi.sim.motor.GearPlay;
import java.nio.file.Path;

/**
 * The {@code cartpole}'s reality twin: the rig as built, with parameters from a twin file the
 * trainer never reads and the effects {@link CartPolePlant} leaves out:
 * <ul>
 *   <li>backlash: the rotor (reflected inertia) drives the pulley through a stiff damped mesh
 *       with {@code backlash} rad of free play at the pulley;</li>
 *   <li>stiction: a cart at rest stays put until the force on it exceeds {@code static_friction}
 *       newtons (the rail's breakaway), then slides with Coulomb and viscous friction;</li>
 *   <li>latency jitter: each new command reaches the motor a random {@code [0, latency_jitter]}
 *       seconds into the period;</li>
 *   <li>pole encoder dropouts (a magnetic encoder read over I2C): with probability
 *       {@code sensor_dropout_probability} the reading holds ({@code dropout_zeroes = 0}) or reads
 *       zero ({@code 1}), counted in the state ({@link #dropouts});</li>
 *   <li>direction asymmetry, the cart's version of left/right motor mismatch: the motor pushes
 *       toward +x with {@code 1 + motor_asymmetry} times its torque and toward -x with
 *       {@code 1 - motor_asymmetry} (brush timing).</li>
 * </ul>
 * It integrates at {@value #SUBSTEPS} substeps per 20 ms period (0.25 ms). Readings are taken at the
 * end of each step and {@link #sense} returns that reading.
 */
public final class CartPoleTwin implements Plant {

    public static final int SUBSTEPS = 80;

    /** The twin's parameters: the training schema, then the added effects. */
    public static final ParameterSchema SCHEMA = ParameterSchema.extending(CartPoleParameters.SCHEMA);
    public static final int BACKLASH = SCHEMA.add("backlash", "rad");
    public static final int GEAR_STIFFNESS = SCHEMA.add("gear_stiffness", "N*m/rad");
    public static final int STATIC_FRICTION = SCHEMA.add("static_friction", "N");
    public static final int LATENCY_JITTER = SCHEMA.add("latency_jitter", "s");
    public static final int SENSOR_DROPOUT_PROBABILITY = SCHEMA.add("sensor_dropout_probability", "1");
    public static final int DROPOUT_ZEROES = SCHEMA.add("dropout_zeroes", "1");
    public static final int MOTOR_ASYMMETRY = SCHEMA.add("motor_asymmetry", "1");

    public static final int MOTOR_ANGLE = 4;
    public static final int MOTOR_SPEED = 5;
    public static final int APPLIED_DUTY = 6;
    public static final int DROPOUTS = 7;
    public static final int DELIVERED = 8;
    private static final int FRESH = 10;
    public static final int SIM_STATE_SIZE = 12;

    static final double MESH_DAMPING_RATIO = 0.3;
    /** A cart slower than this (m/s) counts as at rest for stiction. */
    static final double STICK_SPEED = 1e-4;

    private final CartPoleTask task = new CartPoleTask();
    private final ParameterSpace parameters;

    private CartPoleTwin(ParameterSpace parameters) {
        this.parameters = parameters;
    }

    /** The twin described by a twin file ({@code --twin-params}); bad files raise InputException. */
    public static CartPoleTwin load(Path file) {
        return new CartPoleTwin(TwinParameters.load(file, SCHEMA, CartPolePlant.shippedRanges()));
    }

    /** The example twin shipped with sim2pi ({@code twin/cartpole-twin.json}). */
    public static CartPoleTwin shipped() {
        return new CartPoleTwin(TwinParameters.loadResource("twin/cartpole-twin.json", SCHEMA,
                CartPolePlant.shippedRanges()));
    }

    /** A twin with these exact parameter values (twin schema order). */
    public static CartPoleTwin of(double[] values) {
        return new CartPoleTwin(SCHEMA.fixed(values));
    }

    /** Pole encoder dropouts counted since the episode's reset. */
    public static long dropouts(double[] state, int offset) {
        return (long) state[offset + DROPOUTS];
    }

    @Override
    public CartPoleTask task() {
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
        double spread = p[po + INITIAL_ANGLE_SPREAD];
        s[so + CART_POSITION] = rng.uniform(-0.05, 0.05);
        s[so + POLE_ANGLE] = Math.PI + rng.uniform(-spread, spread);
        s[so + POLE_RATE] = rng.uniform(-0.1, 0.1);
        s[so + MOTOR_ANGLE] = s[so + CART_POSITION] / p[po + PULLEY_RADIUS];
        encode(p, po, s, so, so + DELIVERED);
    }

    /** From a recorded task state: the motor sits on the pulley. */
    @Override
    public void load(double[] p, int po, double[] taskState, int to, double[] s, int so) {
        java.util.Arrays.fill(s, so, so + SIM_STATE_SIZE, 0.0);
        System.arraycopy(taskState, to, s, so, task.state().size());
        s[so + MOTOR_ANGLE] = s[so + CART_POSITION] / p[po + PULLEY_RADIUS];
        s[so + MOTOR_SPEED] = s[so + CART_VELOCITY] / p[po + PULLEY_RADIUS];
        encode(p, po, s, so, so + DELIVERED);
    }

    @Override
    public void step(double[] p, int po, double[] s, int so, double[] action, int ao, Rng rng) {
        double duty = CartPolePlant.duty(action[ao + CartPoleTask.MOTOR_VOLTAGE], p, po);
        double h = CartPoleTask.CONTROL_PERIOD_SECONDS / SUBSTEPS;
        double jitter = p[po + LATENCY_JITTER] > 0 ? rng.uniform(0, p[po + LATENCY_JITTER]) : 0;
        int switchAt = (int) Math.ceil(jitter / h - 1e-9);
        integrate(p, po, s, so, duty, switchAt, h);
        s[so + APPLIED_DUTY] = duty;
        encode(p, po, s, so, so + FRESH);
        s[so + DELIVERED] = s[so + FRESH];
        if (rng.nextDouble() < p[po + SENSOR_DROPOUT_PROBABILITY]) {
            s[so + DROPOUTS] += 1;
            if (p[po + DROPOUT_ZEROES] >= 0.5) {
                s[so + DELIVERED + 1] = 0;
            }
        } else {
            s[so + DELIVERED + 1] = s[so + FRESH + 1];
        }
    }

    private static void integrate(double[] p, int po, double[] s, int so, double duty, int switchAt, double h) {
        double mp = p[po + POLE_MASS];
        double l = p[po + POLE_COM_LENGTH];
        double rp = p[po + PULLEY_RADIUS];
        double n = p[po + GEAR_RATIO];
        double rotor = p[po + MOTOR_ROTOR_INERTIA] * n * n;
        double mcart = p[po + CART_MASS] + mp;
        double ml = mp * l;
        double jpole = p[po + POLE_INERTIA] + ml * l;
        double mgl = ml * CartPolePlant.GRAVITY;
        double pivot = p[po + POLE_PIVOT_FRICTION];
        double viscous = p[po + CART_VISCOUS_FRICTION];
        double coulomb = p[po + CART_COULOMB_FRICTION];
        double breakaway = Math.max(p[po + STATIC_FRICTION], coulomb);
        double ke = p[po + MOTOR_BACK_EMF_CONSTANT];
        double limit = p[po + CURRENT_LIMIT];
        double torquePerAmp = p[po + MOTOR_TORQUE_CONSTANT] * n * p[po + GEAR_EFFICIENCY];
        double asymmetry = p[po + MOTOR_ASYMMETRY];
        double backlash = p[po + BACKLASH];
        double stiffness = p[po + GEAR_STIFFNESS];
        double meshDamping = 2 * MESH_DAMPING_RATIO * Math.sqrt(stiffness * rotor);
        double supply = p[po + SUPPLY_VOLTAGE];

        double x = s[so + CART_POSITION];
        double v = s[so + CART_VELOCITY];
        double angle = s[so + POLE_ANGLE];
        double rate = s[so + POLE_RATE];
        double motorAngle = s[so + MOTOR_ANGLE];
        double motorSpeed = s[so + MOTOR_SPEED];
        for (int k = 0; k < SUBSTEPS; k++) {
            double d = k < switchAt ? s[so + APPLIED_DUTY] : duty;
            double resistance = p[po + MOTOR_RESISTANCE] + p[po + SUPPLY_RESISTANCE] * d * d;
            double current = DcMotor.current(d * supply, motorSpeed, n, ke, resistance, limit);
            double motorTorque = current * torquePerAmp * (current >= 0 ? 1 + asymmetry : 1 - asymmetry);
            double mesh = GearPlay.meshTorque(motorAngle, x / rp, motorSpeed, v / rp, backlash, stiffness, meshDamping);
            motorSpeed += (motorTorque - mesh) / rotor * h;
            motorAngle += motorSpeed * h;

            double belt = mesh / rp;
            double sin = Math.sin(angle);
            double cos = Math.cos(angle);
            double coupling = ml * cos;
            double poleTorque = mgl * sin - pivot * rate;
            // The friction that would hold the cart still, with the pole swinging on a fixed pivot.
            double holding = belt + ml * sin * rate * rate - coupling * poleTorque / jpole;
            double accel;
            if (Math.abs(v) <= STICK_SPEED && Math.abs(holding) <= breakaway) {
                v = 0;
                accel = 0;
                rate += poleTorque / jpole * h;
            } else {
                double direction = v != 0 ? Math.signum(v) : Math.signum(holding);
                double f1 = belt - viscous * v - coulomb * direction + ml * sin * rate * rate;
                double invDet = 1 / (mcart * jpole - coupling * coupling);
                accel = (jpole * f1 - coupling * poleTorque) * invDet;
                double next = v + accel * h;
                if (v != 0 && Math.signum(next) != Math.signum(v) && Math.abs(holding) <= breakaway) {
                    next = 0;
                }
                v = next;
                rate += (mcart * poleTorque - coupling * f1) * invDet * h;
            }
            x += v * h;
            angle += rate * h;
            if (Math.abs(x) > CartPolePlant.BUMPER) {
                x = Math.copySign(CartPolePlant.BUMPER, x);
                v = 0;
            }
        }
        s[so + CART_POSITION] = x;
        s[so + CART_VELOCITY] = v;
        s[so + POLE_ANGLE] = angle;
        s[so + POLE_RATE] = rate;
        s[so + MOTOR_ANGLE] = motorAngle;
        s[so + MOTOR_SPEED] = motorSpeed;
    }

    /** Encoder readings of the mechanical state, written at {@code s[at]} (cart, pole). */
    private static void encode(double[] p, int po, double[] s, int so, int at) {
        double res = p[po + CART_ENCODER_RESOLUTION];
        s[at] = Math.floor(s[so + CART_POSITION] / res) * res;
        double countsPerRadian = p[po + POLE_ENCODER_COUNTS_PER_REV] / (2 * Math.PI);
        s[at + 1] = Math.floor(s[so + POLE_ANGLE] * countsPerRadian) / countsPerRadian;
    }

    @Override
    public void sense(double[] p, int po, double[] s, int so, Rng rng, double[] out, int oo) {
        out[oo + CartPoleTask.SENSOR_CART_POSITION] = s[so + DELIVERED];
        out[oo + CartPoleTask.SENSOR_POLE_ANGLE] = s[so + DELIVERED + 1];
    }
}
