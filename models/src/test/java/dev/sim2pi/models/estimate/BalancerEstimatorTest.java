package dev.sim2pi.models.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.models.testing.Allocations;
import org.junit.jupiter.api.Test;

class BalancerEstimatorTest {

    private static final double G = 9.80665;
    private final double[] reading = new double[new BalancerTask().sensors().size()];
    private final double[] estimate = new double[BalancerEstimator.LAYOUT.size()];

    private void leanAtRest(double pitch) {
        reading[BalancerTask.ACCEL_X] = -G * Math.sin(pitch);
        reading[BalancerTask.ACCEL_Z] = G * Math.cos(pitch);
    }

    @Test
    void aRobotLeaningAtRestReadsItsTiltFromTheFirstReading() {
        leanAtRest(0.2);
        new BalancerEstimator().reset(reading, 0, estimate, 0);
        assertEquals(0.2, estimate[BalancerEstimator.PITCH], 1e-12);
    }

    @Test
    void pitchFollowsTheGyroAtOnceAndTheAccelerometerOverItsTimeConstant() {
        BalancerEstimator e = new BalancerEstimator(0.034, 0.5);
        leanAtRest(0);
        // Turning upright at a steady rate the accelerometer has not seen as tilt yet: one period integrates it
        // almost fully.
        reading[BalancerTask.GYRO_Y] = 1.0;
        e.reset(reading, 0, estimate, 0);
        e.update(reading, 0, estimate, 0);
        assertEquals(0.01 * 0.5 / 0.51, estimate[BalancerEstimator.PITCH], 1e-12);
        // A constant gyro bias leaves an error of about bias * tau once the filter has settled.
        reading[BalancerTask.GYRO_Y] = 0.02;
        for (int k = 0; k < 1000; k++) {
            e.update(reading, 0, estimate, 0);
        }
        assertEquals(0.02 * 0.5, estimate[BalancerEstimator.PITCH], 1e-3);
    }

    @Test
    void aReadingOfZeroAccelerationCarriesNoTilt() {
        BalancerEstimator e = new BalancerEstimator();
        leanAtRest(0.1);
        e.reset(reading, 0, estimate, 0);
        reading[BalancerTask.ACCEL_X] = 0;
        reading[BalancerTask.ACCEL_Z] = 0;
        e.update(reading, 0, estimate, 0);
        assertEquals(0.1, estimate[BalancerEstimator.PITCH], 1e-12, "a failed read that zeroes the IMU is ignored");
    }

    @Test
    void wheelSpeedIsTheEncoderChangeOverThePeriodPlusTheBodysPitchRate() {
        BalancerEstimator e = new BalancerEstimator(0.04, 0.5);
        leanAtRest(0);
        e.reset(reading, 0, estimate, 0);
        reading[BalancerTask.ENCODER_LEFT] = 0.10;
        reading[BalancerTask.ENCODER_RIGHT] = 0.12;
        reading[BalancerTask.GYRO_Y] = 1;
        reading[BalancerTask.GYRO_Z] = 0.3;
        reading[BalancerTask.SENSOR_CMD_FORWARD_SPEED] = 0.25;
        e.update(reading, 0, estimate, 0);
        assertEquals(11, estimate[BalancerEstimator.WHEEL_SPEED_LEFT], 1e-9);
        assertEquals(13, estimate[BalancerEstimator.WHEEL_SPEED_RIGHT], 1e-9);
        assertEquals(12 * 0.04, estimate[BalancerEstimator.FORWARD_SPEED], 1e-9);
        assertEquals(0.3, estimate[BalancerEstimator.YAW_RATE], 0);
        assertEquals(0.25, estimate[BalancerEstimator.CMD_FORWARD_SPEED], 0);
    }

    @Test
    void estimatedRewardIsTheTasksRewardOnTheEstimateAndEndsBeyondTheTiltLimit() {
        BalancerTask task = new BalancerTask();
        EstimatedReward r = task.estimatedReward().orElseThrow();
        double[] before = new double[8];
        double[] after = new double[8];
        before[BalancerEstimator.CMD_FORWARD_SPEED] = 0.2;
        after[BalancerEstimator.FORWARD_SPEED] = 0.1;
        after[BalancerEstimator.PITCH] = 0.05;
        after[BalancerEstimator.YAW_RATE] = 0.3;
        double[] duty = {0.3, -0.2};
        double[] s0 = new double[task.state().size()];
        double[] s1 = new double[task.state().size()];
        s0[BalancerTask.CMD_FORWARD_SPEED] = 0.2;
        s1[BalancerTask.FORWARD_SPEED] = 0.1;
        s1[BalancerTask.PITCH] = 0.05;
        s1[BalancerTask.YAW_RATE] = 0.3;
        assertEquals(task.reward(s0, 0, duty, 0, s1, 0), r.reward(before, 0, duty, 0, after, 0), 0);
        after[BalancerEstimator.PITCH] = 0.59;
        assertFalse(r.terminated(after, 0));
        after[BalancerEstimator.PITCH] = -0.61;
        assertTrue(r.terminated(after, 0));
        after[BalancerEstimator.PITCH] = Double.NaN;
        assertTrue(r.terminated(after, 0));
    }

    @Test
    void updateAllocatesNothing() {
        BalancerEstimator e = new BalancerEstimator();
        leanAtRest(0.05);
        e.reset(reading, 0, estimate, 0);
        Allocations.assertSomeWindowAllocatesNothing("estimator update", () -> {
            for (int k = 0; k < 10_000; k++) {
                reading[BalancerTask.ENCODER_LEFT] += 1e-3;
                e.update(reading, 0, estimate, 0);
            }
        }, 20);
    }
}
