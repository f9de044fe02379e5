package dev.sim2pi.sim.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.tasks.CartPoleTask;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.control.Lqr;
import dev.sim2pi.sim.control.PlantLinearization;
import dev.sim2pi.sim.motor.DcMotor;
import org.junit.jupiter.api.Test;

class CartPolePlantTest {

    private final CartPolePlant plant = new CartPolePlant();
    private final CartPoleTask task = plant.task();

    private double[] nominal() {
        double[] p = new double[plant.parameters().size()];
        plant.parameters().nominal(p, 0);
        return p;
    }

    @Test
    void cartAtFixedVoltageSettlesAtTheSpeedTheMotorConstantsPredict() {
        double[] p = nominal();
        // A featherweight frictionless pole, so the cart alone loads the motor.
        p[CartPoleParameters.POLE_MASS] = 1e-6;
        p[CartPoleParameters.POLE_INERTIA] = 1e-8;
        p[CartPoleParameters.POLE_PIVOT_FRICTION] = 0;
        double[] s = {-0.4, 0, Math.PI, 0};
        double[] volts = {3.0};
        for (int k = 0; k < 25; k++) {
            plant.step(p, 0, s, 0, volts, 0, new Rng(1));
        }
        double rp = p[CartPoleParameters.PULLEY_RADIUS];
        double duty = CartPolePlant.duty(3.0, p, 0);
        double terminal = duty * p[CartPoleParameters.SUPPLY_VOLTAGE];
        // Cart friction seen at the gearbox output; the sag is folded into the winding resistance.
        double predicted = rp * DcMotor.steadySpeed(terminal, p[CartPoleParameters.GEAR_RATIO],
                p[CartPoleParameters.MOTOR_BACK_EMF_CONSTANT], p[CartPoleParameters.MOTOR_TORQUE_CONSTANT],
                p[CartPoleParameters.MOTOR_RESISTANCE] + p[CartPoleParameters.SUPPLY_RESISTANCE] * duty * duty,
                p[CartPoleParameters.GEAR_EFFICIENCY],
                p[CartPoleParameters.CART_VISCOUS_FRICTION] * rp * rp,
                p[CartPoleParameters.CART_COULOMB_FRICTION] * rp);
        assertEquals(predicted, s[CartPoleTask.CART_VELOCITY], 1e-3 * predicted);
        assertTrue(predicted > 0.1, "the cart moves: " + predicted);
    }

    @Test
    void mirroredVoltageFromAMirroredStartGivesMirroredMotion() {
        double[] p = nominal();
        double[] a = {0.05, 0, Math.PI - 0.1, 0.2};
        double[] b = {-0.05, 0, -(Math.PI - 0.1), -0.2};
        for (int k = 0; k < 100; k++) {
            double v = 6 * Math.sin(k * 0.15);
            plant.step(p, 0, a, 0, new double[] {v}, 0, new Rng(1));
            plant.step(p, 0, b, 0, new double[] {-v}, 0, new Rng(1));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(-a[i], b[i], 1e-9, task.state().get(i).name());
        }
        assertTrue(Math.abs(a[CartPoleTask.CART_POSITION] - 0.05) > 0.01, "the cart moved");
    }

    @Test
    void hangingPoleWithoutCommandStaysDown() {
        double[] p = nominal();
        double[] s = {0, 0, Math.PI + 0.2, 0};
        for (int k = 0; k < 500; k++) {
            plant.step(p, 0, s, 0, new double[] {0}, 0, new Rng(1));
            assertTrue(Math.abs(s[CartPoleTask.POLE_ANGLE] - Math.PI) <= 0.2 + 1e-9, "swings no higher than released");
        }
        assertFalse(task.terminated(s, 0));
    }

    @Test
    void drivingIntoATrackEndEndsTheEpisodeAndTheBumperStopsTheCart() {
        double[] p = nominal();
        double[] s = {0, 0, Math.PI, 0};
        int steps = 0;
        while (!task.terminated(s, 0) && steps < 200) {
            plant.step(p, 0, s, 0, new double[] {12}, 0, new Rng(1));
            steps++;
        }
        assertTrue(task.terminated(s, 0), "reached the end");
        for (int k = 0; k < 50; k++) {
            plant.step(p, 0, s, 0, new double[] {12}, 0, new Rng(1));
        }
        assertEquals(CartPolePlant.BUMPER, s[CartPoleTask.CART_POSITION], 1e-12);
    }

