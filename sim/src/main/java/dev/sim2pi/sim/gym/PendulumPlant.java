package dev.sim2pi.sim.gym;

import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.tasks.PendulumTask;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;

/**
 * Gymnasium's Pendulum-v1 physics (g = 10, m = 1, l = 1, dt = 0.05): a uniform rod with
 * {@code theta'' = 3g/(2l) sin(theta) + 3/(m l^2) u}, integrated by semi-implicit Euler, speed
 * clipped to 8 rad/s. The torque term {@code 3 u} is a float32 product because NumPy 2 computes
 * a float32 scalar times a Python float in float32; everything else is float64. Nothing is
 * randomized: the task exists to compare with published Gymnasium results.
 */
public final class PendulumPlant implements Plant {

    /** Gravity, m/s^2. */
    public static final double GRAVITY = 10.0;
    /** Rod mass, kg. */
    public static final double MASS = 1.0;
    /** Rod length, m. */
    public static final double LENGTH = 1.0;

    private static final double GRAVITY_TERM = 3 * GRAVITY / (2 * LENGTH);
    private static final float TORQUE_GAIN = (float) (3.0 / (MASS * LENGTH * LENGTH));

    private final PendulumTask task = new PendulumTask();

    @Override
    public RobotTask task() {
        return task;
    }

    @Override
    public ParameterSpace parameters() {
        return ParameterSpace.empty();
    }

    /** Uniform theta in [-pi, pi), theta_dot in [-1, 1), as Gymnasium's reset draws them. */
    @Override
    public void reset(Rng rng, double[] params, int paramsOffset, double[] state, int stateOffset) {
        state[stateOffset] = rng.uniform(-Math.PI, Math.PI);
        state[stateOffset + 1] = rng.uniform(-1.0, 1.0);
    }

    @Override
    public void step(double[] params, int paramsOffset, double[] state, int stateOffset,
                     double[] action, int actionOffset, Rng rng) {
        step(state, stateOffset, Math.sin(state[stateOffset]), action[actionOffset]);
    }

    /**
     * The step given {@code sinTheta}, the sine of the state's angle as {@link Math#sin} computes
     * it: a batch that already knows it (the last observation needed it) skips a third of the
     * step's transcendental work and gets the same bits.
     */
    public static void step(double[] state, int stateOffset, double sinTheta, double action) {
        double theta = state[stateOffset];
        double thetaDot = state[stateOffset + 1];
        float u = PendulumTask.clipTorque(action);
        float torqueTerm = TORQUE_GAIN * u;
        double newThetaDot = thetaDot + (GRAVITY_TERM * sinTheta + torqueTerm) * PendulumTask.DT;
        newThetaDot = Math.max(-PendulumTask.MAX_SPEED, Math.min(PendulumTask.MAX_SPEED, newThetaDot));
        state[stateOffset] = theta + newThetaDot * PendulumTask.DT;
        state[stateOffset + 1] = newThetaDot;
    }

    /** An encoder reads angle and rate exactly. */
    @Override
    public void sense(double[] params, int paramsOffset, double[] state, int stateOffset, Rng rng,
                      double[] sensors, int sensorsOffset) {
        sensors[sensorsOffset] = state[stateOffset];
        sensors[sensorsOffset + 1] = state[stateOffset + 1];
    }

    /**
     * The same equations in float64 with any step length and no speed limit: for checking the
     * continuous dynamics (energy, small-step convergence) apart from Gymnasium's fixed step.
     */
    public static void advance(double[] state, int stateOffset, double torqueNm, double dtSeconds) {
        double thetaDot = state[stateOffset + 1]
                + (GRAVITY_TERM * Math.sin(state[stateOffset]) + 3.0 / (MASS * LENGTH * LENGTH) * torqueNm) * dtSeconds;
        state[stateOffset] += thetaDot * dtSeconds;
        state[stateOffset + 1] = thetaDot;
    }

    /** Mechanical energy of the rod (pivot at one end, upright at theta = 0), J. */
    public static double energy(double theta, double thetaDot) {
        double inertia = MASS * LENGTH * LENGTH / 3;
        return 0.5 * inertia * thetaDot * thetaDot + MASS * GRAVITY * LENGTH / 2 * Math.cos(theta);
    }
}
