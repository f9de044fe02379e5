package dev.sim2pi.sim.robots;

import static dev.sim2pi.models.tasks.BalancerTask.ACCEL_RANGE;
import static dev.sim2pi.models.tasks.BalancerTask.GYRO_RANGE;
import static dev.sim2pi.sim.robots.BalancerParameters.*;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.motor.FastMath;

/**
 * The balancer's sensor models: an MPU-6050-class IMU on the body's axis at {@code imu_height}
 * above the axle (misaligned by {@code imu_pitch_offset}), with white noise, per-episode bias and
 * drifting gyro bias, clipped at its full-scale range; encoders quantized to whole counts;
 * battery voltage after sag with ADC noise; the operator's commands passed through. Noise is
 * {@link FastMath#noise} scaled to the configured standard deviation.
 */
final class BalancerSensors {

    private BalancerSensors() {
    }

    /** Writes one reading for simulation state {@code s} with the given gyro drift. */
    static void read(double[] p, int po, double[] s, int so, double driftX, double driftY, double driftZ,
                     Rng rng, double[] out, int oo) {
        double pitch = s[so + BalancerTask.PITCH];
        double pitchRate = s[so + BalancerTask.PITCH_RATE];
        double pitchAcc = s[so + BalancerPlant.PITCH_ACCEL];
        double v = s[so + BalancerTask.FORWARD_SPEED];
        double yawRate = s[so + BalancerTask.YAW_RATE];
        double h = p[po + IMU_HEIGHT];
        double sin = FastMath.sin(pitch);
        double cos = FastMath.cos(pitch);
        // Specific force of the IMU point in the world frame (x forward, z up).
        double fx = s[so + BalancerPlant.FORWARD_ACCEL] + h * (cos * pitchAcc - sin * pitchRate * pitchRate);
        double fz = BalancerPlant.GRAVITY - h * (sin * pitchAcc + cos * pitchRate * pitchRate);
        // The mounting offset is a few hundredths of a radian: second order in it is exact to 1e-5.
        double offset = p[po + IMU_PITCH_OFFSET];
        double offsetCos = 1 - 0.5 * offset * offset;
        double ms = sin * offsetCos + cos * offset;
        double mc = cos * offsetCos - sin * offset;
        double gn = p[po + GYRO_NOISE];
        double an = p[po + ACCEL_NOISE];
        out[oo + BalancerTask.GYRO_X] = clip(-ms * yawRate + p[po + GYRO_BIAS_X] + driftX + gn * FastMath.noise(rng), GYRO_RANGE);
        out[oo + BalancerTask.GYRO_Y] = clip(pitchRate + p[po + GYRO_BIAS_Y] + driftY + gn * FastMath.noise(rng), GYRO_RANGE);
        out[oo + BalancerTask.GYRO_Z] = clip(mc * yawRate + p[po + GYRO_BIAS_Z] + driftZ + gn * FastMath.noise(rng), GYRO_RANGE);
        out[oo + BalancerTask.ACCEL_X] = clip(mc * fx - ms * fz + p[po + ACCEL_BIAS_X] + an * FastMath.noise(rng), ACCEL_RANGE);
        out[oo + BalancerTask.ACCEL_Y] = clip(v * yawRate + p[po + ACCEL_BIAS_Y] + an * FastMath.noise(rng), ACCEL_RANGE);
        out[oo + BalancerTask.ACCEL_Z] = clip(ms * fx + mc * fz + p[po + ACCEL_BIAS_Z] + an * FastMath.noise(rng), ACCEL_RANGE);
        double countsPerRadian = p[po + ENCODER_COUNTS_PER_REV] / (2 * Math.PI);
        out[oo + BalancerTask.ENCODER_LEFT] = Math.floor(s[so + BalancerTask.WHEEL_ANGLE_LEFT] * countsPerRadian) / countsPerRadian;
        out[oo + BalancerTask.ENCODER_RIGHT] = Math.floor(s[so + BalancerTask.WHEEL_ANGLE_RIGHT] * countsPerRadian) / countsPerRadian;
        out[oo + BalancerTask.BATTERY_VOLTAGE] = p[po + BATTERY_VOLTAGE]
                - p[po + BATTERY_RESISTANCE] * s[so + BalancerPlant.BATTERY_CURRENT]
                + p[po + BATTERY_SENSE_NOISE] * FastMath.noise(rng);
        out[oo + BalancerTask.SENSOR_CMD_FORWARD_SPEED] = s[so + BalancerTask.CMD_FORWARD_SPEED];
        out[oo + BalancerTask.SENSOR_CMD_YAW_RATE] = s[so + BalancerTask.CMD_YAW_RATE];
    }

    private static double clip(double value, double range) {
        return Math.max(-range, Math.min(range, value));
    }
}
