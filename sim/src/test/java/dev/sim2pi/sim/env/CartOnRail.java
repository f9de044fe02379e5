package dev.sim2pi.sim.env;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.ObservationSpec;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.Parameter.Distribution;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import java.util.List;

/**
 * A test plant small enough to reason about: a position that moves by {@code gain * command} each
 * step, read with an offset and Gaussian noise. Its parameter space exercises every distribution
 * and both reserved delay parameters.
 */
final class CartOnRail implements Plant {

    static final int GAIN = 0;
    static final int OFFSET = 1;
    static final int NOISE = 2;
    static final int LATENCY = 3;
    static final int DELAY = 4;

    private final ParameterSpace space;
    private final RobotTask task = new RailTask();

    /** Randomized gain, offset, noise; latency and delay drawn from the given ranges. */
    CartOnRail(int latencyLow, int latencyNominal, int latencyHigh, int delayLow, int delayNominal, int delayHigh,
               double noiseStd) {
        space = new ParameterSpace(List.of(
                new Parameter("gain", "m", 1.0, 0.25, 4.0, Distribution.LOG_UNIFORM),
                new Parameter("offset", "m", 0.0, -0.5, 0.5, Distribution.UNIFORM),
                new Parameter("noise_std", "m", noiseStd, noiseStd, noiseStd, Distribution.UNIFORM),
                new Parameter(VectorEnv.LATENCY, "steps", latencyNominal, latencyLow, latencyHigh, Distribution.INTEGER),
                new Parameter(VectorEnv.DELAY, "steps", delayNominal, delayLow, delayHigh, Distribution.INTEGER)));
    }

    /** Fixed latency and delay, noiseless, so their effect can be read off exactly. */
    static CartOnRail withDelays(int latency, int delay) {
        return new CartOnRail(latency, latency, latency, delay, delay, delay, 0.0);
    }

    @Override
    public RobotTask task() {
        return task;
    }

    @Override
    public ParameterSpace parameters() {
        return space;
    }

    @Override
    public void reset(Rng rng, double[] params, int po, double[] state, int so) {
        state[so] = 0.0;
    }

    @Override
    public void step(double[] params, int po, double[] state, int so, double[] action, int ao, Rng rng) {
        state[so] += params[po + GAIN] * action[ao];
    }

    @Override
    public void sense(double[] params, int po, double[] state, int so, Rng rng, double[] sensors, int zo) {
        double noise = params[po + NOISE];
        sensors[zo] = state[so] + params[po + OFFSET] + (noise == 0 ? 0 : noise * rng.gaussian());
    }

    private static final class RailTask implements RobotTask {
        private static final Layout X = Layout.of(Channel.unbounded("x", "m"));

        public String id() { return "rail"; }
        public int version() { return 1; }
        public String description() { return "test rail"; }
        public Layout state() { return X; }
        public Layout sensors() { return X; }
        public Layout actions() { return Layout.of(Channel.symmetric("u", "1", 1)); }
        public ObservationSpec observationSpec() { return new ObservationSpec(X, 2, 1); }
        public double controlPeriodSeconds() { return 0.01; }
        public int maxEpisodeSteps() { return 40; }
        public void features(double[] s, int so, float[] out, int oo) { out[oo] = (float) s[so]; }
        public double reward(double[] b, int bo, double[] a, int ao, double[] n, int no) { return n[no] - b[bo]; }
        public boolean terminated(double[] s, int so) { return s[so] > 1000; }
    }
}
