package dev.sim2pi.bridge.sim;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.control.BalancerLqr;
import dev.sim2pi.sim.robots.BalancerPlant;

/**
 * A balancer controller that sees only what a policy sees - the task's observation vector - and
 * stands in for a trained bundle: a complementary filter estimates pitch from the accelerometer
 * and gyro features, wheel speeds plus pitch rate give the forward speed, their integral the
 * position, and the plant's LQR gains (sim test fixture) turn that estimate into duties.
 * Allocation-free.
 */
final class ObservationLqr {

    /** Feature indices of the current reading in the observation (newest first). */
    private static final int ACCEL_X = 0;
    private static final int ACCEL_Z = 1;
    private static final int PITCH_RATE = 2;
    private static final int YAW_RATE = 3;
    private static final int WHEEL_LEFT = 4;
    private static final int WHEEL_RIGHT = 5;
    /** Weight of the integrated gyro against the accelerometer's pitch each period. */
    private static final double GYRO_WEIGHT = 0.98;

    private final BalancerLqr lqr;
    private final double wheelRadius;
    private final double dt;
    private final double[] estimate = new double[BalancerPlant.SIM_STATE_SIZE];
    private boolean started;

    ObservationLqr(BalancerLqr lqr, double wheelRadius) {
        this.lqr = lqr;
        this.wheelRadius = wheelRadius;
        this.dt = BalancerTask.CONTROL_PERIOD_SECONDS;
    }

    /** Writes the two duties for observation {@code obs} into {@code action}. */
    void act(float[] obs, double[] action) {
        double accelPitch = Math.atan2(-obs[ACCEL_X], obs[ACCEL_Z]);
        double pitchRate = obs[PITCH_RATE];
        double pitch = started
                ? GYRO_WEIGHT * (estimate[BalancerTask.PITCH] + pitchRate * dt) + (1 - GYRO_WEIGHT) * accelPitch
                : accelPitch;
        started = true;
        // Encoders measure the wheels against the body: add the body's pitch rate for the ground speed.
        double speed = wheelRadius * ((obs[WHEEL_LEFT] + obs[WHEEL_RIGHT]) / 2 + pitchRate);
        estimate[BalancerTask.PITCH] = pitch;
        estimate[BalancerTask.PITCH_RATE] = pitchRate;
        estimate[BalancerTask.FORWARD_SPEED] = speed;
        estimate[BalancerTask.POSITION] += speed * dt;
        estimate[BalancerTask.YAW_RATE] = obs[YAW_RATE];
        lqr.act(estimate, 0, action, 0);
    }
}
