package dev.sim2pi.sim.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.tasks.CartPoleTask;
import dev.sim2pi.sim.Rng;
import org.junit.jupiter.api.Test;

class CartPoleTwinTest {

    private final CartPolePlant training = new CartPolePlant();

    /** The nominal rig with every twin-only effect switched off. */
    private static double[] neutral() {
        double[] p = new double[CartPoleTwin.SCHEMA.size()];
        CartPolePlant.shippedRanges().nominal(p, 0);
        p[CartPoleTwin.BACKLASH] = 0;
        p[CartPoleTwin.GEAR_STIFFNESS] = 1.0;
        p[CartPoleTwin.STATIC_FRICTION] = p[CartPoleParameters.CART_COULOMB_FRICTION];
        p[CartPoleTwin.LATENCY_JITTER] = 0;
        p[CartPoleTwin.SENSOR_DROPOUT_PROBABILITY] = 0;
        p[CartPoleTwin.DROPOUT_ZEROES] = 0;
        p[CartPoleTwin.MOTOR_ASYMMETRY] = 0;
        return p;
    }

    private static double[] hanging(CartPoleTwin twin, double[] p) {
        double[] s = new double[twin.simStateSize()];
        twin.reset(new Rng(1), p, 0, s, 0);
        s[CartPoleTask.CART_POSITION] = 0;
        s[CartPoleTask.POLE_ANGLE] = Math.PI;
        s[CartPoleTask.POLE_RATE] = 0;
        s[CartPoleTwin.MOTOR_ANGLE] = 0;
        return s;
    }

    private static void run(CartPoleTwin twin, double[] p, double[] s, double volts, int steps, Rng rng) {
        for (int k = 0; k < steps; k++) {
            twin.step(p, 0, s, 0, new double[] {volts}, 0, rng);
        }
    }

    @Test
    void twinWithItsEffectsOffFollowsTheTrainingPlant() {
        double[] p = neutral();
        CartPoleTwin twin = CartPoleTwin.of(p);
        double[] a = {0, 0, Math.PI - 0.3, 0};
        double[] b = hanging(twin, p);
        b[CartPoleTask.POLE_ANGLE] = Math.PI - 0.3;
        double worst = 0;
        for (int k = 0; k < 100; k++) {
            double volts = 6 * Math.sin(0.2 * k);
            training.step(p, 0, a, 0, new double[] {volts}, 0, new Rng(1));
            twin.step(p, 0, b, 0, new double[] {volts}, 0, new Rng(1));
            worst = Math.max(worst, Math.abs(a[CartPoleTask.CART_POSITION] - b[CartPoleTask.CART_POSITION]));
        }
        assertTrue(worst < 0.01, "cart positions differ by " + worst + " m");
        assertEquals(a[CartPoleTask.POLE_ANGLE], b[CartPoleTask.POLE_ANGLE], 0.05);
    }

    @Test
    void backlashOpensADeadZoneOfItsWidthOnReversal() {
        double[] p = neutral();
        double[] loose = p.clone();
        loose[CartPoleTwin.BACKLASH] = 0.2;
        double tight = reversalHysteresis(p);
        double play = reversalHysteresis(loose);
        // Both include the belt's stretch under the friction load each way (about 0.01 rad).
        assertTrue(tight < 0.03, "no play: motor and pulley agree to " + tight + " rad");
        assertEquals(0.2 + tight, play, 0.01, "hysteresis between motor and pulley angle");
    }

    /** Motor-minus-pulley angle while driving +x, less the same while driving -x. */
    private static double reversalHysteresis(double[] p) {
        CartPoleTwin twin = CartPoleTwin.of(p);
        double[] s = hanging(twin, p);
        double rp = p[CartPoleParameters.PULLEY_RADIUS];
        run(twin, p, s, 3, 10, new Rng(2));
        double forward = s[CartPoleTwin.MOTOR_ANGLE] - s[CartPoleTask.CART_POSITION] / rp;
        run(twin, p, s, -3, 10, new Rng(2));
        double backward = s[CartPoleTwin.MOTOR_ANGLE] - s[CartPoleTask.CART_POSITION] / rp;
        return forward - backward;
    }

    @Test
    void stictionHoldsTheCartBelowBreakaway() {
        double[] p = neutral();
        double[] sticky = p.clone();
        sticky[CartPoleTwin.STATIC_FRICTION] = 1.5;
        // 0.6 V: about 0.8 N of stall force at the belt (1.1 N at the mesh's overshoot), above Coulomb
        // (0.3 N), below breakaway (1.5 N).
        double[] a = hanging(CartPoleTwin.of(p), p);
        double[] b = hanging(CartPoleTwin.of(sticky), sticky);
        run(CartPoleTwin.of(p), p, a, 0.6, 25, new Rng(3));
        run(CartPoleTwin.of(sticky), sticky, b, 0.6, 25, new Rng(3));
        assertTrue(a[CartPoleTask.CART_POSITION] > 1e-3, "slides without stiction: " + a[CartPoleTask.CART_POSITION]);
        assertEquals(0, b[CartPoleTask.CART_POSITION], 0);
        run(CartPoleTwin.of(sticky), sticky, b, 4, 10, new Rng(3));
        assertTrue(b[CartPoleTask.CART_POSITION] > 1e-3, "breaks away under a larger force");
    }

