package dev.sim2pi.sim.motor;

/**
 * A brushed DC gear motor behind a PWM H-bridge, as pure functions so plants call it per substep
 * without allocating: duty to average terminal voltage (PWM quantization, driver dead band,
 * battery voltage after sag), then armature current from back-EMF and winding resistance with the
 * driver's current limit, then output torque through the gearbox, less friction.
 *
 * <p>The winding inductance is left out: its time constant (L/R, well under a millisecond for the
 * small motors here) is shorter than the integration substep, so the current is taken as settled
 * ({@code i = (v - ke * omega_motor) / r}).
 *
 * <p>Speeds and torques without a "motor" in the name are at the gearbox output.
 */
public final class DcMotor {

    private DcMotor() {
    }

    /**
     * The duty the bridge really applies: the command clipped to [-1, 1], rounded to the PWM
     * resolution ({@code pwmSteps} levels per direction, 0 for continuous), minus the dead band
     * the driver's switching dead time eats. NaN commands give 0.
     */
    public static double effectiveDuty(double dutyFraction, double pwmSteps, double deadbandFraction) {
        if (!(dutyFraction == dutyFraction)) {
            return 0;
        }
        double d = Math.max(-1, Math.min(1, dutyFraction));
        if (pwmSteps > 0) {
            d = Math.rint(d * pwmSteps) / pwmSteps;
        }
        double magnitude = Math.abs(d) - deadbandFraction;
        return magnitude <= 0 ? 0 : Math.copySign(magnitude, d);
    }

    /**
     * Armature current in amperes for the given average terminal voltage and output speed,
     * limited to {@code +-currentLimitAmps}.
     */
    public static double current(double volts, double outputSpeed, double gearRatio, double backEmfConstant,
                                 double resistanceOhms, double currentLimitAmps) {
        double i = (volts - backEmfConstant * gearRatio * outputSpeed) / resistanceOhms;
        return Math.max(-currentLimitAmps, Math.min(currentLimitAmps, i));
    }

    /** Torque at the gearbox output for an armature current, before friction. */
    public static double outputTorque(double currentAmps, double torqueConstant, double gearRatio, double efficiency) {
        return currentAmps * torqueConstant * gearRatio * efficiency;
    }

    /**
     * Gearbox friction torque opposing {@code outputSpeed}: viscous plus Coulomb. The Coulomb part
     * ramps linearly within {@code +-smoothingSpeed} so explicit integration does not chatter
     * around standstill.
     */
    public static double friction(double outputSpeed, double viscous, double coulomb, double smoothingSpeed) {
        double ramp = outputSpeed / smoothingSpeed;
        ramp = Math.max(-1, Math.min(1, ramp));
        return viscous * outputSpeed + coulomb * ramp;
    }

    /**
     * The output speed an unloaded motor settles at under a constant terminal voltage, where the
     * motor torque equals the friction (valid while the current stays below the limit and the speed
     * is beyond the Coulomb smoothing band).
     */
    public static double steadySpeed(double volts, double gearRatio, double backEmfConstant, double torqueConstant,
                                     double resistanceOhms, double efficiency, double viscous, double coulomb) {
        double torquePerVolt = torqueConstant * gearRatio * efficiency / resistanceOhms;
        double damping = torquePerVolt * backEmfConstant * gearRatio + viscous;
        double drive = torquePerVolt * Math.abs(volts) - coulomb;
        return drive <= 0 ? 0 : Math.copySign(drive / damping, volts);
    }
}
