package dev.sim2pi.sim.env;

import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Rng;

/**
 * Per-episode values of a plant's parameters: each drawn from its declared range (uniform,
 * log-uniform or whole steps), or the nominal model when randomization is off. The draws of
 * episode {@code e} of environment {@code i} come from a stream seeded by
 * {@code Rng.mix(seed, i, e)}, so they are reproducible and independent of every other
 * environment and episode.
 *
 * <p>Two parameter names are reserved and read here, not by plants: {@value #LATENCY} and
 * {@value #DELAY}, whole numbers of control steps (distribution {@code INTEGER}).
 */
public final class EpisodeParameters {

    /** Reserved parameter: control steps between a command and the plant applying it. */
    public static final String LATENCY = "action_latency_steps";
    /** Reserved parameter: control steps between a reading and the observation showing it. */
    public static final String DELAY = "observation_delay_steps";

    private final ParameterSpace space;
    private final boolean randomize;
    private final int latencyIndex;
    private final int delayIndex;
    private final int maxLatency;
    private final int maxDelay;

    public EpisodeParameters(ParameterSpace space, boolean randomize) {
        this.space = space;
        this.randomize = randomize;
        this.latencyIndex = space.names().indexOf(LATENCY);
        this.delayIndex = space.names().indexOf(DELAY);
        this.maxLatency = maxSteps(LATENCY, latencyIndex);
        this.maxDelay = maxSteps(DELAY, delayIndex);
    }

    private int maxSteps(String name, int index) {
        if (index < 0) {
            return 0;
        }
        Parameter p = space.parameters().get(index);
        if (p.distribution() != Parameter.Distribution.INTEGER || p.low() < 0 || p.high() != Math.rint(p.high())
                || p.low() != Math.rint(p.low()) || p.nominal() != Math.rint(p.nominal())) {
            throw new IllegalArgumentException("parameter '" + name
                    + "' must be a whole, non-negative INTEGER number of steps, got " + p);
        }
        return (int) p.high();
    }

    public ParameterSpace space() {
        return space;
    }

    public boolean randomized() {
        return randomize;
    }

    public int size() {
        return space.size();
    }

    /**
     * Reseeds {@code rng} for episode {@code episode} of environment {@code env} and writes that
     * episode's parameter values at {@code out[offset]}; the rest of the episode (initial state,
     * noise) keeps drawing from {@code rng}.
     */
    public void begin(Rng rng, long seed, long env, long episode, double[] out, int offset) {
        rng.reseed(Rng.mix(seed, env, episode));
        if (randomize) {
            space.draw(rng, out, offset);
        } else {
            space.nominal(out, offset);
        }
    }

    /** Largest action latency any episode can draw, in control steps. */
    public int maxLatencySteps() {
        return maxLatency;
    }

    /** Largest observation delay any episode can draw, in control steps. */
    public int maxDelaySteps() {
        return maxDelay;
    }

    /** The action latency of an episode with these parameter values. */
    public int latencySteps(double[] params, int offset) {
        return latencyIndex < 0 ? 0 : (int) params[offset + latencyIndex];
    }

    /** The observation delay of an episode with these parameter values. */
    public int delaySteps(double[] params, int offset) {
        return delayIndex < 0 ? 0 : (int) params[offset + delayIndex];
    }
}