    @Test
    void latencyJitterDelaysTheCommandWithinThePeriod() {
        double[] p = neutral();
        double[] late = p.clone();
        late[CartPoleTwin.LATENCY_JITTER] = 0.015;
        Rng rng = new Rng(4);
        double prompt = 0;
        double delayed = 0;
        for (int trial = 0; trial < 20; trial++) {
            double[] a = hanging(CartPoleTwin.of(p), p);
            double[] b = hanging(CartPoleTwin.of(late), late);
            run(CartPoleTwin.of(p), p, a, 8, 1, rng);
            run(CartPoleTwin.of(late), late, b, 8, 1, rng);
            prompt += a[CartPoleTask.CART_VELOCITY];
            delayed += b[CartPoleTask.CART_VELOCITY];
        }
        double ratio = delayed / prompt;
        assertTrue(ratio > 0.3 && ratio < 0.85, "velocity ratio after one period " + ratio);
    }

    @Test
    void poleEncoderDropoutsHappenAtTheConfiguredRateAndHold() {
        double[] p = neutral();
        p[CartPoleTwin.SENSOR_DROPOUT_PROBABILITY] = 0.05;
        CartPoleTwin twin = CartPoleTwin.of(p);
        double[] s = new double[twin.simStateSize()];
        double[] previous = new double[2];
        double[] reading = new double[2];
        Rng rng = new Rng(5);
        long dropouts = 0;
        int steps = 0;
        for (int episode = 0; episode < 20; episode++) {
            twin.reset(rng, p, 0, s, 0);
            twin.sense(p, 0, s, 0, rng, previous, 0);
            for (int k = 0; k < 500; k++) {
                long before = CartPoleTwin.dropouts(s, 0);
                twin.step(p, 0, s, 0, new double[] {3 * Math.sin(0.1 * k)}, 0, rng);
                twin.sense(p, 0, s, 0, rng, reading, 0);
                if (CartPoleTwin.dropouts(s, 0) > before) {
                    assertEquals(previous[1], reading[1], 0, "pole angle held");
                }
                System.arraycopy(reading, 0, previous, 0, 2);
                steps++;
            }
            dropouts += CartPoleTwin.dropouts(s, 0);
        }
        assertEquals(0.05 * steps, dropouts, 4 * Math.sqrt(steps * 0.05 * 0.95));
    }

    @Test
    void directionAsymmetryMakesOppositeCommandsUnequal() {
        double[] p = neutral();
        p[CartPoleTwin.MOTOR_ASYMMETRY] = 0.1;
        CartPoleTwin twin = CartPoleTwin.of(p);
        double[] a = hanging(twin, p);
        double[] b = hanging(twin, p);
        run(twin, p, a, 4, 5, new Rng(6));
        run(twin, p, b, -4, 5, new Rng(6));
        assertTrue(a[CartPoleTask.CART_POSITION] > -b[CartPoleTask.CART_POSITION] * 1.05,
                "+x " + a[CartPoleTask.CART_POSITION] + " vs -x " + b[CartPoleTask.CART_POSITION]);
        double[] neutralP = neutral();
        double[] c = hanging(CartPoleTwin.of(neutralP), neutralP);
        double[] d = hanging(CartPoleTwin.of(neutralP), neutralP);
        run(CartPoleTwin.of(neutralP), neutralP, c, 4, 5, new Rng(6));
        run(CartPoleTwin.of(neutralP), neutralP, d, -4, 5, new Rng(6));
        assertEquals(c[CartPoleTask.CART_POSITION], -d[CartPoleTask.CART_POSITION], 1e-9, "symmetric without it");
    }

    @Test
    void shippedTwinLoadsAndDiffersFromNominal() {
        CartPoleTwin twin = CartPoleTwin.shipped();
        double[] t = new double[twin.parameters().size()];
        twin.parameters().nominal(t, 0);
        double[] nominal = new double[training.parameters().size()];
        training.parameters().nominal(nominal, 0);
        int differing = 0;
        for (int i = 0; i < nominal.length; i++) {
            differing += t[i] != nominal[i] ? 1 : 0;
        }
        assertTrue(differing >= 15, "only " + differing + " differ");
        double[] s = new double[twin.simStateSize()];
        twin.reset(new Rng(7), t, 0, s, 0);
        run(twin, t, s, 0, 50, new Rng(7));
        assertFalse(twin.task().terminated(s, 0));
    }
}
