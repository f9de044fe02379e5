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
import dev.sim2pi.sim.config.RandomizationConfig;
import dev.sim2pi.sim.motor.DcMotor;
import dev.sim2pi.sim.motor.FastMath;
import java.nio.file.Path;

/**
 * The training physics of the {@code cartpole}: a cart on a rail pulled by a belt from a
 * {@link DcMotor} gear motor, carrying a free pole. The voltage command becomes a duty of the
 * rated 12 V, applied to a supply that sags under the motor current. Semi-implicit Euler with
 * {@value #SUBSTEPS} substeps per 20 ms control period (2 ms).
 *
 * <p>Equations (pole angle p from upright, l pivot to centre of mass, F the belt force):
 * <pre>
 *   (mc + mp + N^2 Jr / rp^2) x'' + mp l cos(p) p'' = F - f_cart(x') + mp l sin(p) p'^2
 *   mp l cos(p) x'' + (Jp + mp l^2) p'' = mp g l sin(p) - b_p p'
 * </pre>
 * The cart stops dead at a bumper 2 cm beyond each end of the usable track (where the task has
 * already ended the episode). Encoders quantize both readings to one count; there is no hidden
 * state.
 */
public final class CartPolePlant implements Plant {

    /** Semi-implicit Euler substeps per control period. */
    public static final int SUBSTEPS = 10;
    /** Where the bumpers stop the cart. */
    public static final double BUMPER = CartPoleTask.TRACK_HALF_LENGTH + 0.02;
    static final double GRAVITY = 9.80665;
    /** Coulomb friction ramps in within this cart speed (m/s). */
    static final double FRICTION_SMOOTHING_SPEED = 0.01;

    private static final ParameterSpace SHIPPED =
            RandomizationConfig.loadResource("randomization/cartpole.json", SCHEMA);

    private final CartPoleTask task = new CartPoleTask();
    private final ParameterSpace parameters;

    /** The plant with the shipped randomization ranges. */
    public CartPolePlant() {
        this(SHIPPED);
    }

    public CartPolePlant(ParameterSpace parameters) {
        if (!parameters.names().equals(SCHEMA.names())) {
            throw new IllegalArgumentException("cartpole parameters must be " + SCHEMA.names() + ", got "
                    + parameters.names());
        }
        this.parameters = parameters;
    }

    public static ParameterSpace shippedRanges() {
        return SHIPPED;
    }

    /** Ranges from a user's randomization config file; bad files raise InputException. */
    public static ParameterSpace rangesFrom(Path file) {
        return RandomizationConfig.load(file, SCHEMA);
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
    public void reset(Rng rng, double[] p, int po, double[] s, int so) {
        double spread = p[po + INITIAL_ANGLE_SPREAD];
        s[so + CART_POSITION] = rng.uniform(-0.05, 0.05);
        s[so + CART_VELOCITY] = 0;
        s[so + POLE_ANGLE] = Math.PI + rng.uniform(-spread, spread);
        s[so + POLE_RATE] = rng.uniform(-0.1, 0.1);
    }

    /** The duty the driver applies for a voltage command: a fraction of the rated 12 V. */
    static double duty(double volts, double[] p, int po) {
        return DcMotor.effectiveDuty(volts / CartPoleTask.MAX_VOLTAGE, p[po + PWM_STEPS], p[po + PWM_DEADBAND]);
    }

    @Override
    public void step(double[] p, int po, double[] s, int so, double[] action, int ao, Rng rng) {
        integrate(p, po, s, so, duty(action[ao + CartPoleTask.MOTOR_VOLTAGE], p, po), SUBSTEPS);
    }

    static void integrate(double[] p, int po, double[] s, int so, double duty, int substeps) {
        double h = CartPoleTask.CONTROL_PERIOD_SECONDS / substeps;
        double mp = p[po + POLE_MASS];
        double l = p[po + POLE_COM_LENGTH];
        double rp = p[po + PULLEY_RADIUS];
        double n = p[po + GEAR_RATIO];
        double mcart = p[po + CART_MASS] + mp + p[po + MOTOR_ROTOR_INERTIA] * n * n / (rp * rp);
        double ml = mp * l;
        double jpole = p[po + POLE_INERTIA] + ml * l;
        double mgl = ml * GRAVITY;
        double pivot = p[po + POLE_PIVOT_FRICTION];
        double viscous = p[po + CART_VISCOUS_FRICTION];
        double coulomb = p[po + CART_COULOMB_FRICTION];
        double ke = p[po + MOTOR_BACK_EMF_CONSTANT];
        double limit = p[po + CURRENT_LIMIT];
        double forcePerAmp = p[po + MOTOR_TORQUE_CONSTANT] * n * p[po + GEAR_EFFICIENCY] / rp;
        // One motor on the supply: the sag is solved exactly, i = (d Vs - e) / (R + Rs d^2).
        double resistance = p[po + MOTOR_RESISTANCE] + p[po + SUPPLY_RESISTANCE] * duty * duty;
        double volts = duty * p[po + SUPPLY_VOLTAGE];

        double x = s[so + CART_POSITION];
        double v = s[so + CART_VELOCITY];
        double angle = s[so + POLE_ANGLE];
        double rate = s[so + POLE_RATE];
        for (int k = 0; k < substeps; k++) {
            double current = DcMotor.current(volts, v / rp, n, ke, resistance, limit);
            double force = current * forcePerAmp - DcMotor.friction(v, viscous, coulomb, FRICTION_SMOOTHING_SPEED);
            double wrapped = FastMath.wrap(angle);
            double sin = FastMath.sinWrapped(wrapped);
            double cos = FastMath.cosWrapped(wrapped);
            double coupling = ml * cos;
            double f1 = force + ml * sin * rate * rate;
            double f2 = mgl * sin - pivot * rate;
            double invDet = 1 / (mcart * jpole - coupling * coupling);
            v += (jpole * f1 - coupling * f2) * invDet * h;
            rate += (mcart * f2 - coupling * f1) * invDet * h;
            x += v * h;
            angle += rate * h;
            if (Math.abs(x) > BUMPER) {
                x = Math.copySign(BUMPER, x);
                v = 0;
            }
        }
        s[so + CART_POSITION] = x;
        s[so + CART_VELOCITY] = v;
        s[so + POLE_ANGLE] = angle;
        s[so + POLE_RATE] = rate;
    }

    @Override
    public void sense(double[] p, int po, double[] s, int so, Rng rng, double[] out, int oo) {
        double res = p[po + CART_ENCODER_RESOLUTION];
        out[oo + CartPoleTask.SENSOR_CART_POSITION] = Math.floor(s[so + CART_POSITION] / res) * res;
        double countsPerRadian = p[po + POLE_ENCODER_COUNTS_PER_REV] / (2 * Math.PI);
        out[oo + CartPoleTask.SENSOR_POLE_ANGLE] = Math.floor(s[so + POLE_ANGLE] * countsPerRadian) / countsPerRadian;
    }
}
