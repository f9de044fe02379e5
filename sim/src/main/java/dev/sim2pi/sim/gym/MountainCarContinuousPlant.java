package dev.sim2pi.sim.gym;

import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.tasks.MountainCarContinuousTask;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;

/**
 * Gymnasium's MountainCarContinuous-v0 physics, including the precision NumPy 2 uses.
 *
 * <p>Gymnasium keeps the state as float64 right after reset and as float32 after every step, and
 * Python floats combined with a float32 take float32. So the first step of an episode runs in
 * float64, later steps run in float32, and a clipped action becomes a Python float (float64)
 * while an in-range one stays float32. A hidden state variable ({@code float32_state}, 0 after
 * reset, 1 after a step) records which regime the next step is in.
 */
public final class MountainCarContinuousPlant implements Plant {

    private static final double POWER = 0.0015;
    private static final float POWER_F = (float) POWER;
    private static final float MAX_SPEED_F = (float) MountainCarContinuousTask.MAX_SPEED;
    private static final float MIN_POSITION_F = (float) MountainCarContinuousTask.MIN_POSITION;
    private static final float MAX_POSITION_F = (float) MountainCarContinuousTask.MAX_POSITION;

    private final MountainCarContinuousTask task = new MountainCarContinuousTask();

    @Override
    public RobotTask task() {
        return task;
    }

    @Override
    public ParameterSpace parameters() {
        return ParameterSpace.empty();
    }

    /** Position, velocity and the hidden precision flag. */
    @Override
    public int simStateSize() {
        return 3;
    }

    /** Position uniform in [-0.6, -0.4), at rest, float64 regime. */
    @Override
    public void reset(Rng rng, double[] params, int paramsOffset, double[] state, int stateOffset) {
        state[stateOffset] = rng.uniform(-0.6, -0.4);
        state[stateOffset + 1] = 0.0;
        state[stateOffset + 2] = 0.0;
    }

    @Override
    public void step(double[] params, int paramsOffset, double[] state, int stateOffset,
                     double[] action, int actionOffset, Rng rng) {
        float a = (float) action[actionOffset];
        boolean clipped = a < -1f || a > 1f;
        if (state[stateOffset + 2] == 0.0) {
            stepFloat64(state, stateOffset, a, clipped);
        } else {
            stepFloat32(state, stateOffset, a, clipped);
        }
        state[stateOffset + 2] = 1.0;
    }

    private static void stepFloat64(double[] state, int o, float a, boolean clipped) {
        double position = state[o];
        double velocity = state[o + 1];
        double hill = 0.0025 * Math.cos(3 * position);
        if (clipped) {
            velocity += (a < 0 ? -1.0 : 1.0) * POWER - hill;
        } else {
            velocity += (float) (a * POWER_F - (float) hill);
        }
        velocity = Math.max(-MountainCarContinuousTask.MAX_SPEED, Math.min(MountainCarContinuousTask.MAX_SPEED, velocity));
        position += velocity;
        position = Math.max(MountainCarContinuousTask.MIN_POSITION, Math.min(MountainCarContinuousTask.MAX_POSITION, position));
        if (position == MountainCarContinuousTask.MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        state[o] = (float) position;
        state[o + 1] = (float) velocity;
    }

    private static void stepFloat32(double[] state, int o, float a, boolean clipped) {
        float position = (float) state[o];
        float velocity = (float) state[o + 1];
        double hill = 0.0025 * Math.cos((float) (3 * position));
        float push;
        if (clipped) {
            push = (float) ((a < 0 ? -1.0 : 1.0) * POWER - hill);
        } else {
            push = a * POWER_F - (float) hill;
        }
        velocity += push;
        velocity = Math.max(-MAX_SPEED_F, Math.min(MAX_SPEED_F, velocity));
        position += velocity;
        position = Math.max(MIN_POSITION_F, Math.min(MAX_POSITION_F, position));
        if (position == MIN_POSITION_F && velocity < 0) {
            velocity = 0;
        }
        state[o] = position;
        state[o + 1] = velocity;
    }

    /** Position and velocity read exactly. */
    @Override
    public void sense(double[] params, int paramsOffset, double[] state, int stateOffset, Rng rng,
                      double[] sensors, int sensorsOffset) {
        sensors[sensorsOffset] = state[stateOffset];
        sensors[sensorsOffset + 1] = state[stateOffset + 1];
    }
}
