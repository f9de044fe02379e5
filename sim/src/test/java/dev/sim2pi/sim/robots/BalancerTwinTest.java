package dev.sim2pi.sim.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.control.BalancerLqr;
import org.junit.jupiter.api.Test;

class BalancerTwinTest {

    private final BalancerPlant training = new BalancerPlant();
    private final BalancerTask task = training.task();

    /** The training plant's nominal robot with every twin-only effect switched off. */
    private static double[] neutral() {
        double[] p = new double[BalancerTwin.SCHEMA.size()];
        BalancerPlant.shippedRanges().nominal(p, 0);
        p[BalancerTwin.BACKLASH] = 0;
        p[BalancerTwin.GEAR_STIFFNESS] = 20;
        p[BalancerTwin.STATIC_FRICTION] = p[BalancerParameters.GEAR_COULOMB_FRICTION];
        p[BalancerTwin.LATENCY_JITTER] = 0;
        p[BalancerTwin.IMU_DROPOUT_PROBABILITY] = 0;
        p[BalancerTwin.DROPOUT_ZEROES] = 0;
        p[BalancerTwin.MOTOR_ASYMMETRY] = 0;
        return p;
    }

    private static double[] atRest(BalancerTwin twin, double[] p, double pitch) {
        double[] s = new double[twin.simStateSize()];
        twin.reset(new Rng(1), p, 0, s, 0);
        java.util.Arrays.fill(s, 0, BalancerTwin.DELIVERED, 0.0);
        s[BalancerTask.PITCH] = pitch;
        return s;
    }

    private static void run(BalancerTwin twin, double[] p, double[] s, double left, double right, int steps, Rng rng) {
        for (int k = 0; k < steps; k++) {
            twin.step(p, 0, s, 0, new double[] {left, right}, 0, rng);
        }
    }

    @Test
    void twinWithItsEffectsOffFollowsTheTrainingPlantUnderTheSameController() {
        double[] p = neutral();
        BalancerTwin twin = BalancerTwin.of(p);
        BalancerLqr lqr = BalancerLqr.design(training, p);
        BalancerLqr twinLqr = BalancerLqr.design(training, p);
        double[] a = new double[training.simStateSize()];
        double[] b = atRest(twin, p, 0.1);
        a[BalancerTask.PITCH] = 0.1;
        double[] ua = new double[2];
        double[] ub = new double[2];
        double worst = 0;
        for (int k = 0; k < 200; k++) {
            lqr.act(a, 0, ua, 0);
            twinLqr.act(b, 0, ub, 0);
            training.step(p, 0, a, 0, ua, 0, new Rng(2));
            twin.step(p, 0, b, 0, ub, 0, new Rng(2));
            worst = Math.max(worst, Math.abs(a[BalancerTask.PITCH] - b[BalancerTask.PITCH]));
        }
        assertTrue(worst < 0.01, "pitch of twin and training plant differ by " + worst);
        assertTrue(Math.abs(b[BalancerTask.PITCH]) < 0.02, "twin balanced too");
    }

    @Test
    void backlashLeavesTheWheelUntouchedUntilTheMotorCrossesTheFreePlay() {
        double[] p = neutral();
        double[] withPlay = p.clone();
        withPlay[BalancerTwin.BACKLASH] = 0.1;
        BalancerTwin tight = BalancerTwin.of(p);
        BalancerTwin loose = BalancerTwin.of(withPlay);
        double[] a = atRest(tight, p, 0);
        double[] b = atRest(loose, withPlay, 0);
        run(tight, p, a, 0.5, 0.5, 1, new Rng(3));
        run(loose, withPlay, b, 0.5, 0.5, 1, new Rng(3));
        assertTrue(Math.abs(a[BalancerTask.WHEEL_ANGLE_LEFT]) > 1e-3, "a tight gear turns the wheel at once");
        assertEquals(0, b[BalancerTask.WHEEL_ANGLE_LEFT], 0, "the wheel waits while the motor takes up the play");
        assertEquals(0, b[BalancerTask.PITCH], 0, "no torque reaches the body");
        assertTrue(b[BalancerTwin.MOTOR_ANGLE_LEFT] > 0.01, "the motor itself turned");

        // Drive into contact, then reverse: for a while the mesh is open again.
        run(loose, withPlay, b, 0.5, 0.5, 5, new Rng(3));
        double twist = b[BalancerTwin.MOTOR_ANGLE_LEFT] - b[BalancerTask.WHEEL_ANGLE_LEFT];
        assertTrue(twist >= 0.05, "pushing on the forward flank, twist " + twist);
        run(loose, withPlay, b, -0.5, -0.5, 1, new Rng(3));
        twist = b[BalancerTwin.MOTOR_ANGLE_LEFT] - b[BalancerTask.WHEEL_ANGLE_LEFT];
        assertTrue(Math.abs(twist) < 0.05, "crossing the free play after reversal, twist " + twist);
    }

