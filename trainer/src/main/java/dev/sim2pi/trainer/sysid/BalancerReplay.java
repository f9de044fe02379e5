package dev.sim2pi.trainer.sysid;

import dev.sim2pi.models.estimate.BalancerEstimator;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.robots.BalancerParameters;
import dev.sim2pi.sim.robots.BalancerPlant;
import dev.sim2pi.trainer.real.Stretches.Stretch;
import java.util.List;

/**
 * The balancer's recorded readings predicted by its training physics: each window starts from the
 * state the robot's own estimator gave at that frame (pitch, rates, speed, the encoder angles), then
 * steps the plant under the recorded commands, applied {@code deadTime} periods late, and predicts
 * the readings of the next {@code horizon} frames. Residuals, in units of a typical error per
 * channel, are pitch rate, yaw rate and forward acceleration from the IMU, the change of each wheel
 * angle since the window began, and the battery voltage. Sensor noise and bias drift are off in the
 * prediction: the fit is of the physics, not of one noise draw.
 *
 * <p>Only the total dead time (action latency plus sensing delay) is identifiable from readings and
 * commands: a reading {@code d} periods late of a command applied {@code L} late looks the same as
 * one {@code L + d} late.
 */
final class BalancerReplay implements Replay {

    /** Typical per-step errors the residuals are divided by (rad/s, rad/s, m/s^2, rad, rad, V). */
    static final double GYRO_SCALE = 0.05;
    static final double ACCEL_SCALE = 0.5;
    static final double WHEEL_SCALE = 0.02;
    static final double BATTERY_SCALE = 0.05;
    static final int CHANNELS = 6;

    private static final int S = 11;
    private final BalancerPlant plant = new BalancerPlant();
    private final List<Stretch> stretches;
    private final int horizon;
    /** Window starts: stretch index and frame. */
    private final int[] windowStretch;
    private final int[] windowFrame;
    /** Estimated state at every frame of every stretch, in the task state layout. */
    private final double[][] startStates;
    private final double[] state = new double[BalancerPlant.SIM_STATE_SIZE];
    private final double[] reading = new double[S];
    private final double[] command = new double[2];
    private final Rng rng = new Rng(0);

    BalancerReplay(List<Stretch> stretches, int horizon, int stride, int maxDeadTime) {
        this.stretches = stretches;
        this.horizon = horizon;
        int n = 0;
        for (Stretch s : stretches) {
            for (int t = maxDeadTime + 1; t + horizon < s.length(); t += stride) {
                n++;
            }
        }
        if (n == 0) {
            throw new dev.sim2pi.models.InputException("the data holds no stretch of consecutive frames longer than "
                    + (maxDeadTime + horizon + 2) + " periods: nothing to identify from");
        }
        windowStretch = new int[n];
        windowFrame = new int[n];
        startStates = new double[stretches.size()][];
        int w = 0;
        int stateSize = new BalancerTask().state().size();
        for (int si = 0; si < stretches.size(); si++) {
            Stretch s = stretches.get(si);
            startStates[si] = estimate(s, stateSize);
            for (int t = maxDeadTime + 1; t + horizon < s.length(); t += stride) {
                windowStretch[w] = si;
                windowFrame[w++] = t;
            }
        }
    }

    private static double[] estimate(Stretch s, int stateSize) {
        BalancerEstimator e = new BalancerEstimator();
        double[] est = new double[e.layout().size()];
        double[] out = new double[s.length() * stateSize];
        for (int k = 0; k < s.length(); k++) {
            if (k == 0) {
                e.reset(s.sensors(), 0, est, 0);
            } else {
                e.update(s.sensors(), k * S, est, 0);
            }
            int o = k * stateSize;
            out[o + BalancerTask.FORWARD_SPEED] = est[BalancerEstimator.FORWARD_SPEED];
            out[o + BalancerTask.PITCH] = est[BalancerEstimator.PITCH];
            out[o + BalancerTask.PITCH_RATE] = est[BalancerEstimator.PITCH_RATE];
            out[o + BalancerTask.YAW_RATE] = est[BalancerEstimator.YAW_RATE];
            out[o + BalancerTask.WHEEL_ANGLE_LEFT] = s.sensors()[k * S + BalancerTask.ENCODER_LEFT];
            out[o + BalancerTask.WHEEL_ANGLE_RIGHT] = s.sensors()[k * S + BalancerTask.ENCODER_RIGHT];
            out[o + BalancerTask.CMD_FORWARD_SPEED] = est[BalancerEstimator.CMD_FORWARD_SPEED];
            out[o + BalancerTask.CMD_YAW_RATE] = est[BalancerEstimator.CMD_YAW_RATE];
        }
        return out;
    }

    @Override
    public int residualCount() {
        return windowStretch.length * horizon * CHANNELS;
    }

    @Override
    public int windows() {
        return windowStretch.length;
    }

    /** Noise and drift off: the prediction is a deterministic function of the parameters. */
    @Override
    public double[] quiet(double[] params) {
        double[] p = params.clone();
        p[BalancerParameters.GYRO_NOISE] = 0;
        p[BalancerParameters.ACCEL_NOISE] = 0;
        p[BalancerParameters.BATTERY_SENSE_NOISE] = 0;
        p[BalancerParameters.GYRO_BIAS_DRIFT] = 0;
        p[BalancerParameters.COMMAND_RESAMPLE_RATE] = 0;
        return p;
    }

    @Override
    public void residuals(double[] p, int deadTime, double[] out) {
        int stateSize = 10;
        int r = 0;
        for (int w = 0; w < windowStretch.length; w++) {
            Stretch s = stretches.get(windowStretch[w]);
            int t = windowFrame[w];
            rng.reseed(w);
            plant.load(p, 0, startStates[windowStretch[w]], t * stateSize, state, 0);
            double[] rec = s.sensors();
            double left0 = rec[t * S + BalancerTask.ENCODER_LEFT];
            double right0 = rec[t * S + BalancerTask.ENCODER_RIGHT];
            for (int k = 1; k <= horizon; k++) {
                int c = (t + k - 1 - deadTime) * 2;
                command[0] = s.commands()[c];
                command[1] = s.commands()[c + 1];
                plant.step(p, 0, state, 0, command, 0, rng);
                plant.sense(p, 0, state, 0, rng, reading, 0);
                int o = (t + k) * S;
                out[r++] = (reading[BalancerTask.GYRO_Y] - rec[o + BalancerTask.GYRO_Y]) / GYRO_SCALE;
                out[r++] = (reading[BalancerTask.GYRO_Z] - rec[o + BalancerTask.GYRO_Z]) / GYRO_SCALE;
                out[r++] = (reading[BalancerTask.ACCEL_X] - rec[o + BalancerTask.ACCEL_X]) / ACCEL_SCALE;
                // The state's wheel angles, not the quantized encoder model: a smooth function of the parameters.
                out[r++] = (state[BalancerTask.WHEEL_ANGLE_LEFT] - left0
                        - (rec[o + BalancerTask.ENCODER_LEFT] - left0)) / WHEEL_SCALE;
                out[r++] = (state[BalancerTask.WHEEL_ANGLE_RIGHT] - right0
                        - (rec[o + BalancerTask.ENCODER_RIGHT] - right0)) / WHEEL_SCALE;
                out[r++] = (reading[BalancerTask.BATTERY_VOLTAGE] - rec[o + BalancerTask.BATTERY_VOLTAGE]) / BATTERY_SCALE;
            }
        }
    }
}
