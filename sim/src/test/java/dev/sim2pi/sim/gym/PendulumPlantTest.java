package dev.sim2pi.sim.gym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.tasks.PendulumTask;
import dev.sim2pi.sim.Rng;
import org.junit.jupiter.api.Test;

class PendulumPlantTest {

    private final PendulumPlant plant = new PendulumPlant();
    private final PendulumTask task = new PendulumTask();
    private final Rng rng = new Rng(1);

    private double[] step(double theta, double thetaDot, double torque) {
        double[] s = {theta, thetaDot};
        plant.step(new double[0], 0, s, 0, new double[] {torque}, 0, rng);
        return s;
    }

    private double reward(double theta, double thetaDot, double torque) {
        double[] before = {theta, thetaDot};
        double[] after = step(theta, thetaDot, torque);
        return task.reward(before, 0, new double[] {torque}, 0, after, 0);
    }

    @Test
    void torqueBeyondTheLimitActsAsTheLimitInDynamicsAndCost() {
        assertEquals(step(0.3, 0.2, 2.0)[1], step(0.3, 0.2, 5.0)[1]);
        assertEquals(step(0.3, 0.2, -2.0)[1], step(0.3, 0.2, -40.0)[1]);
        assertEquals(reward(0.3, 0.2, 2.0), reward(0.3, 0.2, 5.0));
        // cost = theta^2 + 0.1 theta_dot^2 + 0.001 u^2 with u clipped to 2
        assertEquals(-(0.09 + 0.1 * 0.04 + 0.004), reward(0.3, 0.2, 9.0), 1e-9);
    }

    @Test
    void speedIsClippedToEightRadiansPerSecondBeforeTheAngleUpdate() {
        double[] s = step(0.5, 7.9, 2.0);
        assertEquals(8.0, s[1]);
        assertEquals(0.5 + 8.0 * 0.05, s[0]);
        double[] t = step(-0.5, -7.9, -2.0);
        assertEquals(-8.0, t[1]);
    }

    @Test
    void costUsesTheAngleWrappedToMinusPiPi() {
        assertEquals(reward(0.1, 0, 0), reward(0.1 + 2 * Math.PI, 0, 0), 1e-12);
        assertEquals(reward(0.1, 0, 0), reward(0.1 - 4 * Math.PI, 0, 0), 1e-12);
        assertEquals(Math.PI / 2, PendulumTask.angleNormalize(-1.5 * Math.PI), 1e-15);
        assertEquals(-Math.PI, PendulumTask.angleNormalize(Math.PI));
        assertEquals(-Math.PI, PendulumTask.angleNormalize(-Math.PI));
        assertEquals(-4 + 2 * Math.PI, PendulumTask.angleNormalize(-4), 1e-15);
        assertEquals(-0.5, PendulumTask.angleNormalize(-0.5), 1e-15);
    }

    @Test
    void upsideDownAtRestIsTheBestRewardAndNeverEnds() {
        assertEquals(0.0, reward(0, 0, 0), 0.0);
        assertTrue(reward(0.01, 0, 0) < 0);
        assertTrue(!task.terminated(new double[] {0, 0}, 0));
    }

    @Test
    void gymnasiumStepIsTheContinuousModelAtFiftyMilliseconds() {
        double[] a = step(1.1, -0.4, 1.0);
        double[] b = {1.1, -0.4};
        PendulumPlant.advance(b, 0, 1.0, 0.05);
        assertEquals(b[0], a[0], 0.0);
        assertEquals(b[1], a[1], 0.0);
    }

    @Test
    void frictionlessRodWithoutTorqueConservesEnergy() {
        double[] s = {Math.PI / 2, 0};
        double e0 = PendulumPlant.energy(s[0], s[1]);
        double maxRelativeError = 0;
        for (int i = 0; i < 200_000; i++) {
            PendulumPlant.advance(s, 0, 0.0, 1e-4);
            double e = PendulumPlant.energy(s[0], s[1]);
            maxRelativeError = Math.max(maxRelativeError, Math.abs(e - e0) / (0.5 * PendulumPlant.MASS * PendulumPlant.GRAVITY));
        }
        assertTrue(maxRelativeError < 1e-3, "energy drift " + maxRelativeError);
        // From horizontal at rest, the lowest point is reached at omega^2 = 3 g / l.
        double[] swing = {Math.PI / 2, 0};
        double fastest = 0;
        for (int i = 0; i < 20_000; i++) {
            PendulumPlant.advance(swing, 0, 0.0, 1e-4);
            fastest = Math.max(fastest, Math.abs(swing[1]));
        }
        assertEquals(Math.sqrt(3 * PendulumPlant.GRAVITY / PendulumPlant.LENGTH), fastest, 1e-3);
    }

    @Test
    void smallSwingsAboutTheBottomHaveThePeriodOfAUniformRod() {
        // theta'' = 3g/(2l) sin(theta); about theta = pi this is a harmonic oscillator.
        double expected = 2 * Math.PI / Math.sqrt(3 * PendulumPlant.GRAVITY / (2 * PendulumPlant.LENGTH));
        double dt = 1e-5;
        double[] s = {Math.PI + 0.01, 0};
        double previous = s[0] - Math.PI;
        double firstCrossing = -1;
        double period = -1;
        for (int i = 1; i < 400_000 && period < 0; i++) {
            PendulumPlant.advance(s, 0, 0.0, dt);
            double phi = s[0] - Math.PI;
            if (previous > 0 && phi <= 0) {
                double t = i * dt;
                if (firstCrossing < 0) {
                    firstCrossing = t;
                } else {
                    period = t - firstCrossing;
                }
            }
            previous = phi;
        }
        assertEquals(expected, period, 1e-3);
    }

    @Test
    void resetDrawsAngleAndRateFromGymnasiumsRanges() {
        double[] s = new double[2];
        double minTheta = 9;
        double maxTheta = -9;
        double maxRate = 0;
        for (int i = 0; i < 10_000; i++) {
            plant.reset(rng, new double[0], 0, s, 0);
            minTheta = Math.min(minTheta, s[0]);
            maxTheta = Math.max(maxTheta, s[0]);
            maxRate = Math.max(maxRate, Math.abs(s[1]));
        }
        assertTrue(minTheta >= -Math.PI && minTheta < -Math.PI + 0.01);
        assertTrue(maxTheta < Math.PI && maxTheta > Math.PI - 0.01);
        assertTrue(maxRate <= 1.0 && maxRate > 0.99);
    }
}
