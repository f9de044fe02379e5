package dev.sim2pi.controller.safety;

import dev.sim2pi.models.tasks.BalancerTask;

/**
 * The balancer has fallen when its pitch passes {@link BalancerTask#PITCH_LIMIT_RAD}; on the robot
 * the pitch is estimated from the IMU with a complementary filter: the gyro's pitch rate
 * integrated, pulled towards the accelerometer's gravity direction with time constant
 * {@code tauSeconds} (an upright robot at rest reads accel_z = +g, a forward lean p reads
 * accel_x = -g sin p). Models offers no state estimator, hence this one.
 */
public final class TiltCheck implements TerminationCheck {

    private final double limitRad;
    private final double dtSeconds;
    private final double alpha;
    private double pitch;
    private boolean started;

    public TiltCheck(double limitRad, double dtSeconds, double tauSeconds) {
        this.limitRad = limitRad;
        this.dtSeconds = dtSeconds;
        this.alpha = tauSeconds / (tauSeconds + dtSeconds);
    }

    /** The balancer's fall limit at loop period {@code dtSeconds}, 0.2 s filter time constant. */
    public static TiltCheck balancer(double dtSeconds) {
        return new TiltCheck(BalancerTask.PITCH_LIMIT_RAD, dtSeconds, 0.2);
    }

    @Override
    public boolean update(double[] s, int o, boolean fresh) {
        double fromGravity = Math.atan2(-s[o + BalancerTask.ACCEL_X], s[o + BalancerTask.ACCEL_Z]);
        if (!started) {
            pitch = fromGravity;
            started = true;
        } else if (fresh) {
            pitch = alpha * (pitch + s[o + BalancerTask.GYRO_Y] * dtSeconds) + (1 - alpha) * fromGravity;
        }
        return !(Math.abs(pitch) <= limitRad);
    }

    @Override
    public double value() {
        return pitch;
    }

    @Override
    public void reset() {
        started = false;
        pitch = 0;
    }
}