    @Test
    void uprightPoleIsBalancedByLqrFromTheLinearization() {
        double[] p = nominal();
        double[] smooth = p.clone();
        smooth[CartPoleParameters.PWM_DEADBAND] = 0;
        smooth[CartPoleParameters.PWM_STEPS] = 0;
        PlantLinearization lin = PlantLinearization.of(plant, smooth, new double[4], new double[1],
                new int[] {0, 1, 2, 3}, new double[][] {{1}}, 1e-6);
        double[] k = Lqr.discreteGain(lin.a(), lin.b(), Lqr.diagonal(10, 1, 10, 1), Lqr.diagonal(0.01))[0];
        double[] s = {0, 0, 0.1, 0};
        double[] u = new double[1];
        double deadbandVolts = p[CartPoleParameters.PWM_DEADBAND] * CartPoleTask.MAX_VOLTAGE;
        double ret = 0;
        for (int step = 0; step < 500; step++) {
            double v = -(k[0] * s[0] + k[1] * s[1] + k[2] * s[2] + k[3] * s[3]);
            u[0] = v == 0 ? 0 : v + Math.copySign(deadbandVolts, v);
            double[] before = s.clone();
            plant.step(p, 0, s, 0, u, 0, new Rng(1));
            ret += task.reward(before, 0, u, 0, s, 0);
            assertFalse(task.terminated(s, 0), "hit the track end at step " + step);
        }
        assertTrue(Math.abs(s[CartPoleTask.POLE_ANGLE]) < 0.05, "upright, pole at " + s[CartPoleTask.POLE_ANGLE]);
        assertTrue(ret > 450, "balancing for 10 s scores near the 500 maximum, got " + ret);
    }

    /**
     * The task is solvable with this motor and track: a hand-written controller (pump energy with
     * the cart in phase with the pole, pull the cart to the centre, catch with LQR near upright)
     * swings up in about 3.5 s and clears the 350 return the task documents.
     */
    @Test
    void handWrittenSwingUpAndCatchClearsTheDocumentedReturn() {
        double[] p = nominal();
        double[] smooth = p.clone();
        smooth[CartPoleParameters.PWM_DEADBAND] = 0;
        smooth[CartPoleParameters.PWM_STEPS] = 0;
        PlantLinearization lin = PlantLinearization.of(plant, smooth, new double[4], new double[1],
                new int[] {0, 1, 2, 3}, new double[][] {{1}}, 1e-6);
        double[] k = Lqr.discreteGain(lin.a(), lin.b(), Lqr.diagonal(10, 1, 10, 1), Lqr.diagonal(0.01))[0];
        double mgl = p[CartPoleParameters.POLE_MASS] * p[CartPoleParameters.POLE_COM_LENGTH] * CartPolePlant.GRAVITY;
        double pivotInertia = p[CartPoleParameters.POLE_INERTIA]
                + p[CartPoleParameters.POLE_MASS] * Math.pow(p[CartPoleParameters.POLE_COM_LENGTH], 2);
        double deadbandVolts = p[CartPoleParameters.PWM_DEADBAND] * CartPoleTask.MAX_VOLTAGE;
        for (int seed = 1; seed <= 3; seed++) {
            double[] s = new double[4];
            plant.reset(new Rng(seed), p, 0, s, 0);
            double ret = 0;
            double[] u = new double[1];
            for (int step = 0; step < task.maxEpisodeSteps(); step++) {
                double angle = Math.IEEEremainder(s[CartPoleTask.POLE_ANGLE], 2 * Math.PI);
                double rate = s[CartPoleTask.POLE_RATE];
                double volts;
                if (Math.abs(angle) < 0.4) {
                    double v = -(k[0] * s[0] + k[1] * s[1] + k[2] * angle + k[3] * rate);
                    volts = v + Math.copySign(deadbandVolts, v);
                } else {
                    double energy = 0.5 * pivotInertia * rate * rate + mgl * (Math.cos(angle) - 1);
                    double pump = -4 * rate * Math.cos(angle);
                    if (Math.abs(pump) < 1.5) {
                        pump = Math.copySign(1.5, pump == 0 ? 1 : pump);
                    }
                    volts = (energy < 0 ? pump : 0) - 10 * s[CartPoleTask.CART_POSITION] - 2 * s[CartPoleTask.CART_VELOCITY];
                }
                u[0] = Math.max(-12, Math.min(12, volts));
                double[] before = s.clone();
                plant.step(p, 0, s, 0, u, 0, new Rng(1));
                ret += task.reward(before, 0, u, 0, s, 0);
                assertFalse(task.terminated(s, 0), "seed " + seed + " hit the track end at step " + step);
            }
            assertTrue(ret > 350, "seed " + seed + " return " + ret);
            assertTrue(Math.abs(Math.IEEEremainder(s[CartPoleTask.POLE_ANGLE], 2 * Math.PI)) < 0.05, "ends upright");
        }
    }

    @Test
    void encodersQuantizeToWholeCounts() {
        double[] p = nominal();
        double res = p[CartPoleParameters.CART_ENCODER_RESOLUTION];
        double count = 2 * Math.PI / p[CartPoleParameters.POLE_ENCODER_COUNTS_PER_REV];
        double[] out = new double[2];
        plant.sense(p, 0, new double[] {7.6 * res, 0, 3.3 * count, 0}, 0, new Rng(1), out, 0);
        assertEquals(7 * res, out[CartPoleTask.SENSOR_CART_POSITION], 1e-12);
        assertEquals(3 * count, out[CartPoleTask.SENSOR_POLE_ANGLE], 1e-12);
    }
}
