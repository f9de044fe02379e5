package dev.sim2pi.sim.motor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DcMotorTest {

    // A small gear motor: 3 ohm, ke = kt = 0.0084, 1:30 at 80 % efficiency.
    private static final double R = 3.0;
    private static final double KE = 0.0084;
    private static final double N = 30;
    private static final double EFF = 0.8;

    /** Integrates a flywheel on the output shaft at a fixed voltage for {@code seconds}. */
    private static double spinUp(double volts, double viscous, double coulomb, double seconds) {
        double inertia = 1e-3;
        double h = 1e-4;
        double w = 0;
        for (int k = 0; k < seconds / h; k++) {
            double i = DcMotor.current(volts, w, N, KE, R, 100);
            double torque = DcMotor.outputTorque(i, KE, N, EFF) - DcMotor.friction(w, viscous, coulomb, 0.01);
            w += torque / inertia * h;
        }
        return w;
    }

    @Test
    void frictionlessMotorSettlesAtVoltageOverBackEmfConstant() {
        double w = spinUp(6.0, 0, 0, 3);
        assertEquals(6.0 / (KE * N), w, 1e-6 * w);
        assertEquals(6.0 / (KE * N), DcMotor.steadySpeed(6.0, N, KE, KE, R, EFF, 0, 0), 1e-12);
    }

    @Test
    void motorWithFrictionSettlesWhereTorqueMeetsFriction() {
        double viscous = 0.002;
        double coulomb = 0.01;
        double w = spinUp(6.0, viscous, coulomb, 3);
        double predicted = DcMotor.steadySpeed(6.0, N, KE, KE, R, EFF, viscous, coulomb);
        assertEquals(predicted, w, 1e-6 * predicted);
        // At that speed the motor torque balances friction exactly.
        double torque = DcMotor.outputTorque((6.0 - KE * N * w) / R, KE, N, EFF);
        assertEquals(viscous * w + coulomb, torque, 1e-6);
        assertTrue(w < 6.0 / (KE * N), "friction slows the motor below its no-load speed");
        assertEquals(-w, spinUp(-6.0, viscous, coulomb, 3), 1e-6 * w, "reversed voltage spins it back as fast");
    }

    @Test
    void voltageTooSmallToBeatCoulombFrictionDoesNotTurnTheMotor() {
        // 0.05 V gives 0.0034 N*m at stall, below 0.01 N*m of Coulomb friction.
        assertEquals(0, spinUp(0.05, 0.002, 0.01, 1), 0.01);
        assertEquals(0, DcMotor.steadySpeed(0.05, N, KE, KE, R, EFF, 0.002, 0.01));
    }

    @Test
    void stallCurrentIsLimitedByTheDriver() {
        assertEquals(2.0, DcMotor.current(12, 0, N, KE, R, 2.0));
        assertEquals(-2.0, DcMotor.current(-12, 0, N, KE, R, 2.0));
        assertEquals(1.0, DcMotor.current(3, 0, N, KE, R, 2.0), 1e-12);
    }

    @Test
    void dutyIsQuantizedThenLosesTheDeadBandSymmetrically() {
        assertEquals(0.03, DcMotor.effectiveDuty(0.0312, 100, 0), 1e-12);
        assertEquals(0.0312, DcMotor.effectiveDuty(0.0312, 0, 0), 1e-12);
        assertEquals(0, DcMotor.effectiveDuty(0.049, 100, 0.05));
        assertEquals(0.25, DcMotor.effectiveDuty(0.3, 100, 0.05), 1e-12);
        assertEquals(-0.25, DcMotor.effectiveDuty(-0.3, 100, 0.05), 1e-12);
        assertEquals(0.95, DcMotor.effectiveDuty(7, 100, 0.05), 1e-12);
        assertEquals(0, DcMotor.effectiveDuty(Double.NaN, 100, 0.05));
    }
}
