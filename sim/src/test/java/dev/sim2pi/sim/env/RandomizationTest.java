package dev.sim2pi.sim.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.sim.Parameter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomizationTest {

    private static final int ENVS = 4000;

    private static CartOnRail randomized() {
        return new CartOnRail(0, 1, 3, 0, 0, 2, 0.01);
    }

    @Test
    void everyDrawStaysInItsRangeAndCoversIt() {
        CartOnRail plant = randomized();
        try (VectorEnv env = new VectorEnv(plant, ENVS, EnvOptions.defaults().withThreads(1))) {
            env.reset(42);
            double[] params = env.parameters();
            int p = plant.parameters().size();
            for (int k = 0; k < p; k++) {
                Parameter par = plant.parameters().parameters().get(k);
                int[] bins = new int[10];
                double logMid = Math.sqrt(par.low() * par.high());
                int belowGeometricMid = 0;
                for (int i = 0; i < ENVS; i++) {
                    double v = params[i * p + k];
                    assertTrue(v >= par.low() && v <= par.high(), par.name() + " = " + v);
                    if (par.low() < par.high()) {
                        int bin = (int) Math.min(9, (v - par.low()) / (par.high() - par.low()) * 10);
                        bins[bin]++;
                    }
                    if (v < logMid) {
                        belowGeometricMid++;
                    }
                }
                if (par.distribution() == Parameter.Distribution.INTEGER) {
                    int[] counts = new int[(int) par.high() + 1];
                    for (int i = 0; i < ENVS; i++) {
                        double v = params[i * p + k];
                        assertEquals(Math.rint(v), v, par.name() + " is whole");
                        counts[(int) v]++;
                    }
                    double share = 1.0 / (par.high() - par.low() + 1);
                    for (int value = (int) par.low(); value <= par.high(); value++) {
                        assertEquals(share, counts[value] / (double) ENVS, 0.04, par.name() + " takes " + value);
                    }
                } else if (par.distribution() == Parameter.Distribution.LOG_UNIFORM) {
                    // Uniform in log space: half the draws fall below the geometric mean of the range.
                    assertEquals(0.5, belowGeometricMid / (double) ENVS, 0.04, par.name());
                    assertTrue(Arrays.stream(bins).allMatch(b -> b > 0), par.name() + " bins " + Arrays.toString(bins));
                } else if (par.low() < par.high()) {
                    for (int b : bins) {
                        assertEquals(ENVS / 10.0, b, ENVS / 10.0 * 0.25, par.name() + " bins " + Arrays.toString(bins));
                    }
                }
            }
            for (int i = 0; i < ENVS; i++) {
                assertEquals((int) params[i * p + CartOnRail.LATENCY], env.actionLatency(i));
                assertEquals((int) params[i * p + CartOnRail.DELAY], env.observationDelay(i));
            }
        }
    }

    @Test
    void drawsDependOnlyOnSeedEnvironmentAndEpisode() {
        CartOnRail plant = randomized();
        int p = plant.parameters().size();
        try (VectorEnv small = new VectorEnv(plant, 3, EnvOptions.defaults().withThreads(1));
             VectorEnv large = new VectorEnv(plant, 9, EnvOptions.defaults().withThreads(3))) {
            small.reset(7);
            large.reset(7);
            double[] smallEpisode0 = Arrays.copyOfRange(small.parameters(), 2 * p, 3 * p);
            assertArrayEquals(smallEpisode0, Arrays.copyOfRange(large.parameters(), 2 * p, 3 * p));
            assertFalse(Arrays.equals(smallEpisode0, Arrays.copyOfRange(large.parameters(), 1 * p, 2 * p)),
                    "neighbouring environments draw differently");
            double[] actions = new double[9];
            for (int t = 0; t < 40; t++) {
                small.step(actions);
                large.step(actions);
            }
            assertEquals(1, small.episode(2));
            assertEquals(1, large.episode(2));
            double[] smallEpisode1 = Arrays.copyOfRange(small.parameters(), 2 * p, 3 * p);
            assertArrayEquals(smallEpisode1, Arrays.copyOfRange(large.parameters(), 2 * p, 3 * p));
            assertFalse(Arrays.equals(smallEpisode0, smallEpisode1), "a new episode draws again");
            small.reset(7);
            assertArrayEquals(smallEpisode0, Arrays.copyOfRange(small.parameters(), 2 * p, 3 * p));
            small.reset(8);
            assertFalse(Arrays.equals(smallEpisode0, Arrays.copyOfRange(small.parameters(), 2 * p, 3 * p)));
        }
    }

    @Test
    void withoutRandomizationEveryEpisodeIsTheNominalModel() {
        CartOnRail plant = randomized();
        int p = plant.parameters().size();
        double[] nominal = new double[p];
        plant.parameters().nominal(nominal, 0);
        try (VectorEnv env = new VectorEnv(plant, 50, new EnvOptions(1, false, true))) {
            env.reset(3);
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(nominal, Arrays.copyOfRange(env.parameters(), i * p, (i + 1) * p));
                assertEquals(1, env.actionLatency(i));
            }
        }
    }

    @Test
    void actionLatencyDelaysEveryCommandByItsSteps() {
        for (int k = 0; k <= 3; k++) {
            try (VectorEnv env = new VectorEnv(CartOnRail.withDelays(k, 0), 1, new EnvOptions(1, false, true))) {
                env.reset(1);
                double[] command = new double[1];
                for (int t = 0; t < 12; t++) {
                    command[0] = t + 1; // a different command every step
                    env.step(command);
                    // the plant has applied commands 1 .. t+1-k; x = sum of them
                    int n = Math.max(0, t + 1 - k);
                    assertEquals(n * (n + 1) / 2.0, env.states()[0], 1e-12, "latency " + k + " step " + t);
                    assertEquals(t + 1 - k > 0 ? n : 0, env.rewards()[0], 1e-12, "reward sees the applied command");
                }
            }
        }
    }

    @Test
    void observationDelayShowsTheReadingFromStepsAgo() {
        for (int d = 0; d <= 2; d++) {
            try (VectorEnv env = new VectorEnv(CartOnRail.withDelays(0, d), 1, new EnvOptions(1, false, true))) {
                env.reset(1);
                double[] command = {1.0};
                for (int t = 0; t < 8; t++) {
                    env.step(command);
                    int done = t + 1;
                    float shown = Math.max(0, done - d);
                    float previous = Math.max(0, done - 1 - d);
                    // history of 2 readings, newest first, then the last command
                    assertArrayEquals(new float[] {shown, previous, 1f}, env.observations(), "delay " + d + " step " + t);
                }
            }
        }
    }

    @Test
    void latencyMustBeDeclaredAsWholeSteps() {
        var space = new dev.sim2pi.sim.ParameterSpace(java.util.List.of(
                new Parameter(VectorEnv.LATENCY, "steps", 1, 0, 2.5, Parameter.Distribution.UNIFORM)));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EpisodeParameters(space, true));
        assertTrue(e.getMessage().contains("action_latency_steps"), e.getMessage());
    }
}
