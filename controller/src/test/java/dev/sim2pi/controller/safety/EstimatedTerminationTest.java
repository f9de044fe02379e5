package dev.sim2pi.controller.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.bridge.sim.SimWorld;
import dev.sim2pi.models.estimate.BalancerEstimator;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.models.time.SteppedClock;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's tilt verdict is models' {@link BalancerEstimator} (what the simulator rewards
 * with and the trainer scores datasets with), fed the same readings: bit for bit the same pitch.
 */
class EstimatedTerminationTest {

    private static final double PERIOD = BalancerTask.CONTROL_PERIOD_SECONDS;
    private final BalancerTask task = new BalancerTask();

    /** Readings of a simulated balancer falling with its motors off, one per task period. */
    private double[][] fallingReadings(int n) {
        SteppedClock clock = new SteppedClock();
        SimWorld world = SimWorld.nominal(BalancerTask.ID, clock, 11);
        double[][] out = new double[n][task.sensors().size()];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = world.sensor(i);
            }
            clock.advanceNanos(Math.round(PERIOD * 1e9));
        }
        return out;
    }

    @Test
    void theBalancersCheckEstimatesPitchExactlyAsModelsEstimatorDoes() {
        double[][] readings = fallingReadings(300);
        TerminationCheck check = TerminationChecks.forTask(task, PERIOD);
        BalancerEstimator reference = new BalancerEstimator();
        double[] estimate = new double[reference.layout().size()];
        boolean stopped = false;
        for (int k = 0; k < readings.length; k++) {
            boolean terminated = check.update(readings[k], 0, true);
            if (k == 0) {
                reference.reset(readings[k], 0, estimate, 0);
            } else {
                reference.update(readings[k], 0, estimate, 0);
            }
            assertEquals(estimate[BalancerEstimator.PITCH], check.value(), 0.0, "period " + k);
            assertEquals(!(Math.abs(estimate[BalancerEstimator.PITCH]) <= BalancerTask.PITCH_LIMIT_RAD), terminated);
            stopped |= terminated;
        }
        assertTrue(stopped, "the unpowered robot fell past the limit and the check said so");
    }

    @Test
    void aLoopForcedFasterFeedsTheEstimatorOnTheTasksGrid() {
        double[][] readings = fallingReadings(100);
        EstimatedTermination atTaskRate = new EstimatedTermination(task.estimatedReward().orElseThrow(), PERIOD, PERIOD);
        EstimatedTermination fourTimesFaster = new EstimatedTermination(task.estimatedReward().orElseThrow(), PERIOD / 4, PERIOD);
        for (double[] reading : readings) {
            atTaskRate.update(reading, 0, true);
            for (int j = 0; j < 4; j++) {
                // The fast loop sees each reading four times (a sensor sampled at the task rate).
                fourTimesFaster.update(reading, 0, true);
            }
        }
        // Reset on the first sight of reading 0, then one update on the first sight of each later reading.
        assertArrayEquals(atTaskRate.estimate(), fourTimesFaster.estimate(), 0.0);
    }
}