    @Test
    void stictionHoldsTheMotorBelowBreakaway() {
        double[] p = neutral();
        p[BalancerParameters.GEAR_COULOMB_FRICTION] = 0.01;
        double[] sticky = p.clone();
        sticky[BalancerTwin.STATIC_FRICTION] = 0.03;
        p[BalancerTwin.STATIC_FRICTION] = 0.01;
        // 0.09 duty leaves 0.04 after the dead band: about 0.021 N*m at stall, between the two.
        BalancerTwin free = BalancerTwin.of(p);
        BalancerTwin stuck = BalancerTwin.of(sticky);
        double[] a = atRest(free, p, 0);
        double[] b = atRest(stuck, sticky, 0);
        run(free, p, a, 0.09, 0.09, 30, new Rng(4));
        run(stuck, sticky, b, 0.09, 0.09, 30, new Rng(4));
        assertTrue(Math.abs(a[BalancerTask.WHEEL_ANGLE_LEFT]) > 1e-3, "moves without stiction");
        assertEquals(0, b[BalancerTwin.MOTOR_SPEED_LEFT], 0);
        assertEquals(0, b[BalancerTask.WHEEL_ANGLE_LEFT], 0);
        run(stuck, sticky, b, 0.3, 0.3, 5, new Rng(4));
        assertTrue(b[BalancerTwin.MOTOR_SPEED_LEFT] > 0.1, "breaks away above the breakaway torque");
    }

    @Test
    void latencyJitterDelaysTheCommandWithinThePeriod() {
        double[] p = neutral();
        double[] late = p.clone();
        late[BalancerTwin.LATENCY_JITTER] = 0.008;
        BalancerTwin prompt = BalancerTwin.of(p);
        BalancerTwin jittery = BalancerTwin.of(late);
        double promptSpeed = 0;
        double lateSpeed = 0;
        Rng rng = new Rng(5);
        for (int trial = 0; trial < 20; trial++) {
            double[] a = atRest(prompt, p, 0);
            double[] b = atRest(jittery, late, 0);
            run(prompt, p, a, 0.6, 0.6, 1, rng);
            run(jittery, late, b, 0.6, 0.6, 1, rng);
            promptSpeed += a[BalancerTwin.MOTOR_SPEED_LEFT];
            lateSpeed += b[BalancerTwin.MOTOR_SPEED_LEFT];
            assertTrue(b[BalancerTwin.MOTOR_SPEED_LEFT] <= a[BalancerTwin.MOTOR_SPEED_LEFT] + 1e-12);
        }
        // Mean delay 4 ms of a 10 ms period: the motor has spun up for about 60 % as long.
        double ratio = lateSpeed / promptSpeed;
        assertTrue(ratio > 0.4 && ratio < 0.8, "speed ratio after one period " + ratio);
    }

