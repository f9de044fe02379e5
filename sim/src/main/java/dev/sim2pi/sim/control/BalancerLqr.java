package dev.sim2pi.sim.control;

import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.robots.BalancerParameters;

/**
 * A balancing controller for the {@code balancer} designed from the plant's own linearization:
 * full-state feedback on position, forward speed, pitch and pitch rate to the common motor duty,
 * tracking the commanded forward speed through a position reference that moves at that speed
 * (which gives it integral action), plus yaw-rate feedforward and feedback on the duty difference.
 * It reads the true state, so it tests the physics, not an estimator. One instance per robot: it
 * keeps the position reference. Firmware-bridge tests drive their simulated
 * robot with it; the trainer takes demonstrations from it.
 */
public final class BalancerLqr {

    /** Linearized states: position, forward speed, pitch, pitch rate. */
    public static final int[] STATES = {BalancerTask.POSITION, BalancerTask.FORWARD_SPEED,
            BalancerTask.PITCH, BalancerTask.PITCH_RATE};

    private final double[] gain;
    private final double deadband;
    private final double yawGain;
    private final double yawFeedforward;
    private double positionReference;

    private BalancerLqr(double[] gain, double deadband, double yawGain, double yawFeedforward) {
        this.gain = gain;
        this.deadband = deadband;
        this.yawGain = yawGain;
        this.yawFeedforward = yawFeedforward;
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
        // Duty difference that turns the unloaded wheels at a yaw rate of 1 rad/s.
        double feedforward = params[BalancerParameters.TRACK_WIDTH] * params[BalancerParameters.MOTOR_BACK_EMF_CONSTANT]
                * params[BalancerParameters.GEAR_RATIO]
                / (2 * params[BalancerParameters.WHEEL_RADIUS] * params[BalancerParameters.BATTERY_VOLTAGE]);
        return new BalancerLqr(k[0], params[deadbandIndex], 0.3, feedforward);
    }

    /** The state-feedback gains on position, speed, pitch, pitch rate. */
    public double[] gain() {
        return gain.clone();
    }

    /** Starts tracking from the robot's current position (a new episode). */
    public void reset(double[] state, int so) {
        positionReference = state[so + BalancerTask.POSITION];
    }

    /**
     * Writes the two duties for simulation state {@code state}: balance while following the
     * commanded forward speed and yaw rate in the state's command channels. Call once per period.
     */
    public void act(double[] state, int so, double[] action, int ao) {
        double speedCommand = state[so + BalancerTask.CMD_FORWARD_SPEED];
        double yawCommand = state[so + BalancerTask.CMD_YAW_RATE];
        positionReference += speedCommand * BalancerTask.CONTROL_PERIOD_SECONDS;
        double u = -(gain[0] * (state[so + BalancerTask.POSITION] - positionReference)
                + gain[1] * (state[so + BalancerTask.FORWARD_SPEED] - speedCommand)
                + gain[2] * state[so + BalancerTask.PITCH]
                + gain[3] * state[so + BalancerTask.PITCH_RATE]);
        double turn = yawFeedforward * yawCommand + yawGain * (yawCommand - state[so + BalancerTask.YAW_RATE]);
        action[ao + BalancerTask.DUTY_LEFT] = compensate(u - turn);
        action[ao + BalancerTask.DUTY_RIGHT] = compensate(u + turn);
    }

    private double compensate(double duty) {
        double d = duty == 0 ? 0 : duty + Math.copySign(deadband, duty);
        return Math.max(-1, Math.min(1, d));
    }
}
