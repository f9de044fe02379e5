package dev.sim2pi.sim.control;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.robots.BalancerParameters;

/**
 * A balancing controller for the {@code balancer} designed from the plant's own linearization:
 * full-state feedback on position, forward speed, pitch and pitch rate to the common motor duty,
 * plus a proportional yaw-rate loop on the duty difference. It reads the true state, so it tests
 * the physics, not an estimator. Test fixture shared through the sim test-jar (firmware-bridge
 * drives its simulated robot with it).
 */
public final class BalancerLqr {

    /** Linearized states: position, forward speed, pitch, pitch rate. */
    public static final int[] STATES = {BalancerTask.POSITION, BalancerTask.FORWARD_SPEED,
            BalancerTask.PITCH, BalancerTask.PITCH_RATE};

    private final double[] gain;
    private final double deadband;
    private final double yawGain;

    private BalancerLqr(double[] gain, double deadband, double yawGain) {
        this.gain = gain;
        this.deadband = deadband;
        this.yawGain = yawGain;
    }

    /**
     * Designs the controller for {@code plant} with parameter vector {@code params}. The
     * linearization uses the same parameters with PWM quantization and dead band taken out (they
     * have no derivative at zero duty); the controller then adds the dead band back to its output.
     */
    public static BalancerLqr design(Plant plant, double[] params) {
        double[] smooth = params.clone();
        int deadbandIndex = BalancerParameters.PWM_DEADBAND;
        smooth[deadbandIndex] = 0;
        smooth[BalancerParameters.PWM_STEPS] = 0;
        double[] upright = new double[plant.simStateSize()];
        PlantLinearization lin = PlantLinearization.of(plant, smooth, upright, new double[2], STATES,
                new double[][] {{1, 1}}, 1e-5);
        double[][] k = Lqr.discreteGain(lin.a(), lin.b(), Lqr.diagonal(2, 1, 20, 0.5), Lqr.diagonal(1));
        return new BalancerLqr(k[0], params[deadbandIndex], 0.3);
    }

    /** The state-feedback gains on position, speed, pitch, pitch rate. */
    public double[] gain() {
        return gain.clone();
    }

    /** Writes the two duties for simulation state {@code state}, holding position 0 and yaw rate 0. */
    public void act(double[] state, int so, double[] action, int ao) {
        double u = 0;
        for (int i = 0; i < STATES.length; i++) {
            u -= gain[i] * state[so + STATES[i]];
        }
        double turn = -yawGain * state[so + BalancerTask.YAW_RATE];
        action[ao + BalancerTask.DUTY_LEFT] = compensate(u - turn);
        action[ao + BalancerTask.DUTY_RIGHT] = compensate(u + turn);
    }

    private double compensate(double duty) {
        double d = duty == 0 ? 0 : duty + Math.copySign(deadband, duty);
        return Math.max(-1, Math.min(1, d));
    }
}
