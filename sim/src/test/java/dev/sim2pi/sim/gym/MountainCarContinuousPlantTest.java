package dev.sim2pi.sim.gym;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.tasks.MountainCarContinuousTask;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.env.Env;
import org.junit.jupiter.api.Test;

class MountainCarContinuousPlantTest {

    private final MountainCarContinuousPlant plant = new MountainCarContinuousPlant();
    private final MountainCarContinuousTask task = new MountainCarContinuousTask();
    private final Rng rng = new Rng(1);

    /** One step from a state Gymnasium already holds as float32 (any step after the first). */
    private double[] step(float position, float velocity, double action) {
        double[] s = {position, velocity, 1.0};
        plant.step(new double[0], 0, s, 0, new double[] {action}, 0, rng);
        return s;
    }

    private double reward(float position, float velocity, double action) {
        double[] before = {position, velocity, 1.0};
        double[] after = step(position, velocity, action);
        return task.reward(before, 0, new double[] {action}, 0, after, 0);
    }

    @Test
    void forceIsClippedToOneButTheCostUsesTheActionAsGiven() {
        double[] clipped = step(-0.5f, 0.01f, 3.0);
        double[] full = step(-0.5f, 0.01f, 1.0);
        assertEquals(full[0], clipped[0], 1e-7);
        assertEquals(full[1], clipped[1], 1e-7);
        assertEquals(-0.1 * 9, reward(-0.5f, 0.01f, 3.0), 1e-6);
        assertEquals(-0.1 * 4, reward(-0.5f, 0.01f, -2.0), 1e-6);
        double[] back = step(-0.5f, 0.01f, -7.0);
        double[] fullBack = step(-0.5f, 0.01f, -1.0);
        assertEquals(fullBack[1], back[1], 1e-7);
    }

    @Test
    void speedIsClippedToPointZeroSevenAndPositionMovesByTheClippedSpeed() {
        double[] s = step(-0.5f, 0.0699f, 1.0);
        assertEquals((float) 0.07, (float) s[1]);
        assertEquals(-0.5f + (float) 0.07, (float) s[0]);
        double[] t = step(-0.5f, -0.0699f, -1.0);
        assertEquals(-(float) 0.07, (float) t[1]);
    }

    @Test
    void leftWallStopsTheCarWhenItArrivesMovingLeft() {
        double[] s = step(-1.19f, -0.05f, -1.0);
        assertEquals((float) -1.2, (float) s[0]);
        assertEquals(0.0, s[1]);
        assertFalse(task.terminated(s, 0));
    }

    @Test
    void reachingTheFlagMovingRightTerminatesWithABonusOfOneHundred() {
        double[] s = step(0.44f, 0.03f, 0.5);
        assertTrue(s[0] >= 0.45);
        assertTrue(task.terminated(s, 0));
        assertEquals(100 - 0.1 * 0.25, reward(0.44f, 0.03f, 0.5), 1e-9);
        assertFalse(task.terminated(new double[] {0.46, -0.001}, 0), "past the flag but rolling back");
        assertFalse(task.terminated(new double[] {0.44, 0.01}, 0));
    }

    @Test
    void rightEdgeHoldsThePositionAtPointSix() {
        double[] s = step(0.59f, 0.05f, 1.0);
        assertEquals((float) 0.6, (float) s[0]);
    }

    @Test
    void anEpisodeThatReachesTheGoalEndsTerminatedAndAutoResets() {
        try (Env env = new Env(plant, false, true)) {
            env.reset(5);
            env.resetTo(new double[] {0.44, 0.03});
            env.step(new double[] {1.0});
            assertTrue(env.terminated());
            assertFalse(env.truncated());
            assertTrue(env.finalObservation()[0] >= 0.45f);
            assertTrue(env.observation()[0] >= -0.6f && env.observation()[0] < -0.4f);
            assertArrayEquals(new float[] {env.observation()[1]}, new float[] {0f});
            assertTrue(env.reward() > 99);
        }
    }

    @Test
    void resetStartsAtRestInTheValley() {
        double[] s = new double[3];
        double low = 0;
        double high = -1;
        for (int i = 0; i < 10_000; i++) {
            plant.reset(rng, new double[0], 0, s, 0);
            low = Math.min(low, s[0]);
            high = Math.max(high, s[0]);
            assertEquals(0.0, s[1]);
        }
        assertTrue(low >= -0.6 && low < -0.599);
        assertTrue(high < -0.4 && high > -0.401);
    }
}