    @Test
    void imuDropoutsHappenAtTheConfiguredRateAndHoldTheLastReading() {
        double[] p = neutral();
        p[BalancerTwin.IMU_DROPOUT_PROBABILITY] = 0.05;
        BalancerTwin twin = BalancerTwin.of(p);
        double[] s = new double[twin.simStateSize()];
        double[] previous = new double[11];
        double[] reading = new double[11];
        Rng rng = new Rng(6);
        long dropouts = 0;
        int steps = 0;
        int held = 0;
        for (int episode = 0; episode < 40; episode++) {
            twin.reset(rng, p, 0, s, 0);
            twin.sense(p, 0, s, 0, rng, previous, 0);
            for (int k = 0; k < 500; k++) {
                long before = BalancerTwin.dropouts(s, 0);
                twin.step(p, 0, s, 0, new double[] {0.2 * Math.sin(k), 0.1}, 0, rng);
                twin.sense(p, 0, s, 0, rng, reading, 0);
                if (BalancerTwin.dropouts(s, 0) > before) {
                    for (int c = 0; c < 6; c++) {
                        assertEquals(previous[c], reading[c], 0, "IMU channel " + c + " held");
                    }
                    held++;
                }
                System.arraycopy(reading, 0, previous, 0, 11);
                steps++;
            }
            dropouts += BalancerTwin.dropouts(s, 0);
        }
        double expected = 0.05 * steps;
        double sigma = Math.sqrt(steps * 0.05 * 0.95);
        assertEquals(expected, dropouts, 4 * sigma, "dropouts in " + steps + " readings");
        assertEquals(dropouts, held);
    }

    @Test
    void zeroingDropoutsReadZero() {
        double[] p = neutral();
        p[BalancerTwin.IMU_DROPOUT_PROBABILITY] = 1;
        p[BalancerTwin.DROPOUT_ZEROES] = 1;
        BalancerTwin twin = BalancerTwin.of(p);
        double[] s = atRest(twin, p, 0.05);
        double[] reading = new double[11];
        run(twin, p, s, 0, 0, 1, new Rng(7));
        twin.sense(p, 0, s, 0, new Rng(7), reading, 0);
        for (int c = 0; c < 6; c++) {
            assertEquals(0, reading[c], 0);
        }
        assertTrue(reading[BalancerTask.BATTERY_VOLTAGE] > 7, "other channels still read");
    }

    @Test
    void motorAsymmetryMakesEqualDutiesYaw() {
        double[] p = neutral();
        double[] lopsided = p.clone();
        lopsided[BalancerTwin.MOTOR_ASYMMETRY] = 0.05;
        BalancerTwin even = BalancerTwin.of(p);
        BalancerTwin uneven = BalancerTwin.of(lopsided);
        double[] a = atRest(even, p, 0);
        double[] b = atRest(uneven, lopsided, 0);
        run(even, p, a, 0.4, 0.4, 30, new Rng(8));
        run(uneven, lopsided, b, 0.4, 0.4, 30, new Rng(8));
        assertEquals(0, a[BalancerTask.YAW], 1e-12, "matched motors drive straight");
        // Larger constants mean more torque but a lower no-load speed (V / ke): once rolling, the left
        // wheel lags and the robot turns left.
        assertTrue(b[BalancerTask.YAW] > 0.01, "equal duties turned the robot, yaw " + b[BalancerTask.YAW]);
    }

    @Test
    void shippedTwinIsARobotTheTrainerHasNotSeen() {
        BalancerTwin twin = BalancerTwin.shipped();
        double[] t = new double[twin.parameters().size()];
        twin.parameters().nominal(t, 0);
        double[] nominal = new double[training.parameters().size()];
        training.parameters().nominal(nominal, 0);
        int differing = 0;
        for (int i = 0; i < nominal.length; i++) {
            if (t[i] != nominal[i]) {
                differing++;
            }
        }
        assertTrue(differing >= 25, "only " + differing + " parameters differ from nominal");
        for (var p : twin.parameters().parameters()) {
            assertEquals(p.low(), p.high(), 0, p.name() + " is fixed in a twin");
        }
    }

    @Test
    void shippedTwinStaysUpUnderTheNominalLqrButLessTidily() {
        BalancerTwin twin = BalancerTwin.shipped();
        double[] tp = new double[twin.parameters().size()];
        twin.parameters().nominal(tp, 0);
        double[] nominal = new double[training.parameters().size()];
        training.parameters().nominal(nominal, 0);
        BalancerLqr lqr = BalancerLqr.design(training, nominal);
        double[] s = atRest(twin, tp, 0.05);
        double[] u = new double[2];
        Rng rng = new Rng(9);
        for (int k = 0; k < 1000; k++) {
            lqr.act(s, 0, u, 0);
            twin.step(tp, 0, s, 0, u, 0, rng);
            assertFalse(task.terminated(s, 0), "fell at step " + k);
        }
    }
}
